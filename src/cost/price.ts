/**
 * Monthly prices of resources, **actual spend first**: a unit rate read from the billing rows of the
 * resource's account and region (`snapshot.costs`, e.g. Cost Explorer's `BoxUsage:m5.large` cost ÷
 * hours) wins over the catalog's list price. Every figure says where it came from and carries the
 * inputs of its arithmetic. When neither gives a price the result is `monthly: null` with the
 * reason: never a guessed figure.
 */
import type { DiskNode, GraphNode, InstanceNode, JsonObject, JsonValue, LoadBalancerNode, NatGatewayNode, SnapshotNode } from '../graph/schema.js';
import type { Confidence } from '../results/schema.js';
import type { Price, PricingCatalog } from './pricing/index.js';
import { HOURS_PER_MONTH } from './pricing/index.js';
import type { ActualRate, SnapshotIndex } from './context.js';

export interface Figure {
  /** USD per month, unrounded. */
  monthly: number;
  basis: 'actual' | 'catalog';
  /** `aws-cost-explorer`, `catalog:aws:2024-07-18`, `override:prices.yaml`. */
  pricingSource: string;
  evidence: JsonObject;
}
export interface Unpriced {
  monthly: null;
  reason: string;
}
export type Priced = Figure | Unpriced;

/** `any`: actual rates first, then the catalog; `catalog`: the catalog only (to compare like with like). */
export type PriceMode = 'any' | 'catalog';

export const isPriced = (p: Priced): p is Figure => p.monthly !== null;

/** The confidence a figure's basis gives: actual spend is high, a list-price estimate medium. */
export function confidenceOf(p: Priced): Confidence {
  return p.monthly === null ? 'unknown' : p.basis === 'actual' ? 'high' : 'medium';
}

/** The `pricingSource` label of a catalog or price-sheet figure. */
export function catalogLabel(provider: string, price: { source: { id: string; date: string } }): string {
  return price.source.id.startsWith('override:') ? price.source.id : `catalog:${provider}:${price.source.date}`;
}

function rateEvidence(r: ActualRate, quantity: number, quantityUnit: string): JsonObject {
  return {
    usageType: r.usageType,
    actualRate: r.rate,
    rateUnit: `USD/${r.unit}`,
    rateFrom: { cost: r.cost, quantity: r.quantity, unit: r.unit, period: `${r.period.start}..${r.period.end}`, account: r.account, region: r.region },
    quantity,
    quantityUnit,
  };
}

function actualFigure(parts: { r: ActualRate; quantity: number; quantityUnit: string }[]): Figure {
  const monthly = parts.reduce((s, p) => s + p.r.rate * p.quantity, 0);
  const first = parts[0];
  return {
    monthly,
    basis: 'actual',
    pricingSource: first?.r.source ?? 'actual',
    evidence: { basis: 'actual unit rate from billing rows (cost ÷ usage of the latest complete month)', components: parts.map((p) => rateEvidence(p.r, p.quantity, p.quantityUnit)) },
  };
}

function priceEvidence(p: Price, extra: JsonObject = {}): JsonObject {
  const e: JsonObject = { ...extra, unitPrice: p.value, unit: p.unit, priceSource: `${p.source.id}@${p.source.date}` };
  if (p.breakdown) {
    e['breakdown'] = p.breakdown.map((c) => ({ name: c.name, quantity: c.quantity, quantityUnit: c.quantityUnit, rate: c.rate, rateUnit: c.rateUnit, value: c.value }));
  }
  if (p.notes) e['notes'] = p.notes;
  return e;
}

function catalogMonthly(provider: string, p: Price, extra: JsonObject = {}): Figure {
  if (p.unit === 'USD/hour') {
    return { monthly: p.value * HOURS_PER_MONTH, basis: 'catalog', pricingSource: catalogLabel(provider, p), evidence: priceEvidence(p, { ...extra, hoursPerMonth: HOURS_PER_MONTH }) };
  }
  return { monthly: p.value, basis: 'catalog', pricingSource: catalogLabel(provider, p), evidence: priceEvidence(p, extra) };
}

const unpriced = (reason: string): Unpriced => ({ monthly: null, reason });

// ---------------------------------------------------------------------------------------------

