/** Shared helpers of the scale tests: an in-memory provider with many targets, timed calls and gauges. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectSnapshot, providerRun, type CollectOutcome, type CollectRunOptions } from '../../src/collectors/collect.js';
import { registerCollector, type ProviderModule, type TargetBase } from '../../src/collectors/types.js';
import type { BucketNode, GraphEdge, GraphNode, Provider } from '../../src/graph/schema.js';

export const NOW = new Date('2026-11-20T00:00:00Z');

export function tempDir(prefix = 'cw-scale-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function bucket(provider: Provider, account: string, i: number, attrs: Partial<BucketNode['attrs']> = {}): BucketNode {
  return {
    id: `${provider}://${account}/bucket/b-${i}`,
    provider,
    account,
    region: 'global',
    kind: 'storage.bucket',
    nativeType: 'test:bucket',
    name: `b-${i}`,
    tags: {},
    attrs: { aclGrants: [], policyStatements: [], publicAccessBlock: null, encryption: null, versioning: i % 2 === 0, logging: false, ...attrs },
  };
}

export interface FakeTarget extends TargetBase {
  resources: number;
}

export interface Gauge {
  /** Highest number of calls in flight at once, per target and overall. */
  maxPerTarget: Map<string, number>;
  maxTotal: number;
  calls: number;
}

/**
 * A provider whose targets are given as `account → resource count`. Each target makes one list call
 * per 10 resources (each `delayMs` long) through `ctx.call`; `deny` lists accounts whose every call is
 * denied, `throttleFirst` accounts whose first call is throttled.
 */
export function fakeProvider(
  provider: Provider,
  accounts: Record<string, number>,
  opts: { delayMs?: number; deny?: string[]; gauge?: Gauge } = {},
): ProviderModule<null, FakeTarget> {
  const inFlight = new Map<string, number>();
  let total = 0;
  const gauge = opts.gauge;
  class Denied extends Error {}
  return {
    provider,
    description: 'test provider',
    resolveTargets: () => Promise.resolve(Object.entries(accounts).map(([account, resources]) => ({ provider, account, region: 'global', resources }))),
    classifyError: (e) => (e instanceof Denied ? { kind: 'denied' } : { kind: 'fatal' }),
    collectors: [
      registerCollector<FakeTarget, number[]>({
        id: `${provider}.buckets`,
        provider,
        service: 'storage',
        description: 'buckets',
        permissions: [],
        async get(ctx, target) {
          const pages = Math.max(1, Math.ceil(target.resources / 10));
          const results = await Promise.all(
            Array.from({ length: pages }, (_, p) =>
              ctx.call({ service: 'storage', operation: 'list', resource: `page-${p}` }, async () => {
                const now = (inFlight.get(target.account) ?? 0) + 1;
                inFlight.set(target.account, now);
                total++;
                if (gauge) {
                  gauge.calls++;
                  gauge.maxPerTarget.set(target.account, Math.max(gauge.maxPerTarget.get(target.account) ?? 0, now));
                  gauge.maxTotal = Math.max(gauge.maxTotal, total);
                }
                try {
                  await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
                  if (opts.deny?.includes(target.account)) throw new Denied(`access denied to ${target.account}`);
                  return Array.from({ length: Math.min(10, target.resources - p * 10) }, (_, k) => p * 10 + k);
                } finally {
                  inFlight.set(target.account, (inFlight.get(target.account) ?? 1) - 1);
                  total--;
                }
              }),
            ),
          );
          return results.flatMap((r) => (r.ok ? r.value : []));
        },
        transform(raw, target) {
          const nodes: GraphNode[] = raw.map((i) => bucket(provider, target.account, i));
          const edges: GraphEdge[] = [];
          for (let i = 1; i < nodes.length; i += 2) edges.push({ from: nodes[i]?.id ?? '', to: nodes[i - 1]?.id ?? '', kind: 'contains' });
          return { nodes, edges };
        },
      }),
    ],
  };
}

export function newGauge(): Gauge {
  return { maxPerTarget: new Map(), maxTotal: 0, calls: 0 };
}

export const FAST: CollectRunOptions = { concurrency: 16, maxAttempts: 2, callTimeoutMs: 5_000, retryBaseDelayMs: 1, retryMaxDelayMs: 2, now: () => NOW };

export async function collectFake(providers: ProviderModule<null, FakeTarget>[], options: Partial<CollectRunOptions> = {}): Promise<CollectOutcome> {
  return collectSnapshot(
    providers.map((p) => providerRun(p, null)),
    { ...FAST, ...options },
  );
}
