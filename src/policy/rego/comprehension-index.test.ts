/**
 * Comprehension indexing and set membership: each query is compared with a twin the optimization
 * cannot apply to (a `true` between the iteration and the equality, or an array instead of a set),
 * which the evaluator scans as written, and with the grouping worked out in plain JavaScript.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileModules, evaluate, toJSON } from './index.js';

const MODULE = `package t
import rego.v1

ks := {x.k | some x in input.items}

indexed[k] := [x.id | some x in input.items; x.k == k; x.tag != "skip"] if { some k in ks }
scanned[k] := [x.id | some x in input.items; true; x.k == k; x.tag != "skip"] if { some k in ks }

by_key[k] := [i | some i, x in input.items; k == x.k] if { some k in ks }
by_key_scanned[k] := [i | some i, x in input.items; true; k == x.k] if { some k in ks }

item_set := {x | some x in input.items}
from_set[k] := {x.id | some x in item_set; x.k == k} if { some k in ks }
from_set_scanned[k] := {x.id | some x in item_set; true; x.k == k} if { some k in ks }

nested[t] := [x.id | some x in input.items; x.meta.team == t] if { some t in {"red", "blue", "none"} }

probe_set := {p | some p in input.probe_pool}
members := [p | some p in input.probes; some p in probe_set]
members_scanned := [p | some p in input.probes; some p in input.probe_pool]

# A replaced equality must be the one evaluated: here every element "equals" every key.
always_equal(_, _) := true
mocked := m if {
	m := indexed with equal as always_equal
}
`;

function items(): Record<string, unknown>[] {
  return Array.from({ length: 300 }, (_, i) => {
    const item: Record<string, unknown> = { id: `i${i}`, tag: i % 11 === 0 ? 'skip' : 'keep', meta: { team: i % 3 === 0 ? 'red' : 'blue' } };
    // Keys of several types: numbers (3 and 3.0 are one number), strings, composites, and absent.
    if (i % 13 !== 0) item.k = i % 5 === 0 ? `s${i % 4}` : i % 7 === 0 ? [i % 2, 'x'] : i % 6;
    return item;
  });
}

test('indexed comprehensions give exactly the scanned answers, in collection order', () => {
  const set = compileModules([{ path: 't.rego', source: MODULE }]);
  const input = { items: items(), probes: ['a', 'b', 'zz', 'c', 'a'], probe_pool: ['c', 'a', 'q'] };
  const [row] = evaluate(set, 'r := data.t', { input: input as never });
  const t = toJSON(row?.r as never) as Record<string, unknown>;
  assert.deepEqual(t.indexed, t.scanned);
  assert.deepEqual(t.by_key, t.by_key_scanned);
  assert.deepEqual(t.from_set, t.from_set_scanned);
  // Independent answer for the numeric group 3: ids with k == 3 and tag keep, in input order.
  const expected3 = input.items.filter((x) => x.k === 3 && x.tag !== 'skip').map((x) => x.id);
  assert.ok(expected3.length > 10);
  assert.deepEqual((t.indexed as Record<string, unknown>)['3'], expected3);
  assert.deepEqual((t.nested as Record<string, unknown>).none, []);
  assert.deepEqual((t.nested as Record<string, unknown>).red, input.items.filter((x) => (x.meta as { team: string }).team === 'red').map((x) => x.id));
  assert.deepEqual(t.members, ['a', 'c', 'a']);
  // Items without k stay out: x.k is undefined there, whatever equal says.
  const everyKept = input.items.filter((x) => x.k !== undefined && x.tag !== 'skip').map((x) => x.id);
  for (const ids of Object.values(t.mocked as Record<string, unknown>)) assert.deepEqual(ids, everyKept);
  assert.deepEqual(t.members, t.members_scanned);
});
