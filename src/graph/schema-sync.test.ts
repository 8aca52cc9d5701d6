import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateJsonSchema, SCHEMA_TARGETS, SNAPSHOT_SCHEMA_PATH } from './generate-json-schema.js';
import { EDGE_KINDS, NODE_KINDS, PROVIDERS } from './schema.js';

for (const target of SCHEMA_TARGETS) {
  test(`the checked-in ${target.title} schema is the one generated from its types (run \`npm run gen:schema\`)`, () => {
    const checkedIn = JSON.parse(readFileSync(fileURLToPath(target.output), 'utf8')) as unknown;
    assert.deepEqual(checkedIn, generateJsonSchema(target));
  });
}

test('the schema enumerates exactly the kinds, edge kinds and providers the code declares', () => {
  const schema = JSON.parse(readFileSync(fileURLToPath(SNAPSHOT_SCHEMA_PATH), 'utf8')) as {
    definitions: Record<string, { enum?: string[]; properties?: { kind?: { enum?: string[] } } }>;
  };
  assert.deepEqual([...(schema.definitions.GraphNode?.properties?.kind?.enum ?? [])].sort(), [...NODE_KINDS].sort());
  assert.deepEqual([...(schema.definitions.EdgeKind?.enum ?? [])].sort(), [...EDGE_KINDS].sort());
  assert.deepEqual([...(schema.definitions.Provider?.enum ?? [])].sort(), [...PROVIDERS].sort());
});

test('the kind lists are sorted, so registries and docs list them in one order', () => {
  assert.deepEqual([...NODE_KINDS], [...NODE_KINDS].sort());
  assert.deepEqual([...EDGE_KINDS], [...EDGE_KINDS].sort());
});
