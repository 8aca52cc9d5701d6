/**
 * Shared lookups for cost rules, built once per snapshot: nodes by id, snapshot edges, running
 * instances by network, storage pool names, and the **actual unit rates** read from billing rows
 * (`snapshot.costs`): cost ÷ usage quantity for one usage type over the latest complete month.
 */
import type { CostRecord, GraphNode, Provider, Snapshot } from '../graph/schema.js';

/** An actual rate: what one unit of a usage type really cost in one month. */
export interface ActualRate {
  provider: Provider;
  account: string;
  region: string;
  usageType: string;
  /** USD per usage unit. */
  rate: number;
  cost: number;
  quantity: number;
  /** Usage unit as the billing API states it (`Hrs`, `GB-Mo`, `IOPS-Mo`, `GB`). */
  unit: string;
  period: { start: string; end: string };
  /** `aws-cost-explorer` for Cost Explorer rows, else the record's source before `:`. */
  source: string;
}

/**
 * AWS usage types start with a region code (`USE2-BoxUsage:m5.large`); us-east-1 has none. Only
 * the codes below are read; a usage type with any other prefix is not matched to a region.
 */
export const AWS_USAGE_PREFIX: Readonly<Record<string, string>> = {
  USE1: 'us-east-1',
  USE2: 'us-east-2',
  USW1: 'us-west-1',
  USW2: 'us-west-2',
  CAN1: 'ca-central-1',
  SAE1: 'sa-east-1',
  EU: 'eu-west-1',
  EUW1: 'eu-west-1',
  EUW2: 'eu-west-2',
  EUW3: 'eu-west-3',
  EUC1: 'eu-central-1',
  EUN1: 'eu-north-1',
  APS1: 'ap-southeast-1',
  APS2: 'ap-southeast-2',
  APS3: 'ap-south-1',
  APN1: 'ap-northeast-1',
  APN2: 'ap-northeast-2',
};

/** Splits an AWS usage type into its region and the rest (`EU-DataTransfer-Out-Bytes` → eu-west-1). */
export function splitAwsUsageType(usageType: string): { region: string; rest: string } {
  const dash = usageType.indexOf('-');
  if (dash > 0) {
    const region = AWS_USAGE_PREFIX[usageType.slice(0, dash)];
    if (region) return { region, rest: usageType.slice(dash + 1) };
  }
  return { region: 'us-east-1', rest: usageType };
}

/** `YYYY-MM-01` → `YYYY-(MM+1)-01`. */
function nextMonthStart(start: string): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** A complete calendar month: starts on the 1st and ends on the 1st of the next month. */
export function isFullMonth(p: { start: string; end: string }): boolean {
  return /^\d{4}-\d{2}-01$/.test(p.start) && p.end === nextMonthStart(p.start);
}

export function sourceLabel(r: CostRecord): string {
  return r.source.split(':')[0] ?? r.source;
}

function regionOfRecord(r: CostRecord): { region: string; rest: string } {
  if (r.usageType === null) return { region: r.region ?? 'global', rest: '' };
  if (r.provider === 'aws') {
    const s = splitAwsUsageType(r.usageType);
    return r.region ? { region: r.region, rest: s.rest } : s;
  }
  return { region: r.region ?? 'global', rest: r.usageType };
}

/** Actual rates of the latest complete month of each account, keyed `provider|account|region|usageType`. */
export function actualRates(costs: readonly CostRecord[]): Map<string, ActualRate> {
  const latest = new Map<string, string>();
  for (const r of costs) {
    if (!isFullMonth(r.period)) continue;
    const k = `${r.provider}|${r.account}`;
    if ((latest.get(k) ?? '') < r.period.start) latest.set(k, r.period.start);
  }
  const acc = new Map<string, ActualRate>();
  for (const r of costs) {
    if (r.usageType === null || latest.get(`${r.provider}|${r.account}`) !== r.period.start || !isFullMonth(r.period)) continue;
    const { region, rest } = regionOfRecord(r);
    const key = `${r.provider}|${r.account}|${region}|${rest}`;
    let a = acc.get(key);
    if (!a) {
      a = { provider: r.provider, account: r.account, region, usageType: rest, rate: Number.NaN, cost: 0, quantity: 0, unit: '', period: r.period, source: sourceLabel(r) };
      acc.set(key, a);
    }
    if (r.metric === 'cost') {
      if (r.unit !== 'USD') continue;
      a.cost += r.amount;
    } else {
      a.quantity += r.amount;
      a.unit = r.unit;
    }
  }
  const out = new Map<string, ActualRate>();
  for (const [k, a] of acc) {
    if (a.quantity > 0 && a.cost >= 0 && a.unit !== '') out.set(k, { ...a, rate: a.cost / a.quantity });
  }
  return out;
}

export class SnapshotIndex {
  readonly byId = new Map<string, GraphNode>();
  /** Lower-cased id → node (Azure ids differ in case between references), built on first use. */
  private byLowerId: Map<string, GraphNode> | undefined;
  /** Prices already worked out in this run, by their inputs (many resources share a SKU). */
  readonly priceCache = new Map<string, unknown>();
  /** Snapshot id → disk id, from `snapshot_of` edges. */
  readonly snapshotOf = new Map<string, string>();
  /** Network (vpc) id → number of running instances in it. */
  readonly runningInVpc = new Map<string, number>();
  /** Snapshot id → image id, for snapshots an image is made from (`compute.image` attrs.snapshotIds). */
  readonly imageOfSnapshot = new Map<string, string>();
  readonly rates: Map<string, ActualRate>;

  constructor(readonly snapshot: Snapshot) {
    for (const n of snapshot.nodes) {
      this.byId.set(n.id, n);
      if (n.kind === 'compute.instance' && n.attrs.state === 'running') {
        const vpc = n.attrs['vpcId'];
        if (typeof vpc === 'string') this.runningInVpc.set(vpc, (this.runningInVpc.get(vpc) ?? 0) + 1);
      }
      if (n.kind === 'compute.image' && Array.isArray(n.attrs['snapshotIds'])) {
        for (const s of n.attrs['snapshotIds']) if (typeof s === 'string') this.imageOfSnapshot.set(s, n.id);
      }
    }
    for (const e of snapshot.edges) if (e.kind === 'snapshot_of') this.snapshotOf.set(e.from, e.to);
    this.rates = actualRates(snapshot.costs);
  }

  node(id: string | null | undefined): GraphNode | undefined {
    if (!id) return undefined;
    const hit = this.byId.get(id);
    if (hit) return hit;
    if (!this.byLowerId) {
      this.byLowerId = new Map();
      for (const n of this.snapshot.nodes) this.byLowerId.set(n.id.toLowerCase(), n);
    }
    return this.byLowerId.get(id.toLowerCase());
  }

  /** The actual rate of a usage type for a node's account and region, if billing rows give one. */
  rate(node: { provider: Provider; account: string; region: string }, usageType: string): ActualRate | undefined {
    return this.rates.get(`${node.provider}|${node.account}|${node.region}|${usageType}`);
  }

  /** The value computed once per key for this run (prices of one SKU, region and size). */
  cached<T>(key: string, make: () => T): T {
    if (this.priceCache.has(key)) return this.priceCache.get(key) as T;
    const v = make();
    this.priceCache.set(key, v);
    return v;
  }

  /** Name of the storage pool a libvirt volume lives in. */
  poolName(disk: GraphNode): string | null {
    const poolId = disk.attrs['poolId'];
    return typeof poolId === 'string' ? (this.byId.get(poolId)?.name ?? null) : null;
  }
}
