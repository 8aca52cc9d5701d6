/** `cloudwarden merge`: combine the snapshots (or results files) of a sharded scan into one. */
import { resolve } from 'node:path';
import { detectDocumentKind } from '../../scale/document-kind.js';
import { MergeError, mergeResultsFiles, mergeSnapshots } from '../../scale/merge.js';
import { InputError } from '../../util/errors.js';
import { stringValue, type CommandSpec } from '../args.js';
import type { CommandContext } from './context.js';

export const mergeSpec: CommandSpec = {
  name: 'merge',
  summary: 'combine shard snapshots (or shard results files) into one, checking for overlapping and missing shards',
  usage: 'cloudwarden merge --out FILE [--allow-overlap] SHARD_FILE...',
  options: {
    out: { type: 'string', short: 'o', value: 'FILE', description: 'merged file to write (.json or .json.gz for snapshots, .json for results); written atomically' },
    'allow-overlap': { type: 'boolean', description: 'keep identical nodes (and findings) found in several files once, instead of failing' },
  },
  positionals: { name: 'SHARD_FILE...', description: 'the snapshots (.json/.json.gz) or results files of every shard, 1..N', min: 1, max: 100_000 },
  examples: [
    'cloudwarden merge --out snapshot.json.gz shard-1.json.gz shard-2.json.gz shard-3.json.gz',
    'cloudwarden merge --out results.json results-1.json results-2.json',
  ],
};

export async function mergeCommand(cx: CommandContext): Promise<number> {
  const outPath = stringValue(cx.args.values, 'out');
  if (!outPath) throw new InputError('merge: missing --out FILE (where to write the merged snapshot or results)');
  const shown = cx.args.positionals;
  const paths = shown.map((p) => resolve(cx.cwd, p));
  const target = resolve(cx.cwd, outPath);
  if (paths.includes(target)) throw new InputError(`merge: --out ${outPath} is also an input`);
  const kinds = await Promise.all(paths.map((p, i) => detectDocumentKind(p, shown[i])));
  const history = kinds.indexOf('history');
  if (history >= 0) throw new InputError(`merge: ${shown[history] ?? ''} is a run history database: merge takes snapshots or results files`);
  const kind = kinds[0];
  if (kinds.some((k) => k !== kind)) {
    throw new MergeError(`mixed inputs: ${shown.map((s, i) => `${s} (${kinds[i] ?? '?'})`).join(', ')}: merge snapshots with snapshots and results with results`);
  }
  const allowOverlap = cx.args.values['allow-overlap'] === true;
  if (kind === 'results') {
    if (!/\.json$/i.test(outPath)) throw new InputError(`merge: --out ${outPath}: results are written as .json`);
    const merged = await mergeResultsFiles(paths, target, { allowOverlap, displayPaths: shown });
    cx.out.result(`merged ${paths.length} results files: ${merged.findings.length} findings over ${merged.snapshot.resources} resources, ${merged.coverage.length} coverage rows`);
  } else {
    if (!/\.json(\.gz)?$/i.test(outPath)) throw new InputError(`merge: --out ${outPath}: expected a file name ending in .json or .json.gz`);
    const s = await mergeSnapshots(paths, target, { allowOverlap, displayPaths: shown });
    const shards = s.shards ? ` (shards 1..${s.shards.count})` : '';
    const dup = s.duplicateNodes > 0 ? `, ${s.duplicateNodes} duplicate nodes kept once` : '';
    cx.out.result(`merged ${s.files} snapshots${shards}: ${s.nodes} nodes, ${s.edges} edges, ${s.costs} cost records, ${s.coverage} coverage rows${dup}`);
  }
  cx.out.info(`wrote ${outPath}`);
  return 0;
}
