/**
 * Sharding a scan across CI jobs: `--shard I/N` collects a deterministic, balanced subset of the
 * targets (AWS accounts, GCP projects, Azure subscriptions, libvirt hosts) of every selected provider.
 *
 * Assignment (pure, no hashing, the same on every machine):
 * 1. order the targets by `provider:account` (plain code-unit order);
 * 2. weigh each one (the previous run's resource count or call count for that target, else 1);
 * 3. longest-processing-time first: take the targets by decreasing weight (ties in the order of
 *    step 1) and give each to the shard with the least total weight so far (ties: lowest index).
 * Every target lands in exactly one shard; LPT keeps the heaviest shard within 4/3 of the optimum.
 */
import type { Provider, SnapshotScope } from '../graph/schema.js';
import { InputError } from '../util/errors.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** What sharding needs to know about a target. */
export interface TargetRef {
  provider: Provider;
  account: string;
}

/** `provider:account`, the key targets are ordered, weighed and recorded by. */
export function targetKey(t: TargetRef): string {
  return `${t.provider}:${t.account}`;
}

/** Parses `I/N` (1 ≤ I ≤ N ≤ 10000); the error names the flag and the expected form. */
export function parseShard(raw: string, flag = '--shard'): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index < 1 || count < 1 || index > count || count > 10_000) {
    throw new InputError(`${flag} ${raw}: expected I/N with 1 ≤ I ≤ N (e.g. ${flag} 2/8)${count > 10_000 ? '; N is at most 10000' : ''}`);
  }
  return { index, count };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Weight of one target: its known weight (at least 1), else `fallback`. */
function weightOf(key: string, weights: ReadonlyMap<string, number> | undefined, fallback: number): number {
  const w = weights?.get(key);
  return w === undefined || !Number.isFinite(w) ? fallback : Math.max(1, w);
}

/**
 * Assigns every target to a shard (1..count). Targets unknown to `weights` weigh the mean of the
 * known ones (a new account is assumed average, not empty). Returns `key → shard index`.
 */
export function assignShards(targets: readonly TargetRef[], count: number, weights?: ReadonlyMap<string, number>): Map<string, number> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count must be a positive integer, got ${count}`);
  const keys = [...new Set(targets.map(targetKey))].sort(compareKeys);
  let known = 0;
  let sum = 0;
  for (const k of keys) {
    const w = weights?.get(k);
    if (w !== undefined && Number.isFinite(w)) {
      known++;
      sum += Math.max(1, w);
    }
  }
  const fallback = known > 0 ? sum / known : 1;
  const weighed = keys.map((key, order) => ({ key, order, weight: weightOf(key, weights, fallback) }));
  weighed.sort((a, b) => b.weight - a.weight || a.order - b.order);
  const load = new Array<number>(count).fill(0);
  const out = new Map<string, number>();
  for (const t of weighed) {
    let best = 0;
    for (let s = 1; s < count; s++) if ((load[s] ?? 0) < (load[best] ?? 0)) best = s;
    load[best] = (load[best] ?? 0) + t.weight;
    out.set(t.key, best + 1);
  }
  return out;
}

/** The targets of one shard, in their original order, and what the snapshot records about it. */
export function selectShard<T extends TargetRef>(
  targets: readonly T[],
  shard: ShardSpec,
  weights?: ReadonlyMap<string, number>,
): { targets: T[]; shard: NonNullable<SnapshotScope['shard']> } {
  const assignment = assignShards(targets, shard.count, weights);
  const selected = targets.filter((t) => assignment.get(targetKey(t)) === shard.index);
  return {
    targets: selected,
    shard: { index: shard.index, count: shard.count, targets: [...new Set(selected.map(targetKey))].sort(compareKeys) },
  };
}

/** Total weight per shard (for reports and tests). */
export function shardLoads(assignment: ReadonlyMap<string, number>, count: number, weights?: ReadonlyMap<string, number>): number[] {
  const loads = new Array<number>(count).fill(0);
  for (const [key, s] of assignment) loads[s - 1] = (loads[s - 1] ?? 0) + weightOf(key, weights, 1);
  return loads;
}
