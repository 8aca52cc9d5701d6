/**
 * The working-tree half of `secrets scan`: every regular file under the root, except `.git` and
 * `node_modules` folders, binaries (a NUL byte in the first 8 KiB) and files over the size limit.
 * Symbolic links are followed only to files inside the root; linked folders are never entered (no
 * loops, no escaping the root).
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { AllowEntry } from './allowlist.js';
import { scanText } from './scan-text.js';
import type { LeakHit, SkippedPath } from './types.js';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

export interface WalkOptions {
  maxFileBytes?: number;
  allow?: readonly AllowEntry[];
}

/** True when the buffer looks binary: a NUL byte in its first 8 KiB (git's own heuristic). */
export function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

const toPosix = (p: string): string => p.split(sep).join('/');

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(`..${sep}`) && !/^[a-zA-Z]:/.test(rel) && !rel.startsWith(sep));
}

export async function scanWorkingTree(root: string, options: WalkOptions = {}): Promise<{ hits: LeakHit[]; filesScanned: number; skipped: SkippedPath[] }> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const allow = options.allow ?? [];
  const realRoot = await realpath(root);
  const hits: LeakHit[] = [];
  const skipped: SkippedPath[] = [];
  let filesScanned = 0;

  const scanFile = async (abs: string, rel: string, size: number): Promise<void> => {
    if (size > maxBytes) {
      skipped.push({ file: rel, reason: 'too-large' });
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(abs);
    } catch {
      skipped.push({ file: rel, reason: 'unreadable' });
      return;
    }
    if (looksBinary(bytes)) {
      skipped.push({ file: rel, reason: 'binary' });
      return;
    }
    filesScanned++;
    hits.push(...scanText(bytes.toString('utf8'), { file: rel, commit: null, authorDate: null }, allow));
  };

  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      skipped.push({ file: toPosix(relative(realRoot, dir)) || '.', reason: 'unreadable' });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      const rel = toPosix(relative(realRoot, abs));
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await walk(abs);
      } else if (e.isFile()) {
        const st = await lstat(abs);
        await scanFile(abs, rel, st.size);
      } else if (e.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(abs);
        } catch {
          skipped.push({ file: rel, reason: 'unreadable' });
          continue;
        }
        if (!inside(realRoot, target)) {
          skipped.push({ file: rel, reason: 'symlink-outside' });
          continue;
        }
        const st = await stat(target);
        if (st.isDirectory()) skipped.push({ file: rel, reason: 'symlink-directory' });
        else if (st.isFile()) await scanFile(target, rel, st.size);
      }
    }
  };

  const top = await stat(realRoot);
  if (top.isFile()) {
    // A single file: scanned by its name.
    await scanFile(realRoot, toPosix(relative(join(realRoot, '..'), realRoot)), top.size);
  } else await walk(realRoot);
  return { hits, filesScanned, skipped };
}
