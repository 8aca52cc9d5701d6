/**
 * Turns TypeScript types into JSON Schemas (draft-07) with ts-json-schema-generator: the snapshot
 * (`src/graph/schema.ts`) and the results document (`src/results/schema.ts`). Used by
 * `npm run gen:schema` and by the tests that keep the checked-in schemas in step; never at run time.
 */
import { createGenerator } from 'ts-json-schema-generator';
import { fileURLToPath } from 'node:url';

export interface GeneratedSchemaTarget {
  /** The exported type the schema describes. */
  type: string;
  /** Source file of the type, relative to this file. */
  source: URL;
  /** Checked-in schema file. */
  output: URL;
  id: string;
  title: string;
}

export const SNAPSHOT_SCHEMA_PATH = new URL('../../schemas/snapshot.schema.json', import.meta.url);
export const RESULTS_SCHEMA_PATH = new URL('../../schemas/results.schema.json', import.meta.url);

export const SCHEMA_TARGETS: readonly GeneratedSchemaTarget[] = [
  { type: 'Snapshot', source: new URL('./schema.ts', import.meta.url), output: SNAPSHOT_SCHEMA_PATH, id: 'https://cloudwarden.dev/schemas/snapshot.schema.json', title: 'cloudwarden snapshot' },
  { type: 'Results', source: new URL('../results/schema.ts', import.meta.url), output: RESULTS_SCHEMA_PATH, id: 'https://cloudwarden.dev/schemas/results.schema.json', title: 'cloudwarden results' },
];

export function generateJsonSchema(target: GeneratedSchemaTarget): Record<string, unknown> {
  const generator = createGenerator({
    path: fileURLToPath(target.source),
    tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
    type: target.type,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
    sortProps: true,
    strictTuples: true,
    discriminatorType: 'json-schema',
  });
  const schema = generator.createSchema(target.type) as Record<string, unknown>;
  return { $id: target.id, title: target.title, ...schema };
}

export function generateSnapshotJsonSchema(): Record<string, unknown> {
  const target = SCHEMA_TARGETS[0];
  if (!target) throw new Error('no snapshot schema target');
  return generateJsonSchema(target);
}
