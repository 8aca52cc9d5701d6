/** Reading and writing results files (JSON), validated against `schemas/results.schema.json`. */
import { readFile } from 'node:fs/promises';
import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { writeTextAtomic } from '../util/atomic-write.js';
import { InputError } from '../util/errors.js';
import { describeValidationError } from '../graph/validate.js';
import type { Results } from './schema.js';
import { RESULTS_SCHEMA_VERSION } from './schema.js';

let validator: ValidateFunction | undefined;

export function resultsValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(new URL('../../schemas/results.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: false, strict: true, strictTypes: false, allowUnionTypes: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i);
  validator = ajv.compile(schema);
  return validator;
}

export async function writeResultsJson(path: string, results: Results): Promise<void> {
  await writeTextAtomic(path, `${JSON.stringify(results, null, 2)}\n`);
}

/** Reads and validates a results file; errors name the file and the field. */
export async function readResultsJson(path: string, displayPath = path): Promise<Results> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${displayPath}: cannot read results file (${code === 'ENOENT' ? 'no such file' : code ?? String(e)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${displayPath}: not valid JSON (${(e as Error).message})`);
  }
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'string' && version.split('.')[0] !== RESULTS_SCHEMA_VERSION.split('.')[0]) {
    throw new InputError(`${displayPath}: schemaVersion: this cloudwarden reads results schema ${RESULTS_SCHEMA_VERSION.split('.')[0]}.x, the file has "${version}"`);
  }
  const validate = resultsValidator();
  if (!validate(value)) throw new InputError(`${displayPath}: ${describeValidationError(validate.errors, value, '')}`);
  return value as Results;
}
