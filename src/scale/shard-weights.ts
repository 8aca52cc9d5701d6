/**
 * Shard weights from a previous run: a snapshot gives the resource count per target, a results
 * file the API calls per target (its coverage rows), the history database (`--history`) the
 * resources per target of its latest recorded run; all keyed `provider:account`. Each measures how
 * long a target takes to collect, which is what the shards should balance.
 */
import { streamSnapshot, SnapshotReadError } from '../graph/snapshot-io.js';
import { HistoryDb, HistoryError } from '../history/history-db.js';
import { readResultsJson } from '../results/results-io.js';
import { InputError } from '../util/errors.js';
import { detectDocumentKind } from './document-kind.js';
import { targetKey } from './shard.js';

/** Weights from the history database's latest run that recorded its targets. */
function historyWeights(path: string, displayPath: string): Map<string, number> {
  const db = HistoryDb.open(path, { readonly: true });
  try {
    const latest = db.latestTargetWeights();
    if (!latest) throw new InputError(`--shard-weights ${displayPath}: the history holds no run with per-target counts yet (recorded from this version on); give a previous snapshot or results file instead`);
    return latest.weights;
  } finally {
    db.close();
  }
}

export async function readShardWeights(path: string, displayPath = path): Promise<Map<string, number>> {
  const kind = await detectDocumentKind(path, displayPath);
  if (kind === 'history') {
    try {
      return historyWeights(path, displayPath);
    } catch (e) {
      if (e instanceof HistoryError) throw new InputError(`--shard-weights: ${e.message}`);
      throw e;
    }
  }
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
