/** Small hand-written snapshots for the cost rule tests. */
import type { CostRecord, DiskAttrs, GraphEdge, GraphNode, InstanceAttrs, Provider, Snapshot } from '../../src/graph/schema.js';
import { SnapshotIndex } from '../../src/cost/context.js';
import { commonSettings } from '../../src/cost/engine.js';
import type { CostParams } from '../../src/cost/engine.js';
import { loadCatalog } from '../../src/cost/pricing/index.js';
import type { AnyCostRule, RuleEnv } from '../../src/cost/types.js';
import type { Saving } from '../../src/results/schema.js';

export const NOW = new Date('2026-11-20T00:00:00Z');
export const catalog = loadCatalog();

export function snapshotOf(nodes: GraphNode[], edges: GraphEdge[] = [], costs: CostRecord[] = []): Snapshot {
  return {
    schemaVersion: '1.0',
    tool: { name: 'cloudwarden', version: 'test' },
    startedAt: NOW.toISOString(),
    finishedAt: NOW.toISOString(),
    scope: { providers: [], accounts: [], regions: [] },
    nodes,
    edges,
    costs,
    coverage: [],
  };
}

/** Runs one rule with its defaults (or `params`) and returns its savings and notes. */
export function runRule(rule: AnyCostRule, snapshot: Snapshot, params: Record<string, unknown> = {}, common: CostParams = {}, pricing = catalog): { savings: Saving[]; notes: string[] } {
  const notes: string[] = [];
  const env: RuleEnv = { now: NOW, common: commonSettings(common), index: new SnapshotIndex(snapshot), note: (m) => notes.push(m) };
  return { savings: rule.run(snapshot, pricing, { ...rule.defaults, ...params }, env), notes };
}

const base = (provider: Provider, id: string, region: string) => ({ id, provider, account: provider === 'aws' ? '111122223333' : 'acct', region, nativeType: 'test', name: id.split('/').pop() ?? id, tags: {} as Record<string, string> });

export function instance(id: string, attrs: Partial<InstanceAttrs> = {}, opts: { provider?: Provider; region?: string; tags?: Record<string, string> } = {}): GraphNode {
  return {
    ...base(opts.provider ?? 'aws', id, opts.region ?? 'us-east-1'),
    tags: opts.tags ?? {},
    kind: 'compute.instance',
    attrs: { state: 'running', stateSince: '2026-01-01T00:00:00Z', instanceType: 'm5.xlarge', vcpus: 4, memoryMiB: 16384, lifecycle: 'on-demand', publicIps: [], privateIps: [], ...attrs },
  };
}

export function disk(id: string, attrs: Partial<DiskAttrs> = {}, opts: { provider?: Provider; region?: string; createdAt?: string; tags?: Record<string, string> } = {}): GraphNode {
  return {
    ...base(opts.provider ?? 'aws', id, opts.region ?? 'us-east-1'),
    tags: opts.tags ?? {},
    createdAt: opts.createdAt ?? '2026-01-01T00:00:00Z',
    kind: 'compute.disk',
    attrs: { sizeGiB: 100, diskType: 'gp3', attachedTo: [], encrypted: true, iops: 3000, throughputMiBps: 125, ...attrs },
  };
}

export function snap(id: string, attrs: { sizeGiB?: number; sourceDiskId?: string | null } = {}, opts: { provider?: Provider; region?: string; createdAt?: string } = {}): GraphNode {
  return {
    ...base(opts.provider ?? 'aws', id, opts.region ?? 'us-east-1'),
    createdAt: opts.createdAt ?? '2026-11-01T00:00:00Z',
    kind: 'compute.snapshot',
    attrs: { sizeGiB: attrs.sizeGiB ?? 100, sourceDiskId: attrs.sourceDiskId === undefined ? null : attrs.sourceDiskId, encrypted: true },
  };
}

/** A cost row and its usage row for one usage type in October 2026. */
export function ceRows(usageType: string, cost: number, usage: number, unit: string, service = 'EC2 - Other'): CostRecord[] {
  const row = { provider: 'aws' as const, account: '111122223333', period: { start: '2026-10-01', end: '2026-11-01' }, service, usageType, region: null };
  return [
    { ...row, amount: cost, unit: 'USD', metric: 'cost', source: 'aws-cost-explorer:UnblendedCost' },
    { ...row, amount: usage, unit, metric: 'usage', source: 'aws-cost-explorer:UsageQuantity' },
  ];
}

/** Floating-point figures compared to the cent. */
export function near(actual: number | null | undefined, expected: number, what = 'value'): void {
  if (actual === null || actual === undefined || Math.abs(actual - expected) > 0.005 + 1e-9) {
    throw new Error(`${what}: expected ${expected}, got ${String(actual)}`);
  }
}
