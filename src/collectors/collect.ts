/**
 * Runs the selected providers' collectors and assembles one snapshot. Targets of all providers run
 * concurrently; every remote call shares one concurrency limiter. A failing call or collector
 * becomes a coverage row; only a run in which no target could be read at all is an error.
 */
import { assembleSnapshot } from '../graph/assemble.js';
import type { GraphNode, Provider, Snapshot, SnapshotScope } from '../graph/schema.js';
import { InputError } from '../util/errors.js';
import { TOOL_INFO } from '../version.js';
import { CallStats, createCollectContext, describeError } from './framework/context.js';
import { CoverageRecorder } from './framework/coverage.js';
import { ConcurrencyLimiter } from './framework/limiter.js';
import type { CommonCollectOptions, GraphFragment, ProgressEvent, ProviderModule, TargetBase } from './types.js';

/** A provider module bound to its options: what `collectSnapshot` runs. */
export interface ProviderRun {
  readonly provider: Provider;
  run(env: RunEnv): Promise<void>;
  /** Resolves the targets only; `collect` then collects the chosen ones (the sharding path). */
  resolve(env: RunEnv): Promise<{ targets: TargetBase[]; collect(chosen: readonly TargetBase[]): Promise<void> }>;
}

/** Default cap on the calls in flight for one target (account, project, subscription, host). */
export const DEFAULT_PER_TARGET_CONCURRENCY = 16;

interface RunEnv {
  options: CommonCollectOptions;
  limiter: ConcurrencyLimiter;
  coverage: CoverageRecorder;
  stats: CallStats;
  signal: AbortSignal;
  fragments: GraphFragment[];
  accounts: Set<string>;
  regions: Set<string>;
  targetsTried: { count: number; unreachable: string[] };
  onProgress?: (event: ProgressEvent) => void;
  onDebug?: (message: string) => void;
}

/** Binds a provider module to its options. */
export function providerRun<O, T extends TargetBase>(module: ProviderModule<O, T>, options: O): ProviderRun {
  return {
    provider: module.provider,
    async run(env) {
      const targets = await module.resolveTargets(options, { signal: env.signal, debug: (m) => env.onDebug?.(m) });
      await Promise.all(targets.map((target) => collectTarget(module, target, env)));
    },
    async resolve(env) {
      const targets = await module.resolveTargets(options, { signal: env.signal, debug: (m) => env.onDebug?.(m) });
      return {
        targets,
        collect: async (chosen) => {
          const keep = new Set(chosen);
          await Promise.all(targets.filter((t) => keep.has(t)).map((target) => collectTarget(module, target, env)));
        },
      };
    },
  };
}

