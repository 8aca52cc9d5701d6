import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonScanError, JsonStreamScanner } from './json-stream-scanner.js';

interface Collected {
  members: Record<string, unknown>;
  items: Record<string, unknown[]>;
}

function scan(text: string, chunkSize = text.length): Collected {
  const got: Collected = { members: {}, items: {} };
  const s = new JsonStreamScanner(new Set(['nodes', 'edges']), {
    onMember: (k, v) => {
      got.members[k] = v;
    },
    onArrayStart: (k) => {
      got.items[k] = [];
    },
    onArrayItem: (k, item) => {
      got.items[k]?.push(item);
    },
  });
  for (let i = 0; i < text.length; i += chunkSize) s.write(text.slice(i, i + chunkSize));
  s.end();
  return got;
}

const doc = {
  schemaVersion: '1.0',
  scope: { providers: ['aws'], note: 'braces } ] { [ and "quotes" and \\ backslashes\n' },
  nodes: [{ id: 'a', attrs: { list: [1, 2, { deep: [] }], s: 'x]}' } }, { id: 'b' }, 'str', 3.5e2, null, true],
  edges: [],
  tail: [1, 2],
};

test('finds members and streamed items in minified, pretty and one-per-line layouts', () => {
  for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2), JSON.stringify(doc, null, '\t')]) {
    const got = scan(text);
    assert.deepEqual(got.members, { schemaVersion: '1.0', scope: doc.scope, tail: [1, 2] });
    assert.deepEqual(got.items, { nodes: doc.nodes, edges: [] });
  }
});

test('gives the same result whatever the chunk boundaries, down to one character', () => {
  const text = JSON.stringify(doc, null, 1);
  const whole = scan(text);
  for (const size of [1, 2, 3, 7, 64]) assert.deepEqual(scan(text, size), whole);
});

test('switches from the one-element-per-line fast path to full scanning mid-array', () => {
  const text = '{"nodes":[\n{"id":"a"},\n"s",\n{\n  "id": "b",\n  "x": [1,\n 2]\n},\n{"id":"c"}, {"id":"d"}\n],"edges":[]}';
  for (const size of [1, 5, text.length]) {
    assert.deepEqual(scan(text, size).items.nodes, [{ id: 'a' }, 's', { id: 'b', x: [1, 2] }, { id: 'c' }, { id: 'd' }]);
  }
});

test('keeps non-ASCII text intact', () => {
  const text = JSON.stringify({ nodes: [{ name: 'ü—日本語😀 \u202e' }] });
  assert.deepEqual(scan(text, 1).items.nodes, [{ name: 'ü—日本語😀 \u202e' }]);
});

function errorOf(text: string): JsonScanError {
  try {
    scan(text, 5);
  } catch (e) {
    if (e instanceof JsonScanError) return e;
    throw e;
  }
  assert.fail('expected a JsonScanError');
}

test('a truncated document is an error that says so, with the field being read', () => {
  const e = errorOf('{"a":1,\n"nodes":[\n{"id":"x"},\n{"id":"y"');
  assert.match(e.message, /unexpected end of file/);
  assert.match(e.message, /truncated/);
  assert.equal(e.field, 'nodes[1]');
});

test('invalid JSON inside an element is located by line and column', () => {
  const e = errorOf('{"nodes":[\n{"id":"x"},\n{"id": tru}\n]}');
  assert.equal(e.line, 3);
  assert.equal(e.field, 'nodes[1]');
  assert.match(e.message, /^line 3, column \d+: nodes\[1\]: invalid JSON/);
});

test('structural mistakes are named', () => {
  assert.match(errorOf('[1,2]').message, /expected '\{' \(a snapshot is a JSON object\)/);
  assert.match(errorOf('{"nodes":[1,]}').message, /trailing ','/);
  assert.match(errorOf('{"a":1 "b":2}').message, /expected ',' or '\}'/);
  assert.match(errorOf('{"a":1}{').message, /unexpected content after the end/);
  assert.match(errorOf('{"a":1,"a":2}').message, /duplicate member "a"/);
  assert.match(errorOf('{a:1}').message, /member name in double quotes/);
});
