/**
 * Key lookups into partial rules switch to one full evaluation after a few distinct keys. The
 * answers must be exactly those of key-by-key evaluation, including undefined keys, and an error
 * in a part nobody asked for must not surface.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileModules, evaluate, toJSON } from './index.js';

const MODULE = `package t
import rego.v1

by_from[e.from] contains e.to if { some e in input.edges }

conflicting[p[0]] := p[1] if {
	some p in input.pairs
}

lookups := [[k, count(by_from[k])] | some k in input.keys]
missing := [k | some k in input.keys; not by_from[k]]
safe := [conflicting[k] | some k in input.safe_keys]
`;

test('many distinct key lookups give the same answers as single lookups', () => {
  const set = compileModules([{ path: 't.rego', source: MODULE }]);
  const edges = Array.from({ length: 200 }, (_, i) => ({ from: `n${i % 20}`, to: `m${i}` }));
  const keys = [...Array.from({ length: 20 }, (_, i) => `n${i}`), 'absent-1', 'absent-2'];
  const [row] = evaluate(set, 'l := data.t.lookups; m := data.t.missing', { input: { edges, keys } });
  assert.ok(row);
  assert.deepEqual(toJSON(row.l as never), [...Array.from({ length: 20 }, (_, i) => [`n${i}`, 10]), ['absent-1', 0], ['absent-2', 0]].filter(([, n]) => n !== 0));
  assert.deepEqual(toJSON(row.m as never), ['absent-1', 'absent-2']);
});

test('a conflict in a key nobody asked for does not surface after the switch to full evaluation', () => {
  const set = compileModules([{ path: 't.rego', source: MODULE }]);
  // Key "dup" has two different values: asking for it is a conflict, asking for others is fine.
  const pairs = [...Array.from({ length: 30 }, (_, i) => [`k${i}`, i]), ['dup', 1], ['dup', 2]];
  const safeKeys = Array.from({ length: 30 }, (_, i) => `k${i}`);
  const [row] = evaluate(set, 's := data.t.safe', { input: { pairs, safe_keys: safeKeys } });
  assert.deepEqual(toJSON(row?.s as never), Array.from({ length: 30 }, (_, i) => i));
  assert.throws(() => evaluate(set, 'x := data.t.conflicting.dup', { input: { pairs, safe_keys: [] } }), /eval_conflict_error/);
});

test('a rule whose key is computed in its body is evaluated once, not once per key looked up', () => {
  // `by_id[n.id]`: the key is known only after the body ran, so each lookup by key would run the
  // whole rule. Counting print() calls counts body evaluations: once per node in total.
  const set = compileModules([
    {
      path: 'v.rego',
      source: `package v
import rego.v1

by_id[n.id] := n.size if {
	some n in input.nodes
	print("visit", n.id)
}

sizes := [by_id[k] | some k in input.keys]
`,
    },
  ]);
  const nodes = Array.from({ length: 100 }, (_, i) => ({ id: `n${i}`, size: i }));
  let visits = 0;
  const [row] = evaluate(set, 's := data.v.sizes', { input: { nodes, keys: ['n3', 'n50', 'absent', 'n99'] }, printSink: () => void visits++ });
  assert.deepEqual(toJSON(row?.s as never), [3, 50, 99]);
  assert.equal(visits, 100);
});
