/** JSON: the results document itself (schema `schemas/results.schema.json`, versioned by `schemaVersion`). */
import type { Results } from '../results/schema.js';
import type { ReportOptions } from './types.js';

export function writeJson(results: Results, _options: ReportOptions = {}): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}
