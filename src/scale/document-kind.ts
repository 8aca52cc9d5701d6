/**
 * Tells a snapshot from a results file by its first top-level fields (both start with
 * `schemaVersion` and `tool`; a snapshot continues with `startedAt`, results with `generatedAt`),
 * and the run history database by its SQLite header. Reads at most the first 64 KiB
 * (decompressed), so it is cheap on a million-node file.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError } from '../util/errors.js';

export type DocumentKind = 'snapshot' | 'results' | 'history';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

/** The first `n` bytes of a file (fewer when it is shorter). */
async function leadingBytes(path: string, displayPath: string, n: number): Promise<Buffer> {
  const { open } = await import('node:fs/promises');
  try {
    const fh = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await fh.read(Buffer.alloc(n), 0, n, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${displayPath}: cannot read (${code === 'ENOENT' ? 'no such file' : code ?? String(e)})`);
  }
}

async function head(path: string, gz: boolean, limit = 64 * 1024): Promise<string> {
  const file = createReadStream(path, { highWaterMark: 16 * 1024 });
  const stream = gz ? file.pipe(createGunzip()) : file;
  let text = '';
  try {
    for await (const chunk of stream) {
      text += (chunk as Buffer).toString('utf8');
      if (text.length >= limit) break;
    }
  } catch {
    // A truncated gzip head still gives its first bytes; the caller validates the full file later.
  } finally {
    file.destroy();
    if (stream !== file) stream.destroy();
  }
  return text;
}

export async function detectDocumentKind(path: string, displayPath = path): Promise<DocumentKind> {
  const lead = await leadingBytes(path, displayPath, SQLITE_MAGIC.length);
  if (lead.equals(SQLITE_MAGIC)) return 'history';
  const text = await head(path, lead[0] === 0x1f && lead[1] === 0x8b);
  const g = text.indexOf('"generatedAt"');
  const s = text.indexOf('"startedAt"');
  const n = text.indexOf('"nodes"');
  if (g >= 0 && (s < 0 || g < s)) return 'results';
  if (s >= 0 || n >= 0) return 'snapshot';
  throw new InputError(`${displayPath}: neither a cloudwarden snapshot nor a results file (no "startedAt" or "generatedAt" near the start)`);
}
