import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LazyArray, stringifyChunks } from '../../src/report/json-chunks.js';
import { HOSTILE, hostileResults } from './fixtures.js';

const joined = (value: unknown, depth: number, space?: number): string | undefined => {
  const chunks = [...stringifyChunks(value, { depth, ...(space === undefined ? {} : { space }) })];
  return chunks.length === 0 ? undefined : chunks.join('');
};

/** Asserts the streamed text equals JSON.stringify's, at every depth and indentation we use. */
function assertSameAsStringify(value: unknown, label: string): void {
  for (const space of [undefined, 0, 2, 4]) {
    for (const depth of [0, 1, 2, 3, 6]) {
      assert.equal(joined(value, depth, space), JSON.stringify(value, null, space), `${label}, depth ${depth}, space ${space}`);
    }
  }
}

test('stringifyChunks gives exactly JSON.stringify for nested, empty and skipped values', () => {
  const cases: Record<string, unknown> = {
    'empty object': {},
    'empty array': [],
    'nested empties': { a: {}, b: [], c: [[], {}, [[]]], d: { e: { f: {} } } },
    primitives: { s: 'x', n: -1.5e-7, z: 0, t: true, f: false, nul: null, big: 1e21, nan: NaN, inf: -Infinity },
    'undefined, functions and symbols in objects are left out': { a: undefined, b: () => 1, c: Symbol('x'), d: 1, [Symbol('k')]: 2 },
    'only skipped properties': { a: undefined, b: () => 1 },
    'undefined, functions and symbols in arrays become null': [undefined, () => 1, Symbol('x'), 1, [undefined]],
    'sparse array': [1, , 3], // eslint-disable-line no-sparse-arrays
    'boxed primitives': { n: Object(1) as unknown, s: Object('s') as unknown, b: Object(false) as unknown, list: [Object(2) as unknown] },
    dates: { at: new Date('2026-11-25T10:00:00.000Z'), list: [new Date(0)] },
    'toJSON gets the key': { a: { toJSON: (k: string) => `key:${k}` }, list: [{ toJSON: (k: string) => `index:${k}` }] },
    'toJSON returning undefined': { a: { toJSON: () => undefined }, list: [{ toJSON: () => undefined }] },
    'toJSON result with its own toJSON is not called again': { a: { toJSON: () => ({ toJSON: () => 'twice', x: 1 }) } },
    'deep nesting': { a: [{ b: [{ c: [1, { d: 'e\nf' }] }] }] },
    'hostile strings': { ...HOSTILE, list: Object.values(HOSTILE), keys: Object.fromEntries(Object.values(HOSTILE).map((v) => [v, v])) },
    'line and paragraph separators, lone surrogates': { s: 'a\u2028b\u2029c\uD800d', list: ['\uDC00'] },
    'top-level string': 'text',
    'top-level number': 42,
    'top-level null': null,
    'top-level array of objects': [{ a: 1 }, { b: [2, 3] }],
    'hostile results document': hostileResults(),
  };
  for (const [label, value] of Object.entries(cases)) assertSameAsStringify(value, label);
});

test('stringifyChunks yields nothing where JSON.stringify gives undefined', () => {
  for (const value of [undefined, () => 1, Symbol('x'), { toJSON: () => undefined }]) {
    assert.equal(JSON.stringify(value), undefined);
    assert.deepEqual([...stringifyChunks(value, { depth: 2, space: 2 })], []);
  }
});

test('stringifyChunks throws where JSON.stringify throws', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => [...stringifyChunks({ cyclic }, { depth: 1, space: 2 })], TypeError);
  assert.throws(() => [...stringifyChunks({ n: 1n }, { depth: 2 })], TypeError);
});

test('stringifyChunks splits a results document into one chunk per finding', () => {
  const results = hostileResults();
  const chunks = [...stringifyChunks(results, { depth: 2, space: 2 })];
  const serialized = results.findings.map((f) => JSON.stringify(f, null, 2).replace(/\n/g, '\n    '));
  // A chunk is a finding and the punctuation ahead of it.
  for (const text of serialized) assert.ok(chunks.some((c) => /^[[,]\n {4}$/.test(c.slice(0, -text.length)) && c.endsWith(text)), 'a finding is one chunk of its own');
});

test('LazyArray streams the mapped elements and JSON.stringify sees the same array through toJSON', () => {
  let made = 0;
  const lazy = new LazyArray([1, 2, 3], (n) => {
    made++;
    return { n, twice: n * 2, skip: undefined, at: new Date(n) };
  });
  const value = { before: 'x', lazy, after: [lazy] };
  const expected = JSON.stringify(value, null, 2);
  for (const depth of [0, 1, 2, 3]) assert.equal(joined(value, depth, 2), expected, `depth ${depth}`);
  assert.equal(joined(new LazyArray([], (n: number) => n), 2, 2), '[]');
  assert.equal(joined(new LazyArray([1], () => undefined), 2, 2), '[\n  null\n]');
  // Walked one element at a time: the first chunk exists before the later elements are made.
  made = 0;
  const chunks = stringifyChunks({ lazy }, { depth: 3, space: 2 });
  chunks.next();
  chunks.next();
  assert.ok(made < 3, `elements made ahead of need: ${made}`);
});
