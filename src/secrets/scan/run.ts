/** `secrets scan` without the CLI: the working tree, optionally the git history, then leaks. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../../util/errors.js';
import type { AllowEntry } from './allowlist.js';
import { scanGitHistory } from './git-history.js';
import type { ScanOutcome } from './types.js';
import { scanWorkingTree } from './walk.js';

export interface ScanPathOptions {
  gitHistory?: boolean;
  allow?: readonly AllowEntry[];
  maxFileBytes?: number;
  /** Folder of the policy pack's Rego helper library (default: the bundled `policies/lib`). */
  policyLibDir?: string;
}

export async function scanPath(path: string, options: ScanPathOptions = {}): Promise<ScanOutcome> {
  const root = resolve(path);
  try {
    await stat(root);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`secrets scan: cannot read ${path} (${code === 'ENOENT' ? 'no such file or folder' : code ?? String(e)})`);
  }
  const walkOptions = { ...(options.allow ? { allow: options.allow } : {}), ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}) };
  const tree = await scanWorkingTree(root, walkOptions);
  let commitsScanned: number | null = null;
  const hits = [...tree.hits];
  if (options.gitHistory) {
    const history = await scanGitHistory(root, walkOptions);
    commitsScanned = history.commitsScanned;
    hits.push(...history.hits);
  }
  return { root, hits, filesScanned: tree.filesScanned, commitsScanned, skipped: tree.skipped };
}
