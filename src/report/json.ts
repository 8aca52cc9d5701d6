/** JSON: the results document itself (schema `schemas/results.schema.json`, versioned by `schemaVersion`). */
import type { Results } from '../results/schema.js';
import { stringifyChunks } from './json-chunks.js';
import type { ReportOptions } from './types.js';

/** `JSON.stringify(results, null, 2)` and a newline, one finding, saving or coverage row at a time. */
export function* jsonChunks(results: Results, _options: ReportOptions = {}): Generator<string, void, undefined> {
  yield* stringifyChunks(results, { depth: 2, space: 2 });
  yield '\n';
}

export function writeJson(results: Results, options: ReportOptions = {}): string {
  return [...jsonChunks(results, options)].join('');
}
