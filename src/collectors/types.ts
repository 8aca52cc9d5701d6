/**
 * The collector contract.
 *
 * A provider module (one per provider, listed in `registry.ts`) knows how to find its targets
 * (accounts, projects, subscriptions, libvirt hosts) and lists its collectors, one per provider
 * service. Each collector separates:
 * - `get`: all I/O, every remote call made through `ctx.call` so that concurrency, retries,
 *   timeouts and coverage are handled in one place; returns the raw responses.
 * - `transform`: a pure function from those raw responses to graph nodes and edges.
 * Cross-service joins (a volume attached to a domain found by another collector) happen in the
 * provider's pure `link` step after every collector of a target has run.
 */
import type { CostRecord, CoverageStatus, GraphEdge, GraphNode, Provider } from '../graph/schema.js';

/** One permission a collector needs, with the reason, for the documented minimal permission set. */
export interface Permission {
  /** The provider's permission name (`s3:GetBucketAcl`) or, for libvirt, the virsh command and access level. */
  action: string;
  why: string;
}

/** Nodes, edges and cost records produced by a transform. */
export interface GraphFragment {
  nodes: GraphNode[];
  edges: GraphEdge[];
  costs?: CostRecord[];
}

/** What every target exposes: the account label used in node ids and coverage rows. */
export interface TargetBase {
  provider: Provider;
  /** Account id, project, subscription or libvirt host name. */
  account: string;
  /** Default region label for coverage rows (`global` when not region-scoped). */
  region: string;
}

/** Identifies one remote operation, for retries, coverage and progress. */
export interface OperationRef {
  service: string;
  operation: string;
  /** Defaults to the target's region. */
  region?: string;
  /** The resource the call is about, when it is about one (a bucket, a domain). */
  resource?: string;
}

/** How the provider classifies a failed call. */
export type ErrorClass =
  | { kind: 'throttled'; retryAfterMs?: number }
  | { kind: 'transient' }
  | { kind: 'denied' }
  | { kind: 'fatal' };

/** The outcome of `ctx.call`: the value, or the gap that was recorded in coverage. */
export type CallResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: Exclude<CoverageStatus, 'ok' | 'skipped'>; message: string };

/** Progress events for bars and JSON log lines. */
export type ProgressEvent =
  | { type: 'target-start'; provider: Provider; account: string }
  | { type: 'target-end'; provider: Provider; account: string; nodes: number; gaps: number }
  | { type: 'call'; provider: Provider; account: string; service: string; operation: string; status: CoverageStatus }
  | { type: 'retry'; provider: Provider; account: string; service: string; operation: string; attempt: number; delayMs: number; reason: string };

/** The services a collector's `get` may use. */
export interface CollectContext {
  readonly provider: Provider;
  readonly account: string;
  readonly region: string;
  /** Aborted when the whole collection is cancelled. */
  readonly signal: AbortSignal;
  /**
   * Runs one remote call under the shared concurrency limit, with a per-call timeout and retries
   * (exponential backoff with full jitter) for throttling and transient errors. A denied or failing
   * call is recorded as a coverage row and returned as `{ ok: false }`: the collector carries on.
   */
  call<T>(op: OperationRef, fn: (signal: AbortSignal) => Promise<T>): Promise<CallResult<T>>;
  /** Records an operation that was deliberately not run (out of scope, disabled, prerequisite missing). */
  skip(op: OperationRef, reason: string): void;
  /** Records a gap found without a failing call (e.g. a field the provider withheld). */
  gap(op: OperationRef, status: Exclude<CoverageStatus, 'ok'>, message: string): void;
  /** Free-form diagnostics (debug level). */
  debug(message: string): void;
}

/** A collector for one provider service. */
export interface Collector<Target extends TargetBase, Raw> {
  /** Registry key, the same as the file name: `libvirt.domains` for `src/collectors/libvirt/domains.ts`. */
  readonly id: string;
  readonly provider: Provider;
  readonly service: string;
  readonly description: string;
  readonly permissions: readonly Permission[];
  /** I/O only: fetch the raw responses for one target. */
  get(ctx: CollectContext, target: Target): Promise<Raw>;
  /** Pure: raw responses → graph fragment. */
  transform(raw: Raw, target: Target): GraphFragment;
}

/** A collector with its raw type hidden, so collectors of one provider fit in one table. */
export interface RegisteredCollector<Target extends TargetBase> {
  readonly id: string;
  readonly provider: Provider;
  readonly service: string;
  readonly description: string;
  readonly permissions: readonly Permission[];
  collect(ctx: CollectContext, target: Target): Promise<GraphFragment>;
}

/** Wraps a typed collector for a registry table. */
export function registerCollector<Target extends TargetBase, Raw>(c: Collector<Target, Raw>): RegisteredCollector<Target> {
  return {
    id: c.id,
    provider: c.provider,
    service: c.service,
    description: c.description,
    permissions: c.permissions,
    async collect(ctx, target) {
      const raw = await c.get(ctx, target);
      return c.transform(raw, target);
    },
  };
}

/** Options common to every provider, from the config file, env and flags. */
export interface CommonCollectOptions {
  /** Maximum remote calls in flight across the whole collection. */
  concurrency: number;
  /** Attempts per call, including the first. */
  maxAttempts: number;
  /** Per-call timeout. */
  callTimeoutMs: number;
  /** Base delay of the exponential backoff. */
  retryBaseDelayMs: number;
  /** Upper bound of one backoff delay. */
  retryMaxDelayMs: number;
  /** Maximum remote calls in flight for one target (default 16, never above `concurrency`). */
  perTargetConcurrency?: number;
}

/** Everything a provider module needs to enumerate its targets. */
export interface ResolveContext {
  readonly signal: AbortSignal;
  debug(message: string): void;
}

/** A provider: its targets, its collectors (one sorted table), and its pure cross-service link step. */
export interface ProviderModule<Options, Target extends TargetBase> {
  readonly provider: Provider;
  readonly description: string;
  /** Validates provider options (from config/flags) and returns the targets to scan. May do I/O (e.g. list accounts). */
  resolveTargets(options: Options, ctx: ResolveContext): Promise<Target[]>;
  /** Classifies an error thrown by a call of this provider. */
  classifyError(error: unknown): ErrorClass;
  /** The collectors, sorted by id. */
  readonly collectors: readonly RegisteredCollector<Target>[];
  /**
   * Pure joins across the fragments of one target (e.g. volume `attached_to` domain by path). Returns
   * the edges to add, or a fragment whose edges are added and whose nodes replace the collected nodes
   * of the same id (joins that complete node attrs, e.g. a volume's `attachedTo`) or are added.
   */
  link?(fragment: GraphFragment, target: Target): GraphEdge[] | GraphFragment;
}
