/**
 * Shard weights from a previous run: a snapshot gives the resource count per target, a results
 * file the API calls per target (its coverage rows), both keyed `provider:account`. Either measures
 * how long a target takes to collect, which is what the shards should balance.
 */
import { streamSnapshot, SnapshotReadError } from '../graph/snapshot-io.js';
import { readResultsJson } from '../results/results-io.js';
import { InputError } from '../util/errors.js';
import { detectDocumentKind } from './document-kind.js';
import { targetKey } from './shard.js';

export async function readShardWeights(path: string, displayPath = path): Promise<Map<string, number>> {
  const kind = await detectDocumentKind(path, displayPath);
  const weights = new Map<string, number>();
  const add = (key: string, n: number): void => {
    weights.set(key, (weights.get(key) ?? 0) + n);
  };
  if (kind === 'results') {
    const results = await readResultsJson(path, displayPath);
    for (const row of results.coverage) add(targetKey(row), Math.max(1, row.calls));
    return weights;
  }
  try {
    await streamSnapshot(path, { node: (n) => add(targetKey(n), 1) }, { validate: false, checkIntegrity: false, displayPath });
  } catch (e) {
    if (e instanceof SnapshotReadError) throw new InputError(`--shard-weights ${e.message} (expected a snapshot or a results file of a previous run)`);
    throw e;
  }
  return weights;
}
