/**
 * Writes report files into a folder, each atomically (temporary file, then rename), so a failure
 * never leaves a partial file and never clobbers the previous one. Rendering happens before any
 * file is written: a writer that throws leaves the folder untouched.
 */
import { join } from 'node:path';
import type { Results } from '../results/schema.js';
import { writeTextAtomic } from '../util/atomic-write.js';
import { REPORT_FORMATS, type ReportFormatName } from './registry.js';
import type { ReportOptions } from './types.js';

export async function writeReports(dir: string, results: Results, formats: readonly ReportFormatName[], options: ReportOptions = {}): Promise<string[]> {
  const rendered = formats.map((f) => ({ path: join(dir, REPORT_FORMATS[f].file), content: REPORT_FORMATS[f].write(results, options) }));
  const written: string[] = [];
  for (const r of rendered) {
    await writeTextAtomic(r.path, r.content);
    written.push(r.path);
  }
  return written;
}
