/**
 * The history half of `secrets scan --git-history`: `git log -p --all` (through execFile, never a
 * shell), and only the lines each commit *added* are scanned, so a key is reported at the commit
 * that introduced it, with that commit's author date and the file's line number at that commit.
 * A key removed later is still found: it stays in the history until the history is rewritten.
 */
import { execFile } from 'node:child_process';
import { InputError } from '../../util/errors.js';
import type { AllowEntry } from './allowlist.js';
import { scanText } from './scan-text.js';
import { DEFAULT_MAX_FILE_BYTES, SKIPPED_DIRS } from './walk.js';
import type { LeakHit } from './types.js';

/** The most `git log -p` output read (bytes); larger histories fail with a clear message. */
const MAX_LOG_BYTES = 1024 * 1024 * 1024;
const COMMIT_MARK = '\u0000cw-commit ';

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile('git', ['-C', cwd, '-c', 'core.quotePath=false', ...args], { maxBuffer: MAX_LOG_BYTES, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') reject(new InputError('secrets scan --git-history: git is not installed (or not on PATH)'));
        else if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') reject(new InputError(`secrets scan --git-history: the history of ${cwd} is larger than ${MAX_LOG_BYTES / 1024 / 1024} MiB of patches`));
        else reject(new InputError(`secrets scan --git-history: git ${args[0] ?? ''} failed in ${cwd}: ${stderr.trim().split('\n')[0] || error.message}`));
        return;
      }
      resolvePromise(stdout);
    });
  });
}

/** One file's added lines in one commit. */
export interface AddedLines {
  commit: string;
  authorDate: string;
  file: string;
  lines: { line: number; text: string }[];
}

/** Parses `git log -p --format=<COMMIT_MARK>%H %aI` output into the lines each commit added, per file. */
export function parseGitLog(log: string): AddedLines[] {
  const out: AddedLines[] = [];
  let commit = '';
  let date = '';
  let current: AddedLines | null = null;
  let file: string | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  let newLine = 0;
  const flush = (): void => {
    if (current && current.lines.length > 0) out.push(current);
    current = null;
  };
  for (const raw of log.split('\n')) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (oldLeft > 0 || newLeft > 0) {
      const c = text[0];
      if (c === '+') {
        current?.lines.push({ line: newLine, text: text.slice(1) });
        newLine++;
        newLeft--;
        continue;
      }
      if (c === '-') {
        oldLeft--;
        continue;
      }
      if (c === ' ') {
        newLine++;
        newLeft--;
        oldLeft--;
        continue;
      }
      if (c === '\\') continue;
      // Anything else ends the hunk (a truncated count): fall through to the headers.
      oldLeft = 0;
      newLeft = 0;
    }
    if (text.startsWith(COMMIT_MARK)) {
      flush();
      const [hash = '', authorDate = ''] = text.slice(COMMIT_MARK.length).split(' ');
      commit = hash;
      date = authorDate;
      file = null;
      continue;
    }
    if (text.startsWith('diff --git ')) {
      flush();
      file = null;
      continue;
    }
    if (text.startsWith('+++ ')) {
      const target = text.slice(4);
      file = target === '/dev/null' ? null : target.startsWith('b/') ? target.slice(2) : target;
      current = file === null ? null : { commit, authorDate: date, file, lines: [] };
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(text);
    if (hunk && file !== null) {
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      newLine = Number(hunk[2]);
      newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
    }
  }
  flush();
  return out;
}

/** True when `dir` is inside a git work tree. */
export async function isGitRepository(dir: string): Promise<boolean> {
  try {
    return (await git(dir, ['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
  } catch {
    return false;
  }
}

export interface HistoryOptions {
  allow?: readonly AllowEntry[];
  maxFileBytes?: number;
}

/** Scans every commit reachable from any ref. Paths are relative to `dir` (`--relative`), as in the working-tree scan; commits that touch nothing under it add no hits. */
export async function scanGitHistory(dir: string, options: HistoryOptions = {}): Promise<{ hits: LeakHit[]; commitsScanned: number }> {
  if (!(await isGitRepository(dir))) throw new InputError(`secrets scan --git-history: ${dir} is not inside a git repository`);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const log = await git(dir, ['log', '-p', '--all', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--relative', '-U0', `--format=${COMMIT_MARK.replace('\u0000', '%x00')}%H %aI`]);
  const commits = new Set<string>();
  const hits: LeakHit[] = [];
  for (const added of parseGitLog(log)) {
    commits.add(added.commit);
    if (added.file.split('/').some((part) => SKIPPED_DIRS.has(part))) continue;
    let size = 0;
    const kept: { line: number; text: string }[] = [];
    for (const l of added.lines) {
      size += l.text.length + 1;
      if (size > maxBytes) break;
      kept.push(l);
    }
    const text = kept.map((l) => l.text).join('\n');
    const when = new Date(added.authorDate);
    const authorDate = Number.isNaN(when.getTime()) ? added.authorDate : when.toISOString();
    hits.push(...scanText(text, { file: added.file, commit: added.commit, authorDate, lineOf: (n) => kept[n - 1]?.line ?? n }, options.allow ?? []));
  }
  // Commits without added text lines (merges, deletions, binaries) still count as scanned.
  for (const line of log.split('\n')) if (line.startsWith(COMMIT_MARK)) commits.add(line.slice(COMMIT_MARK.length).split(' ')[0] ?? '');
  return { hits, commitsScanned: commits.size };
}
