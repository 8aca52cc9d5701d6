/**
 * Turns the TypeScript graph types into a JSON Schema (draft-07) with ts-json-schema-generator.
 * Used by `npm run gen:schema` and by the test that keeps the checked-in schema in step; never at run time.
 */
import { createGenerator } from 'ts-json-schema-generator';
import { fileURLToPath } from 'node:url';

export const SNAPSHOT_SCHEMA_PATH = new URL('../../schemas/snapshot.schema.json', import.meta.url);

export function generateSnapshotJsonSchema(): Record<string, unknown> {
  const generator = createGenerator({
    path: fileURLToPath(new URL('./schema.ts', import.meta.url)),
    tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
    type: 'Snapshot',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
    sortProps: true,
    strictTuples: true,
    discriminatorType: 'json-schema',
  });
  const schema = generator.createSchema('Snapshot') as Record<string, unknown>;
  return {
    $id: 'https://cloudwarden.dev/schemas/snapshot.schema.json',
    title: 'cloudwarden snapshot',
    ...schema,
  };
}
