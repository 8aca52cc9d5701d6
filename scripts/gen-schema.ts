/**
 * Generates `schemas/snapshot.schema.json` from the TypeScript types in `src/graph/schema.ts`.
 * Run `npm run gen:schema` after changing the types; `src/graph/schema-sync.test.ts` fails until you do.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateSnapshotJsonSchema, SNAPSHOT_SCHEMA_PATH } from '../src/graph/generate-json-schema.js';

const target = fileURLToPath(SNAPSHOT_SCHEMA_PATH);
writeFileSync(target, `${JSON.stringify(generateSnapshotJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