/** On-demand monthly price of an instance (type given to price a different size). */
export function instanceMonthly(ix: SnapshotIndex, pricing: PricingCatalog, node: InstanceNode, type: string | null = node.attrs.instanceType, mode: PriceMode = 'any'): Priced {
  const own = type === node.attrs.instanceType;
  const os = licensedOs(node);
  const key = `i|${mode}|${node.provider}|${node.account}|${node.region}|${type}|${own ? `${node.attrs.vcpus}|${node.attrs.memoryMiB}` : ''}|${os}`;
  return ix.cached(key, () => {
    const p = instanceMonthlyUncached(ix, pricing, node, type, mode);
    if (os && isPriced(p) && p.basis === 'catalog') return { ...p, evidence: { ...p.evidence, licenseNote: `the catalog prices Linux; the ${os} licence is not included, so the real figure is higher` } };
    return p;
  });
}

/** A licensed operating system the Linux catalog price leaves out (Windows), if the collector says. */
function licensedOs(node: InstanceNode): string | null {
  const platform = node.raw?.['Platform'] ?? node.attrs['osType'] ?? node.attrs['platform'];
  return typeof platform === 'string' && /windows/i.test(platform) ? 'Windows' : null;
}

function instanceMonthlyUncached(ix: SnapshotIndex, pricing: PricingCatalog, node: InstanceNode, type: string | null, mode: PriceMode): Priced {
  if (mode === 'any' && type && node.provider === 'aws') {
    const r = ix.rate(node, `BoxUsage:${type}`);
    if (r && r.unit === 'Hrs') return actualFigure([{ r, quantity: HOURS_PER_MONTH, quantityUnit: 'Hrs' }]);
  }
  const shape = type === node.attrs.instanceType ? { vcpus: node.attrs.vcpus, memoryMiB: node.attrs.memoryMiB } : undefined;
  const p = pricing.instanceHourly(node.provider, node.region, type, shape);
  if (!p) {
    return unpriced(
      node.provider === 'libvirt'
        ? 'libvirt is priced only from a price sheet’s rates (cost.priceSheet / --price-sheet): none given'
        : `no price for ${type ?? 'this instance'} in ${node.region} in the catalog or the price sheet`,
    );
  }
  return catalogMonthly(node.provider, p, { instanceType: type, region: node.region });
}

const AWS_VOLUME_USAGE: Record<string, string> = {
  gp2: 'EBS:VolumeUsage.gp2',
  gp3: 'EBS:VolumeUsage.gp3',
  io1: 'EBS:VolumeUsage.piops',
  io2: 'EBS:VolumeUsage.io2',
  st1: 'EBS:VolumeUsage.st1',
  sc1: 'EBS:VolumeUsage.sc1',
  standard: 'EBS:VolumeUsage',
};

export interface DiskShape {
  diskType?: string | null;
  iops?: number | null;
  throughputMiBps?: number | null;
}

/** The size a disk is billed on: provisioned size; for libvirt, the space allocated on the host. */
export function billedDiskGiB(node: DiskNode): number | null {
  if (node.provider === 'libvirt') return node.attrs.allocationGiB ?? node.attrs.sizeGiB;
  return node.attrs.sizeGiB;
}

/** Monthly price of a disk as it is, or with another type/IOPS/throughput (`shape`). */
export function diskMonthly(ix: SnapshotIndex, pricing: PricingCatalog, node: DiskNode, shape: DiskShape = {}, mode: PriceMode = 'any'): Priced {
  const size = billedDiskGiB(node);
  if (size === null) return unpriced('disk size unknown');
  const diskType = shape.diskType !== undefined ? shape.diskType : node.attrs.diskType;
  const iops = shape.iops !== undefined ? shape.iops : (node.attrs.iops ?? null);
  const thr = shape.throughputMiBps !== undefined ? shape.throughputMiBps : (node.attrs.throughputMiBps ?? null);
  const pool = node.provider === 'libvirt' ? ix.poolName(node) : null;
  const key = `d|${mode}|${node.provider}|${node.account}|${node.region}|${diskType}|${size}|${iops}|${thr}|${pool}`;
  return ix.cached(key, () => diskMonthlyUncached(ix, pricing, node, size, diskType, iops, thr, pool, mode));
}

