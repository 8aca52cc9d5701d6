/**
 * Writes report files into a folder. Each format streams, piece by piece, into a temporary file
 * beside its target, so no report is ever held whole in memory; only when every format has been
 * written completely are they renamed into place. A writer that throws, or a failed write, removes
 * all the temporary files and leaves the folder as it was.
 */
import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import type { Results } from '../results/schema.js';
import { stageFileAtomic, type StagedFile } from '../util/atomic-write.js';
import { REPORT_FORMATS, type ReportFormatName } from './registry.js';
import type { ReportOptions } from './types.js';

export async function writeReports(dir: string, results: Results, formats: readonly ReportFormatName[], options: ReportOptions = {}): Promise<string[]> {
  const staged: StagedFile[] = [];
  try {
    // One format at a time: only the sink's buffer and the piece being made are in memory.
    for (const f of formats) {
      const format = REPORT_FORMATS[f];
      staged.push(await stageFileAtomic(join(dir, format.file), (sink) => sink.writeAll(format.write(results, options))));
    }
    await commitAll(staged);
  } catch (error) {
    await Promise.all(staged.map((s) => s.discard()));
    throw error;
  }
  return staged.map((s) => s.target);
}

/**
 * Renames the staged files into place. A rename cannot be taken back, so what would certainly make
 * one fail (a folder where the file goes) is checked for all of them first; a rename that fails
 * anyway leaves the earlier files new and the rest as they were, each one whole.
 */
async function commitAll(staged: readonly StagedFile[]): Promise<void> {
  for (const s of staged) await assertNotFolder(s.target);
  for (const s of staged) await s.commit();
}

async function assertNotFolder(path: string): Promise<void> {
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) throw new Error(`cannot write ${path}: it is a folder`);
}
