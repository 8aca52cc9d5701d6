/**
 * Snapshot round-trip benchmark: writes a synthetic snapshot of N nodes (default 1,000,000) from a
 * generator, then reads it back with full schema validation and integrity checks into memory, and
 * prints the time of each phase and the peak RSS.
 *
 *   npm run bench:snapshot                       # 1,000,000 nodes, .json
 *   npm run bench:snapshot -- --nodes 200000 --gzip
 *
 * Target (2-core machine): 1M nodes round trip under 20 s and under 2 GB peak RSS.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readSnapshot, writeSnapshot } from '../src/graph/snapshot-io.js';
import { REGIONS, syntheticEdges, syntheticNodes } from './synthetic-world.js';

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '1000000' }, gzip: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } } });
const total = Number(values.nodes);
if (!Number.isInteger(total) || total < 10) throw new Error(`--nodes: expected a whole number of at least 10, got ${values.nodes}`);

function rssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

const dir = mkdtempSync(join(tmpdir(), 'cw-bench-'));
const file = join(dir, values.gzip ? 'snapshot.json.gz' : 'snapshot.json');
try {
  const t0 = performance.now();
  await writeSnapshot(file, {
    header: { schemaVersion: '1.0', tool: { name: 'cloudwarden-bench', version: '0' }, startedAt: '2026-11-25T00:00:00Z', finishedAt: '2026-11-25T00:10:00Z', scope: { providers: ['aws'], accounts: [], regions: REGIONS } },
    nodes: syntheticNodes(total),
    edges: syntheticEdges(total),
    costs: [],
    coverage: [],
  });
  const t1 = performance.now();
  const writeRss = rssMiB();
  const size = statSync(file).size;
  const snap = await readSnapshot(file);
  const t2 = performance.now();
  if (snap.nodes.length !== total) throw new Error(`read back ${snap.nodes.length} nodes, wrote ${total}`);
  const rows = [
    ['nodes', total.toLocaleString('en-US')],
    ['edges', snap.edges.length.toLocaleString('en-US')],
    ['file', `${(size / 1024 / 1024).toFixed(1)} MiB${values.gzip ? ' (gzip)' : ''}`],
    ['write', `${((t1 - t0) / 1000).toFixed(2)} s (peak RSS so far ${writeRss} MiB)`],
    ['read + validate', `${((t2 - t1) / 1000).toFixed(2)} s`],
    ['round trip', `${((t2 - t0) / 1000).toFixed(2)} s (target < 20 s at 1M nodes)`],
    ['peak RSS', `${rssMiB()} MiB (target < 2048 MiB at 1M nodes)`],
  ];
  for (const [k, v] of rows) console.log(`${(k ?? '').padEnd(16)} ${v}`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${file}`);
}