async function collectTarget<O, T extends TargetBase>(module: ProviderModule<O, T>, target: T, env: RunEnv): Promise<void> {
  env.targetsTried.count++;
  env.onProgress?.({ type: 'target-start', provider: target.provider, account: target.account });
  const gapsBefore = env.coverage.gapCount;
  let anyCallSucceeded = false;
  const ctx = createCollectContext({
    provider: target.provider,
    account: target.account,
    region: target.region,
    options: env.options,
    limiter: env.limiter,
    // One account cannot take every slot of the shared limiter (and its API rate limits are respected).
    targetLimiter: new ConcurrencyLimiter(Math.min(env.options.perTargetConcurrency ?? DEFAULT_PER_TARGET_CONCURRENCY, env.options.concurrency)),
    coverage: env.coverage,
    stats: env.stats,
    classifyError: (e) => module.classifyError(e),
    onProgress: (event) => {
      if (event.type === 'call' && event.status === 'ok') anyCallSucceeded = true;
      env.onProgress?.(event);
    },
    onDebug: env.onDebug,
    signal: env.signal,
  });
  const results = await Promise.all(
    module.collectors.map(async (collector) => {
      try {
        return await collector.collect(ctx, target);
      } catch (error) {
        if (env.signal.aborted) throw error;
        // A collector that throws (rather than recording gaps through ctx.call) loses only its own part.
        ctx.gap({ service: collector.service, operation: '*' }, 'error', `collector ${collector.id} failed: ${describeError(error)}`);
        return undefined;
      }
    }),
  );
  const fragments = results.filter((f): f is GraphFragment => f !== undefined);
  const merged: GraphFragment = { nodes: fragments.flatMap((f) => f.nodes), edges: fragments.flatMap((f) => f.edges) };
  const linkResult = module.link ? module.link(merged, target) : [];
  const linked: GraphFragment = Array.isArray(linkResult) ? { nodes: [], edges: linkResult } : linkResult;
  // Nodes returned by link are the completed versions of collected nodes (same id): they replace them.
  const replaced = new Set(linked.nodes.map((n) => n.id));
  const kept = replaced.size === 0 ? fragments : fragments.map((f) => ({ ...f, nodes: f.nodes.filter((n) => !replaced.has(n.id)) }));
  env.fragments.push(...kept, linked);
  const nodes: GraphNode[] = [...kept.flatMap((f) => f.nodes), ...linked.nodes];
  if (anyCallSucceeded || nodes.length > 0) env.accounts.add(target.account);
  else env.targetsTried.unreachable.push(`${target.provider}:${target.account}`);
  for (const n of nodes) if (n.region !== 'global') env.regions.add(n.region);
  env.onProgress?.({ type: 'target-end', provider: target.provider, account: target.account, nodes: nodes.length, gaps: env.coverage.gapCount - gapsBefore });
}

export interface CollectRunOptions extends CommonCollectOptions {
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  onDebug?: (message: string) => void;
  /** Clock, injectable for deterministic tests. */
  now?: () => Date;
  /**
   * Sharding hook: given the resolved targets of every provider, returns those this run collects and
   * what the snapshot records as `scope.shard`. Without it every target is collected.
   */
  selectTargets?: (targets: readonly TargetBase[]) => { targets: readonly TargetBase[]; shard: SnapshotScope['shard'] };
}

export interface CollectOutcome {
  snapshot: Snapshot;
  stats: CallStats;
  /** Targets of which not a single call succeeded (`provider:account`). */
  unreachable: string[];
  /** Targets attempted. */
  targets: number;
}

export async function collectSnapshot(runs: readonly ProviderRun[], options: CollectRunOptions): Promise<CollectOutcome> {
  if (runs.length === 0) throw new InputError('no provider selected: pass --provider (aws, gcp, azure, libvirt) or list providers in the config file');
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const env: RunEnv = {
    options,
    limiter: new ConcurrencyLimiter(options.concurrency),
    coverage: new CoverageRecorder(),
    stats: new CallStats(),
    signal: options.signal ?? new AbortController().signal,
    fragments: [],
    accounts: new Set(),
    regions: new Set(),
    targetsTried: { count: 0, unreachable: [] },
    onProgress: options.onProgress,
    onDebug: options.onDebug,
  };
  let shard: SnapshotScope['shard'];
  if (options.selectTargets) {
    // Every provider resolves first, so the shard assignment sees all targets at once.
    const resolved = await Promise.all(runs.map((run) => run.resolve(env)));
    const chosen = options.selectTargets(resolved.flatMap((r) => r.targets));
    shard = chosen.shard;
    await Promise.all(resolved.map((r) => r.collect(chosen.targets)));
  } else {
    await Promise.all(runs.map((run) => run.run(env)));
  }
  const snapshot = assembleSnapshot({
    tool: TOOL_INFO,
    startedAt,
    finishedAt: now().toISOString(),
    scope: {
      providers: [...new Set(runs.map((r) => r.provider))].sort(),
      accounts: [...env.accounts].sort(),
      regions: [...env.regions].sort(),
      ...(shard ? { shard } : {}),
    },
    fragments: env.fragments,
    coverage: env.coverage.rows(),
  });
  return { snapshot, stats: env.stats, unreachable: env.targetsTried.unreachable.sort(), targets: env.targetsTried.count };
}
