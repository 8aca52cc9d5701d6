/**
 * Reading and writing snapshot files (`.json` or `.json.gz`).
 *
 * Writing streams one element per line, atomically (temp file + rename). Reading streams too,
 * whatever the layout, validating every part against the generated JSON Schema as it arrives, and
 * checks the graph's integrity (unique ids, edges between existing nodes). Errors name the file,
 * the line and the field, and say what was expected.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { InputError } from '../util/errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { JsonScanError, JsonStreamScanner } from './json-stream-scanner.js';
import type { CostRecord, CoverageRow, GraphEdge, GraphNode, Snapshot, SnapshotHeader } from './schema.js';
import { SNAPSHOT_SCHEMA_VERSION } from './schema.js';
import { describeValidationError, snapshotValidators } from './validate.js';

const STREAMED_KEYS = ['nodes', 'edges', 'costs', 'coverage'] as const;
type StreamedKey = (typeof STREAMED_KEYS)[number];

/** A snapshot whose large parts may be produced lazily (e.g. by a generator), for writing. */
export interface SnapshotSource {
  header: SnapshotHeader;
  nodes: Iterable<GraphNode> | AsyncIterable<GraphNode>;
  edges: Iterable<GraphEdge> | AsyncIterable<GraphEdge>;
  costs: Iterable<CostRecord> | AsyncIterable<CostRecord>;
  coverage: Iterable<CoverageRow> | AsyncIterable<CoverageRow>;
}

/** A bad snapshot file. Always an input error (exit 2). */
export class SnapshotReadError extends InputError {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'SnapshotReadError';
  }
}

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
}

export function snapshotSourceOf(snapshot: Snapshot): SnapshotSource {
  const { nodes, edges, costs, coverage, ...header } = snapshot;
  return { header, nodes, edges, costs, coverage };
}

/** Writes a snapshot atomically; gzip-compressed when the path ends in `.gz`. */
export async function writeSnapshot(path: string, snapshot: Snapshot | SnapshotSource): Promise<void> {
  const source = 'header' in snapshot ? snapshot : snapshotSourceOf(snapshot);
  const gzip = isGzipPath(path);
  await writeFileAtomic(
    path,
    async (sink) => {
      const header = JSON.stringify(source.header);
      await sink.write(header.slice(0, -1));
      let first = true;
      for (const key of STREAMED_KEYS) {
        await sink.write(`${first && header === '{}' ? '' : ','}\n${JSON.stringify(key)}:[`);
        first = false;
        let n = 0;
        const items = source[key] as Iterable<unknown> | AsyncIterable<unknown>;
        // Synchronous sources (arrays, generators) are written without an await per element.
        if (Symbol.iterator in items) {
          for (const item of items) {
            const wait = sink.write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`);
            if (wait) await wait;
            n++;
          }
        } else {
          for await (const item of items) {
            const wait = sink.write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`);
            if (wait) await wait;
            n++;
          }
        }
        await sink.write(n === 0 ? ']' : '\n]');
      }
      await sink.write('}\n');
    },
    gzip ? { transform: () => createGzip({ level: 3 }) } : {},
  );
}

/** Handlers for streaming a snapshot without holding it all in memory. */
export interface SnapshotVisitor {
  header?(header: SnapshotHeader): void;
  node?(node: GraphNode, index: number): void;
  edge?(edge: GraphEdge, index: number): void;
  cost?(cost: CostRecord, index: number): void;
  coverage?(row: CoverageRow, index: number): void;
}

export interface ReadOptions {
  /** Validate every part against the schema (default true). */
  validate?: boolean;
  /** Check unique node ids and edge endpoints (default true; needs a set of all ids in memory). */
  checkIntegrity?: boolean;
  /** The file name to show in messages, when it differs from the path opened (e.g. relative to the user's folder). */
  displayPath?: string;
}