function diskMonthlyUncached(ix: SnapshotIndex, pricing: PricingCatalog, node: DiskNode, size: number, diskType: string | null, iops: number | null, thr: number | null, pool: string | null, mode: PriceMode): Priced {
  if (mode === 'any' && node.provider === 'aws' && diskType) {
    const cap = AWS_VOLUME_USAGE[diskType];
    const capRate = cap ? ix.rate(node, cap) : undefined;
    if (capRate) {
      const parts = [{ r: capRate, quantity: size, quantityUnit: 'GB-Mo' }];
      let complete = true;
      const add = (usage: string, quantity: number, unit: string): void => {
        if (quantity <= 0) return;
        const r = ix.rate(node, usage);
        if (r) parts.push({ r, quantity, quantityUnit: unit });
        else complete = false;
      };
      if (diskType === 'io1') add('EBS:VolumeP-IOPS.piops', iops ?? Number.NaN, 'IOPS-Mo');
      else if (diskType === 'io2') {
        if (iops === null || iops > 32000) complete = false;
        else add('EBS:VolumeP-IOPS.io2', iops, 'IOPS-Mo');
      } else if (diskType === 'gp3') {
        add('EBS:VolumeP-IOPS.gp3', (iops ?? 3000) - 3000, 'IOPS-Mo');
        add('EBS:VolumeP-Throughput.gp3', (thr ?? 125) - 125, 'MiBps-Mo');
      }
      if ((diskType === 'io1' && iops === null) || parts.some((p) => Number.isNaN(p.quantity))) complete = false;
      if (complete) return actualFigure(parts);
    }
  }
  const p = pricing.diskMonthly(node.provider, node.region, diskType, size, { iops, throughputMiBps: thr, pool });
  if (!p) {
    return unpriced(
      node.provider === 'libvirt'
        ? 'libvirt storage is priced only from a price sheet’s storageGBMonth rate: none given'
        : `no price for disk type ${diskType ?? '(unknown)'} in ${node.region} in the catalog or the price sheet`,
    );
  }
  const extra: JsonObject = { diskType, billedGiB: size, region: node.region };
  if (iops !== null) extra['iops'] = iops;
  if (thr !== null) extra['throughputMiBps'] = thr;
  if (pool) extra['pool'] = pool;
  return catalogMonthly(node.provider, p, extra);
}

/** The size a snapshot is billed on, and where it is stored. */
export function snapshotBilledGiB(node: SnapshotNode): number | null {
  const stored = node.attrs['storageGiB'];
  return typeof stored === 'number' ? stored : node.attrs.sizeGiB;
}

/** GCP multi-region storage locations as the catalog keys them (`us` → `us-multi`, `eu` → `europe-multi`). */
const GCP_MULTI_REGIONS: Record<string, string> = { us: 'us-multi', eu: 'europe-multi', asia: 'asia-multi' };
const catalogLocation = (loc: string): string => GCP_MULTI_REGIONS[loc.toLowerCase()] ?? loc;

export function snapshotMonthly(ix: SnapshotIndex, pricing: PricingCatalog, node: SnapshotNode): Priced {
  const size = snapshotBilledGiB(node);
  if (size === null) return unpriced('snapshot size unknown');
  const tier = node.attrs['storageTier'] ?? node.attrs['skuName'];
  const loc = Array.isArray(node.attrs['storageLocations']) ? node.attrs['storageLocations'].join(',') : '';
  const key = `s|${node.provider}|${node.account}|${node.region}|${size}|${String(tier)}|${loc}|${String(node.attrs['incremental'])}`;
  return ix.cached(key, () => snapshotMonthlyUncached(ix, pricing, node, size));
}

function snapshotMonthlyUncached(ix: SnapshotIndex, pricing: PricingCatalog, node: SnapshotNode, size: number): Priced {
  const notes: JsonValue[] = [];
  if (node.provider === 'aws' || node.attrs['incremental'] === true) notes.push('snapshots are incremental: the billed size can be smaller than the source size used here');
  if (node.provider === 'aws') {
    const r = ix.rate(node, 'EBS:SnapshotUsage');
    if (r && r.unit === 'GB-Mo') {
      const f = actualFigure([{ r, quantity: size, quantityUnit: 'GB-Mo' }]);
      f.evidence['notes'] = notes;
      return f;
    }
  }
  const tier = node.attrs['storageTier'] ?? node.attrs['skuName'];
  const opts = typeof tier === 'string' ? { storageType: tier } : {};
  const locations = Array.isArray(node.attrs['storageLocations']) ? node.attrs['storageLocations'].filter((x): x is string => typeof x === 'string').map(catalogLocation) : [];
  const regions = [node.region, ...locations].filter((r) => r !== 'global');
  for (const region of regions.length ? regions : [node.region]) {
    const p = pricing.snapshotMonthly(node.provider, region, size, opts);
    if (p) {
      const f = catalogMonthly(node.provider, p, { billedGiB: size, priceRegion: region });
      if (notes.length) f.evidence['notes'] = [...notes, ...(p.notes ?? [])];
      return f;
    }
  }
  return unpriced(`no snapshot price for ${regions.join(', ') || node.region} in the catalog or the price sheet`);
}

