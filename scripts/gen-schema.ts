/**
 * Regenerates the checked-in JSON Schemas from their TypeScript types (`schemas/*.schema.json`).
 * Run `npm run gen:schema` after changing `src/graph/schema.ts` or `src/results/schema.ts`;
 * `src/graph/schema-sync.test.ts` fails until you do.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateJsonSchema, SCHEMA_TARGETS } from '../src/graph/generate-json-schema.js';

for (const target of SCHEMA_TARGETS) {
  const file = fileURLToPath(target.output);
  writeFileSync(file, `${JSON.stringify(generateJsonSchema(target), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
