/** reachableBuiltins: what a rule can call, through every rule and function it references. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reachableBuiltins } from './dependencies.js';
import { compileModules } from './index.js';

const set = compileModules([
  {
    path: 'lib.rego',
    source: `package lib.clock
import rego.v1
age(ts) := time.now_ns() - time.parse_rfc3339_ns(ts)
plain(x) := upper(x)
`,
  },
  {
    path: 'params.rego',
    source: `package lib.params
import rego.v1
get(name, fallback) := value if {
	value := data.config[name]
} else := fallback
`,
  },
  {
    path: 'checks.rego',
    source: `package checks
import data.lib.clock
import data.lib.params
import rego.v1
old contains x if { some x in input.xs; clock.age(x) > 10 }
named contains y if { some x in input.xs; y := clock.plain(x); params.get("k", 1) == 1 }
helper := count(input.xs)
via_rule contains 1 if helper > 0
dynamic contains v if { some k; v := data.lib[k] }
`,
  },
]);

test('a clock call two rules away is reached; base data and unrelated functions are not', () => {
  assert.ok(reachableBuiltins(set, ['checks', 'old']).has('time.now_ns'));
  const named = reachableBuiltins(set, ['checks', 'named']);
  assert.ok(named.has('upper'));
  assert.ok(!named.has('time.now_ns'), 'data.config[name] reads base data, not the rules beside it');
  assert.deepEqual([...reachableBuiltins(set, ['checks', 'via_rule'])].sort(), ['count', 'gt'].sort());
  assert.ok(reachableBuiltins(set, ['checks', 'dynamic']).has('time.now_ns'), 'data.lib[k] may read any rule under lib');
  assert.equal(reachableBuiltins(set, ['nowhere']).size, 0);
});