export function publicIpMonthly(ix: SnapshotIndex, pricing: PricingCatalog, node: GraphNode, inUse: boolean): Priced {
  return ix.cached(`ip|${node.provider}|${node.account}|${node.region}|${inUse}`, () => publicIpMonthlyUncached(ix, pricing, node, inUse));
}

function publicIpMonthlyUncached(ix: SnapshotIndex, pricing: PricingCatalog, node: GraphNode, inUse: boolean): Priced {
  if (node.provider === 'aws') {
    const r = ix.rate(node, inUse ? 'PublicIPv4:InUseAddress' : 'ElasticIP:IdleAddress');
    if (r && r.unit === 'Hrs') return actualFigure([{ r, quantity: HOURS_PER_MONTH, quantityUnit: 'Hrs' }]);
  }
  const p = pricing.publicIpHourly(node.provider, node.region, inUse);
  if (!p) return unpriced(`no ${inUse ? 'in-use' : 'idle'} public IP price for ${node.provider} ${node.region} in the catalog or the price sheet`);
  return catalogMonthly(node.provider, p, { inUse, region: node.region });
}

export function natGatewayMonthly(ix: SnapshotIndex, pricing: PricingCatalog, node: NatGatewayNode): Priced {
  if (node.provider === 'aws') {
    const r = ix.rate(node, 'NatGateway-Hours');
    if (r && r.unit === 'Hrs') return actualFigure([{ r, quantity: HOURS_PER_MONTH, quantityUnit: 'Hrs' }]);
  }
  const p = pricing.natGateway(node.provider, node.region)?.hourly;
  if (!p) return unpriced(`no NAT gateway hourly price for ${node.provider} ${node.region} in the catalog or the price sheet`);
  return catalogMonthly(node.provider, p, { region: node.region, note: 'hourly charge only; data processed is billed per GB on top' });
}

export function loadBalancerMonthly(ix: SnapshotIndex, node: LoadBalancerNode): Priced {
  if (node.provider === 'aws') {
    const r = ix.rate(node, 'LoadBalancerUsage');
    if (r && r.unit === 'Hrs') {
      const f = actualFigure([{ r, quantity: HOURS_PER_MONTH, quantityUnit: 'Hrs' }]);
      f.evidence['note'] = 'the account’s average LoadBalancerUsage rate over its load balancers; capacity units (LCU) not included';
      return f;
    }
  }
  return unpriced('the pricing catalog has no load balancer prices and the billing rows give none');
}

/** The kinds `resourceMonthly` prices. */
export const PRICED_KINDS = ['compute.instance', 'compute.disk', 'compute.snapshot', 'network.public_ip', 'network.nat_gateway', 'network.load_balancer'] as const;

/** What a resource costs per month as it is now, for the kinds above; undefined for other kinds. */
export function resourceMonthly(ix: SnapshotIndex, pricing: PricingCatalog, node: GraphNode): Priced | undefined {
  switch (node.kind) {
    case 'compute.instance':
      if (node.attrs.state !== 'running') {
        return { monthly: 0, basis: 'actual', pricingSource: `state:${node.attrs.state}`, evidence: { note: `compute is not billed while ${node.attrs.state}; its disks are priced as their own resources` } };
      }
      return instanceMonthly(ix, pricing, node);
    case 'compute.disk':
      return diskMonthly(ix, pricing, node);
    case 'compute.snapshot':
      return snapshotMonthly(ix, pricing, node);
    case 'network.public_ip':
      return publicIpMonthly(ix, pricing, node, node.attrs.associatedWith !== null);
    case 'network.nat_gateway':
      return natGatewayMonthly(ix, pricing, node);
    case 'network.load_balancer':
      return loadBalancerMonthly(ix, node);
    default:
      return undefined;
  }
}
