/**
 * Reads the files of a (gzip-compressed) tar archive into memory: enough for OPA bundles, which
 * are small `.tar.gz` files holding `/policy.wasm`, `/data.json` and the `.rego` sources.
 */
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function field(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul === -1 ? raw.length : nul).toString('utf8');
}

/** Entries by normalized path (no leading `./` or `/`). Throws with a specific message on bad data. */
export function readTarGz(data: Buffer): Map<string, Buffer> {
  let tar: Buffer;
  try {
    tar = data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data;
  } catch (e) {
    throw new Error(`not a valid gzip file (${(e as Error).message})`);
  }
  const files = new Map<string, Buffer>();
  let pos = 0;
  let longName: string | null = null;
  while (pos + BLOCK <= tar.length) {
    const header = tar.subarray(pos, pos + BLOCK);
    if (header.every((b) => b === 0)) break;
    const sizeText = field(header, 124, 12).trim();
    const size = sizeText === '' ? 0 : parseInt(sizeText, 8);
    if (!Number.isFinite(size) || size < 0) throw new Error(`corrupt tar header at offset ${pos}`);
    const type = String.fromCharCode(header[156] ?? 48);
    const prefix = field(header, 345, 155);
    let name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = null;
    const start = pos + BLOCK;
    const end = start + size;
    if (end > tar.length) throw new Error(`truncated tar archive: ${name} needs ${size} bytes`);
    const body = tar.subarray(start, end);
    if (type === 'L') longName = body.toString('utf8').replace(/\0+$/, '');
    else if (type === '0' || type === '\0') {
      name = name.replace(/^\.?\//, '');
      files.set(name, Buffer.from(body));
    }
    pos = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
