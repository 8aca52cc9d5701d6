/**
 * The one place where remote calls are made safe: concurrency limit, per-call timeout, retries with
 * backoff for throttling and transient failures, coverage rows and progress events.
 */
import type { Provider } from '../../graph/schema.js';
import type { CallResult, CollectContext, CommonCollectOptions, ErrorClass, OperationRef, ProgressEvent } from '../types.js';
import { backoffDelayMs, sleep } from './backoff.js';
import type { CoverageRecorder } from './coverage.js';
import type { ConcurrencyLimiter } from './limiter.js';

/** Calls made per provider service (attempts, retries included), for the run summary and benchmarks. */
export class CallStats {
  private readonly counts = new Map<string, number>();

  add(provider: Provider, service: string): void {
    const k = `${provider}:${service}`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }

  /** `{ "aws:s3": 123, ... }`, sorted by key. */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }
}

/** Thrown into a call when it exceeds the per-call timeout. */
export class CallTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'CallTimeoutError';
  }
}

export interface ContextDeps {
  provider: Provider;
  account: string;
  region: string;
  options: CommonCollectOptions;
  limiter: ConcurrencyLimiter;
  /** Per-target cap, taken before a slot of the shared limiter (so a waiting target holds no global slot). */
  targetLimiter?: ConcurrencyLimiter;
  coverage: CoverageRecorder;
  stats: CallStats;
  classifyError(error: unknown): ErrorClass;
  onProgress?: (event: ProgressEvent) => void;
  onDebug?: (message: string) => void;
  signal: AbortSignal;
  /** Injectable for tests: the source of jitter. */
  random?: () => number;
}

export function createCollectContext(deps: ContextDeps): CollectContext {
  const { provider, account, options, limiter, coverage, stats, signal } = deps;
  const random = deps.random ?? Math.random;
  const keyFor = (op: OperationRef) => ({ provider, account, region: op.region ?? deps.region, service: op.service, operation: op.operation });
  const emitCall = (op: OperationRef, status: 'ok' | 'denied' | 'error' | 'skipped') =>
    deps.onProgress?.({ type: 'call', provider, account, service: op.service, operation: op.operation, status });

  async function attempt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const timeoutSignal = AbortSignal.timeout(options.callTimeoutMs);
    const combined = AbortSignal.any([signal, timeoutSignal]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CallTimeoutError(options.callTimeoutMs)), options.callTimeoutMs);
    });
    try {
      return await Promise.race([fn(combined), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    provider,
    account,
    region: deps.region,
    signal,

    async call<T>(op: OperationRef, fn: (signal: AbortSignal) => Promise<T>): Promise<CallResult<T>> {
      for (let n = 1; ; n++) {
        if (signal.aborted) throw signal.reason;
        stats.add(provider, op.service);
        try {
          const value = deps.targetLimiter ? await deps.targetLimiter.run(() => limiter.run(() => attempt(fn))) : await limiter.run(() => attempt(fn));
          coverage.ok(keyFor(op));
          emitCall(op, 'ok');
          return { ok: true, value };
        } catch (error) {
          if (signal.aborted) throw signal.reason;
          const cls: ErrorClass = error instanceof CallTimeoutError ? { kind: 'transient' } : deps.classifyError(error);
          const message = describeError(error);
          if ((cls.kind === 'throttled' || cls.kind === 'transient') && n < options.maxAttempts) {
            const retryAfter = cls.kind === 'throttled' ? cls.retryAfterMs : undefined;
            const delayMs = backoffDelayMs({ baseDelayMs: options.retryBaseDelayMs, maxDelayMs: options.retryMaxDelayMs }, n, random, retryAfter);
            deps.onProgress?.({ type: 'retry', provider, account, service: op.service, operation: op.operation, attempt: n, delayMs, reason: message });
            await sleep(delayMs, signal);
            continue;
          }
          const status = cls.kind === 'denied' ? 'denied' : 'error';
          const suffix = cls.kind === 'throttled' || cls.kind === 'transient' ? ` (gave up after ${n} attempts)` : '';
          coverage.gap(keyFor(op), status, `${message}${suffix}`, op.resource ?? null);
          emitCall(op, status);
          return { ok: false, status, message: `${message}${suffix}` };
        }
      }
    },

    skip(op, reason) {
      coverage.gap(keyFor(op), 'skipped', reason, op.resource ?? null, 0);
      emitCall(op, 'skipped');
    },

    gap(op, status, message) {
      coverage.gap(keyFor(op), status, message, op.resource ?? null, 0);
    },

    debug(message) {
      deps.onDebug?.(message);
    },
  };
}

/** A one-line description of an error: its name/code and message, without stack or secrets. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const name = typeof code === 'string' && code !== error.name ? `${error.name} (${code})` : error.name;
    return name && name !== 'Error' ? `${name}: ${error.message}` : error.message;
  }
  return String(error);
}