/** Streams a snapshot file through a visitor; validates as it goes. Returns the header. */
export async function streamSnapshot(path: string, visitor: SnapshotVisitor, options: ReadOptions = {}): Promise<SnapshotHeader> {
  const validate = options.validate ?? true;
  const checkIntegrity = options.checkIntegrity ?? true;
  const v = validate ? snapshotValidators() : undefined;
  const header: Record<string, unknown> = {};
  const ids = checkIntegrity ? new Set<string>() : undefined;
  const pendingEdges: { edge: GraphEdge; index: number; line: number }[] = [];
  const seenArrays = new Set<string>();
  let headerDone = false;

  const shown = options.displayPath ?? path;
  const fail = (detail: string): never => {
    throw new SnapshotReadError(shown, detail);
  };
  const finishHeader = (): void => {
    if (headerDone) return;
    headerDone = true;
    checkVersion(header, fail);
    if (v && !v.header(header)) fail(describeValidationError(v.header.errors, header, ''));
    visitor.header?.(header as unknown as SnapshotHeader);
  };

  const scanner = new JsonStreamScanner(new Set(STREAMED_KEYS), {
    onMember(key, value, at) {
      if ((STREAMED_KEYS as readonly string[]).includes(key)) {
        fail(`line ${at.line}: ${key}: expected an array, got ${value === null ? 'null' : typeof value}`);
      }
      // All header fields were already seen and checked: anything more is not in the schema.
      if (headerDone) fail(`line ${at.line}: ${key}: unknown field (not in the snapshot schema)`);
      header[key] = value;
    },
    onArrayStart(key) {
      seenArrays.add(key);
      // cloudwarden writes the header first; other writers may not: then the header is checked at the end.
      if (hasAllHeaderFields(header)) finishHeader();
    },
    onArrayItem(key, item, index, at) {
      const field = `${key}[${index}]`;
      const where = `line ${at.line}: `;
      switch (key as StreamedKey) {
        case 'nodes': {
          if (v && !v.node(item)) fail(where + describeValidationError(v.node.errors, item, field));
          const node = item as GraphNode;
          if (ids) {
            if (ids.has(node.id)) fail(`${where}${field}.id: duplicate node id ${JSON.stringify(node.id)}`);
            ids.add(node.id);
          }
          visitor.node?.(node, index);
          break;
        }
        case 'edges': {
          if (v && !v.edge(item)) fail(where + describeValidationError(v.edge.errors, item, field));
          const edge = item as GraphEdge;
          if (ids) pendingEdges.push({ edge, index, line: at.line });
          visitor.edge?.(edge, index);
          break;
        }
        case 'costs': {
          if (v && !v.cost(item)) fail(where + describeValidationError(v.cost.errors, item, field));
          visitor.cost?.(item as CostRecord, index);
          break;
        }
        case 'coverage': {
          if (v && !v.coverage(item)) fail(where + describeValidationError(v.coverage.errors, item, field));
          visitor.coverage?.(item as CoverageRow, index);
          break;
        }
      }
    },
  });

  let stream: Readable;
  try {
    stream = await openText(path, shown);
  } catch (e) {
    if (e instanceof SnapshotReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new SnapshotReadError(shown, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a snapshot file' : String((e as Error).message));
  }
  try {
    for await (const chunk of stream) scanner.write(chunk as string);
    scanner.end();
  } catch (e) {
    stream.destroy();
    if (e instanceof JsonScanError) throw new SnapshotReadError(shown, e.message);
    if (e instanceof SnapshotReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') throw new SnapshotReadError(shown, `corrupt or truncated gzip data (${(e as Error).message})`);
    throw e;
  }
  finishHeader();
  for (const key of STREAMED_KEYS) if (!seenArrays.has(key)) fail(`missing required field "${key}" (an array)`);
  if (ids) {
    for (const { edge, index, line } of pendingEdges) {
      for (const end of ['from', 'to'] as const) {
        if (!ids.has(edge[end])) fail(`line ${line}: edges[${index}].${end}: ${JSON.stringify(edge[end])} is not the id of any node in the snapshot`);
      }
    }
  }
  return header as unknown as SnapshotHeader;
}

/** Reads a whole snapshot into memory (validated). */
export async function readSnapshot(path: string, options: ReadOptions = {}): Promise<Snapshot> {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const costs: CostRecord[] = [];
  const coverage: CoverageRow[] = [];
  const header = await streamSnapshot(
    path,
    {
      node: (n) => nodes.push(n),
      edge: (e) => edges.push(e),
      cost: (c) => costs.push(c),
      coverage: (r) => coverage.push(r),
    },
    options,
  );
  return { ...header, nodes, edges, costs, coverage };
}

function hasAllHeaderFields(header: Record<string, unknown>): boolean {
  return ['schemaVersion', 'tool', 'startedAt', 'finishedAt', 'scope'].every((k) => k in header);
}

function checkVersion(header: Record<string, unknown>, fail: (d: string) => never): void {
  const version = header.schemaVersion;
  if (version === undefined) fail('missing required field "schemaVersion" (is this a cloudwarden snapshot?)');
  if (typeof version !== 'string') fail(`schemaVersion: expected a string like "${SNAPSHOT_SCHEMA_VERSION}", got ${JSON.stringify(version)}`);
  const major = SNAPSHOT_SCHEMA_VERSION.split('.')[0];
  if (version.split('.')[0] !== major) {
    fail(`schemaVersion: this cloudwarden reads snapshot schema ${major}.x, the file has ${JSON.stringify(version)}`);
  }
}

/** Opens a file as a UTF-8 text stream, gunzipping when it starts with the gzip magic bytes. */
async function openText(path: string, shown: string): Promise<Readable> {
  const fh = await open(path, 'r');
  let magic: Buffer;
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    magic = buffer.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  const gzipped = magic.length === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  if (isGzipPath(path) && !gzipped) throw new SnapshotReadError(shown, 'the name ends in .gz but the content is not gzip data');
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  if (!gzipped) {
    file.setEncoding('utf8');
    return file;
  }
  const gunzip = createGunzip();
  file.on('error', (e) => gunzip.destroy(e));
  const out = file.pipe(gunzip);
  out.setEncoding('utf8');
  return out;
}
