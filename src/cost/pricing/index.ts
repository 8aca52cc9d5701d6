/**
 * The pricing catalog: dated list prices shipped in the repository (`pricing/*.json`, built by
 * `npm run pricing:refresh`), optionally extended or overridden by a user price sheet.
 *
 * Every lookup returns the figure with its unit, currency and source (id and date), or `undefined`
 * when the catalog has no price: callers then report `confidence: unknown`, never a made-up price.
 * A month is 730 hours. See docs/pricing.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTypeName, SUCCESSOR_FAMILY, SUCCESSOR_TYPE, successorLadder } from './families.js';
import { loadPriceSheet, overridesFor } from './overrides.js';
import type { PriceOverrides, RegionOverrides } from './overrides.js';
import { CLOUD_PROVIDERS, CURRENCY, HOURS_PER_MONTH } from './types.js';
import type {
  CatalogSection,
  CloudProvider,
  EgressTiers,
  InstanceSpec,
  NatGatewayPrice,
  Price,
  PriceComponent,
  PriceSource,
  PriceTable,
  PriceUnit,
  Provider,
  ProviderCatalogData,
  SpotDiscount,
} from './types.js';

export * from './types.js';
export { parseTypeName, SUCCESSOR_FAMILY, SUCCESSOR_TYPE } from './families.js';
export { loadPriceSheet, parsePriceSheet, PriceSheetError } from './overrides.js';
export type { PriceOverrides, RegionOverrides } from './overrides.js';

/**
 * The shipped data lives in `pricing/` at the package root. Both `src/cost/pricing/index.ts`
 * (tests, tsx) and `dist/cost/pricing/index.js` (the built CLI) sit three levels below it, so one
 * relative path serves both.
 */
export const SHIPPED_DATA_DIR = fileURLToPath(new URL('../../../pricing/', import.meta.url));

export interface LoadCatalogOptions {
  /** A YAML or CSV price sheet whose prices win over the shipped ones. */
  overridesPath?: string;
  /** Where the `{aws,azure,gcp}.json` files are; defaults to the shipped data. */
  dataDir?: string;
}

export interface CatalogDates {
  /** Per provider and section: the date the prices were valid (oldest source used). */
  providers: Record<CloudProvider, Partial<Record<CatalogSection, string>>>;
  sources: Array<{ id: string; date: string; title: string; attribution: string }>;
  overrides?: { file: string; date: string };
}

export interface DiskOptions {
  iops?: number | null;
  throughputMiBps?: number | null;
  /** libvirt storage pool name, matched against the sheet's `rates.storageGBMonth`. */
  pool?: string | null;
}

export interface InstanceShapeHint {
  vcpus?: number | null;
  memoryMiB?: number | null;
}

/** Rounds away float noise (8.000000000000002) without touching source figures (8 decimals). */
const round = (x: number): number => Math.round(x * 1e9) / 1e9;

function isCloud(p: Provider): p is CloudProvider {
  return (CLOUD_PROVIDERS as readonly string[]).includes(p);
}

function readProviderFile(dir: string, provider: CloudProvider): ProviderCatalogData {
  const file = join(dir, `${provider}.json`);
  const data = JSON.parse(readFileSync(file, 'utf8')) as ProviderCatalogData;
  if (data.schemaVersion !== 1 || data.provider !== provider || data.hoursPerMonth !== HOURS_PER_MONTH) {
    throw new Error(`${file}: not a cloudwarden pricing catalog for ${provider} (schemaVersion 1, 730 h/month)`);
  }
  return data;
}

/** AWS gp3 baseline included in the capacity price. */
const GP3_BASELINE_IOPS = 3000;
const GP3_BASELINE_MIBPS = 125;
/** io2 provisioned IOPS tier boundaries. */
const IO2_TIER1_MAX = 32000;
const IO2_TIER2_MAX = 64000;

/** Azure disk SKU → tier letter and redundancy. */
const AZURE_DISK_TIERS: Record<string, [letter: string, redundancy: string]> = {
  Standard_LRS: ['S', 'LRS'],
  StandardSSD_LRS: ['E', 'LRS'],
  StandardSSD_ZRS: ['E', 'ZRS'],
  Premium_LRS: ['P', 'LRS'],
  Premium_ZRS: ['P', 'ZRS'],
};

interface Ladders {
  /** ladder → step types sorted by (vcpus, memory, name). */
  members: Map<string, string[]>;
}

export class PricingCatalog {
  private readonly ladders = new Map<CloudProvider, Ladders>();

  constructor(
    readonly data: Readonly<Record<CloudProvider, ProviderCatalogData>>,
    readonly overrides?: PriceOverrides,
  ) {}

  // -------------------------------------------------------------------------------------------
  // provenance helpers

  private catalogSource(provider: CloudProvider, id: string): PriceSource {
    const s = this.data[provider].sources[id];
    return { id, date: s?.date ?? 'unknown' };
  }

  private overrideSource(): PriceSource {
    const o = this.overrides;
    return { id: `override:${o?.file ?? '?'}`, date: o?.date ?? 'unknown' };
  }

  private price(value: number, unit: PriceUnit, source: PriceSource, extra?: Pick<Price, 'breakdown' | 'notes'>): Price {
    const p: Price = { value: round(value), unit, currency: CURRENCY, source, estimate: true };
    if (extra?.breakdown?.length) p.breakdown = extra.breakdown;
    if (extra?.notes?.length) p.notes = extra.notes;
    return p;
  }

  /** First table of `tables` that has `region/key`: its value and source. */
  private lookup(provider: CloudProvider, tables: PriceTable[], region: string, key: string): { value: number; unit: PriceUnit; source: PriceSource } | undefined {
    for (const t of tables) {
      const v = t.values[region]?.[key];
      if (v !== undefined) return { value: v, unit: t.unit, source: this.catalogSource(provider, t.source) };
    }
    return undefined;
  }

  private sheet(provider: Provider, region: string): RegionOverrides[] {
    return overridesFor(this.overrides, provider, region);
  }

  private fromSheet<T>(provider: Provider, region: string, pick: (r: RegionOverrides) => T | undefined): T | undefined {
    for (const r of this.sheet(provider, region)) {
      const v = pick(r);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // instances

  /**
   * On-demand hourly price of an instance type in a region. Order: the sheet's per-SKU price, the
   * shipped catalog, then the sheet's per-vCPU and per-GiB rates applied to the type's shape (from
   * the catalog's specs or `shape`, which is how libvirt domains are priced).
   */
  instanceHourly(provider: Provider, region: string, instanceType: string | null, shape?: InstanceShapeHint): Price | undefined {
    if (instanceType) {
      const o = this.fromSheet(provider, region, (r) => r.instances.get(instanceType));
      if (o !== undefined) return this.price(o, 'USD/hour', this.overrideSource());
      if (isCloud(provider)) {
        const hit = this.lookup(provider, this.data[provider].instances, region, instanceType);
        if (hit) return this.price(hit.value, hit.unit, hit.source);
      }
    }
    const spec = instanceType && isCloud(provider) ? this.instanceSpec(provider, instanceType) : undefined;
    const vcpus = spec?.vcpus ?? shape?.vcpus ?? null;
    const memGiB = spec?.memoryGiB ?? (shape?.memoryMiB != null ? shape.memoryMiB / 1024 : null);
    if (vcpus === null || memGiB === null) return undefined;
    const cpuRate = this.fromSheet(provider, region, (r) => r.rates.vcpuHour);
    const ramRate = this.fromSheet(provider, region, (r) => r.rates.ramGiBHour);
    if (cpuRate === undefined || ramRate === undefined) return undefined;
    const source = this.overrideSource();
    const breakdown: PriceComponent[] = [
      { name: 'vCPU', quantity: vcpus, quantityUnit: 'vCPU', rate: cpuRate, rateUnit: 'USD/vCPU-hour', value: round(vcpus * cpuRate), source },
      { name: 'memory', quantity: round(memGiB), quantityUnit: 'GiB', rate: ramRate, rateUnit: 'USD/GiB-hour', value: round(memGiB * ramRate), source },
    ];
    return this.price(vcpus * cpuRate + memGiB * ramRate, 'USD/hour', source, {
      breakdown,
      notes: ['priced from the price sheet’s per-vCPU and per-GiB rates'],
    });
  }

  /** vCPUs, memory, family, ladder, size rank and generation of a type; undefined if unknown. */
  instanceSpec(provider: Provider, instanceType: string): InstanceSpec | undefined {
    if (!isCloud(provider)) return undefined;
    const shape = this.data[provider].instanceSpecs.types[instanceType];
    const name = parseTypeName(provider, instanceType);
    if (!shape || !name) return undefined;
    const members = this.ladderMembers(provider).get(name.ladder) ?? [];
    const [vcpus, memoryGiB] = shape;
    let sizeRank = members.indexOf(instanceType) + 1;
    if (sizeRank === 0) sizeRank = members.filter((t) => compareShape(this.shape(provider, t), shape) <= 0).length;
    return {
      provider,
      instanceType,
      vcpus,
      memoryGiB,
      family: name.family,
      ladder: name.ladder,
      sizeRank,
      ladderSize: members.length,
      generation: SUCCESSOR_FAMILY[provider][name.family] ? 'previous' : 'current',
    };
  }

  /** The next smaller size of the same ladder (same family and variant), for right-sizing. */
  nextSizeDown(provider: Provider, instanceType: string): InstanceSpec | undefined {
    const spec = this.instanceSpec(provider, instanceType);
    if (!spec || !isCloud(provider)) return undefined;
    const own: [number, number] = [spec.vcpus, spec.memoryGiB];
    const smaller = (this.ladderMembers(provider).get(spec.ladder) ?? []).filter((t) => compareShape(this.shape(provider, t), own) < 0);
    const next = smaller[smaller.length - 1];
    return next ? this.instanceSpec(provider, next) : undefined;
  }

  /**
   * For a previous-generation type, the current-generation type cloudwarden suggests: in the
   * successor ladder (SUCCESSOR_FAMILY), the type with the same vCPUs and memory if there is one,
   * else the smallest with at least as many vCPUs and as much memory. Undefined for current types.
   */
  currentGenerationEquivalent(provider: Provider, instanceType: string): InstanceSpec | undefined {
    const spec = this.instanceSpec(provider, instanceType);
    if (!spec || !isCloud(provider) || spec.generation === 'current') return undefined;
    const exception = SUCCESSOR_TYPE[provider][instanceType];
    if (exception) return this.instanceSpec(provider, exception);
    const name = parseTypeName(provider, instanceType);
    const ladder = name ? successorLadder(provider, name, instanceType) : undefined;
    if (!ladder) return undefined;
    const fits = (this.ladderMembers(provider).get(ladder) ?? []).filter((t) => {
      const [v, m] = this.shape(provider, t);
      return v >= spec.vcpus && m >= spec.memoryGiB;
    });
    const same = fits.find((t) => compareShape(this.shape(provider, t), [spec.vcpus, spec.memoryGiB]) === 0);
    const pick = same ?? fits[0];
    return pick ? this.instanceSpec(provider, pick) : undefined;
  }

  private shape(provider: CloudProvider, type: string): [number, number] {
    const s = this.data[provider].instanceSpecs.types[type];
    return s ? [s[0], s[1]] : [Number.NaN, Number.NaN];
  }

  private ladderMembers(provider: CloudProvider): Map<string, string[]> {
    let l = this.ladders.get(provider);
    if (!l) {
      const members = new Map<string, string[]>();
      for (const type of Object.keys(this.data[provider].instanceSpecs.types)) {
        const name = parseTypeName(provider, type);
        if (!name?.ladderStep) continue;
        let list = members.get(name.ladder);
        if (!list) members.set(name.ladder, (list = []));
        list.push(type);
      }
      for (const list of members.values()) {
        list.sort((a, b) => compareShape(this.shape(provider, a), this.shape(provider, b)) || (a < b ? -1 : a > b ? 1 : 0));
      }
      l = { members };
      this.ladders.set(provider, l);
    }
    return l.members;
  }

  // -------------------------------------------------------------------------------------------
  // storage

  /**
   * Monthly price of a disk: capacity × rate plus, on AWS, provisioned IOPS/throughput above the
   * type's baseline; on Azure, the price of the tier the size rounds up to. USD/month, with a
   * breakdown of the parts.
   */
  diskMonthly(provider: Provider, region: string, diskType: string | null, sizeGiB: number, opts: DiskOptions = {}): Price | undefined {
    if (!(sizeGiB >= 0) || !Number.isFinite(sizeGiB)) return undefined;
    const notes: string[] = [];
    // 1. a linear per-GB price from the sheet for this disk type
    if (diskType) {
      const o = this.fromSheet(provider, region, (r) => r.disks.get(diskType));
      if (o !== undefined) {
        const source = this.overrideSource();
        return this.price(sizeGiB * o, 'USD/month', source, {
          breakdown: [{ name: 'capacity', quantity: sizeGiB, quantityUnit: 'GiB', rate: o, rateUnit: 'USD/GB-month', value: round(sizeGiB * o), source }],
        });
      }
    }
    // 2. the shipped catalog
    if (diskType && isCloud(provider)) {
      const p = provider === 'azure' ? this.azureDisk(region, diskType, sizeGiB, opts, notes) : this.linearDisk(provider, region, diskType, sizeGiB, opts, notes);
      if (p) return p;
    }
    // 3. the sheet's storage rates (libvirt pools, on-prem)
    const keys = [opts.pool, diskType, 'default'].filter((k): k is string => typeof k === 'string' && k !== '');
    for (const key of keys) {
      const rate = this.fromSheet(provider, region, (r) => r.rates.storageGBMonth.get(key));
      if (rate === undefined) continue;
      const source = this.overrideSource();
      return this.price(sizeGiB * rate, 'USD/month', source, {
        breakdown: [{ name: `storage (${key})`, quantity: sizeGiB, quantityUnit: 'GiB', rate, rateUnit: 'USD/GB-month', value: round(sizeGiB * rate), source }],
        notes: ['priced from the price sheet’s storage rate'],
      });
    }
    return undefined;
  }

  private linearDisk(provider: CloudProvider, region: string, diskType: string, sizeGiB: number, opts: DiskOptions, notes: string[]): Price | undefined {
    const data = this.data[provider];
    const cap = this.lookup(provider, data.disks, region, diskType);
    if (!cap) return undefined;
    const breakdown: PriceComponent[] = [
      { name: 'capacity', quantity: sizeGiB, quantityUnit: 'GiB', rate: cap.value, rateUnit: cap.unit, value: round(sizeGiB * cap.value), source: cap.source },
    ];
    const extra = (name: string, key: string, quantity: number, quantityUnit: string): boolean => {
      if (quantity <= 0) return true;
      const hit = this.lookup(provider, data.diskExtras, region, key);
      if (!hit) return false;
      breakdown.push({ name, quantity, quantityUnit, rate: hit.value, rateUnit: hit.unit, value: round(quantity * hit.value), source: hit.source });
      return true;
    };
    const iops = opts.iops ?? null;
    const thr = opts.throughputMiBps ?? null;
    if (provider === 'aws') {
      if (diskType === 'gp3') {
        if (iops !== null && !extra(`IOPS above ${GP3_BASELINE_IOPS}`, 'gp3.iops', iops - GP3_BASELINE_IOPS, 'IOPS')) return undefined;
        if (thr !== null && !extra(`throughput above ${GP3_BASELINE_MIBPS} MiB/s`, 'gp3.throughput', thr - GP3_BASELINE_MIBPS, 'MiB/s')) return undefined;
      } else if (diskType === 'io1') {
        if (iops === null) notes.push('provisioned IOPS unknown: only capacity priced');
        else if (!extra('provisioned IOPS', 'io1.iops', iops, 'IOPS')) return undefined;
      } else if (diskType === 'io2') {
        if (iops === null) notes.push('provisioned IOPS unknown: only capacity priced');
        else {
          const t1 = Math.min(iops, IO2_TIER1_MAX);
          const t2 = Math.min(Math.max(iops - IO2_TIER1_MAX, 0), IO2_TIER2_MAX - IO2_TIER1_MAX);
          const t3 = Math.max(iops - IO2_TIER2_MAX, 0);
          if (!extra('provisioned IOPS (tier 1, ≤32,000)', 'io2.iops', t1, 'IOPS')) return undefined;
          if (!extra('provisioned IOPS (tier 2, 32,001–64,000)', 'io2.iops.tier2', t2, 'IOPS')) return undefined;
          if (!extra('provisioned IOPS (tier 3, >64,000)', 'io2.iops.tier3', t3, 'IOPS')) return undefined;
        }
      } else if (diskType === 'standard') {
        notes.push('magnetic per-I/O charges not included');
      }
    } else if (provider === 'gcp' && (diskType === 'pd-extreme' || diskType.startsWith('hyperdisk'))) {
      notes.push('provisioned IOPS/throughput are not in the catalog: only capacity priced');
    }
    const total = breakdown.reduce((s, c) => s + c.value, 0);
    return this.price(total, 'USD/month', cap.source, { breakdown, notes });
  }

  private azureDisk(region: string, diskType: string, sizeGiB: number, opts: DiskOptions, notes: string[]): Price | undefined {
    const tierOf = AZURE_DISK_TIERS[diskType];
    const sizes = this.data.azure.diskTierSizes;
    if (!tierOf || !sizes) return undefined;
    const [letter, redundancy] = tierOf;
    const candidates = Object.entries(sizes.sizes)
      .filter(([tier]) => tier.startsWith(letter) && /^\d+$/.test(tier.slice(1)))
      .sort((a, b) => a[1] - b[1]);
    const tier = candidates.find(([, size]) => size >= sizeGiB);
    if (!tier) return undefined;
    const [tierName, tierGiB] = tier;
    const sku = `${tierName}_${redundancy}`;
    const o = this.fromSheet('azure', region, (r) => r.diskTiers.get(sku));
    const hit =
      o !== undefined
        ? { value: o, unit: 'USD/disk-month' as const, source: this.overrideSource() }
        : this.lookup('azure', this.data.azure.diskTiers, region, sku);
    if (!hit) return undefined;
    notes.push(`billed as ${tierName} (${tierGiB} GiB)${tierGiB !== sizeGiB ? `: ${sizeGiB} GiB rounds up to the next tier` : ''}`);
    if ((opts.iops ?? null) !== null || (opts.throughputMiBps ?? null) !== null) notes.push('tier prices include the tier’s IOPS and throughput');
    if (letter !== 'P') notes.push('transaction charges not included');
    return this.price(hit.value, 'USD/month', hit.source, {
      breakdown: [{ name: `disk tier ${sku}`, quantity: 1, quantityUnit: 'disk', rate: hit.value, rateUnit: 'USD/disk-month', value: round(hit.value), source: hit.source }],
      notes,
    });
  }

  /**
   * Monthly price of a snapshot of `sizeGiB` (billed size). `storageType` picks the snapshot kind:
   * AWS `standard` (default) or `archive`; Azure snapshot SKU (`Standard_LRS` default,
   * `StandardSSD_LRS`, `Premium_LRS`, `*_ZRS`); GCP `standard`.
   */
  snapshotMonthly(provider: Provider, region: string, sizeGiB: number, opts: { storageType?: string } = {}): Price | undefined {
    if (!(sizeGiB >= 0) || !Number.isFinite(sizeGiB)) return undefined;
    const sheet = this.fromSheet(provider, region, (r) => r.snapshotGBMonth) ?? this.fromSheet(provider, region, (r) => r.rates.storageGBMonth.get('default'));
    if (sheet !== undefined) {
      const source = this.overrideSource();
      return this.price(sizeGiB * sheet, 'USD/month', source, {
        breakdown: [{ name: 'snapshot storage', quantity: sizeGiB, quantityUnit: 'GiB', rate: sheet, rateUnit: 'USD/GB-month', value: round(sizeGiB * sheet), source }],
      });
    }
    if (!isCloud(provider)) return undefined;
    const key = opts.storageType ?? (provider === 'azure' ? 'Standard_LRS' : 'standard');
    const hit = this.lookup(provider, this.data[provider].snapshots, region, key);
    if (!hit) return undefined;
    return this.price(sizeGiB * hit.value, 'USD/month', hit.source, {
      breakdown: [{ name: `snapshot storage (${key})`, quantity: sizeGiB, quantityUnit: 'GiB', rate: hit.value, rateUnit: hit.unit, value: round(sizeGiB * hit.value), source: hit.source }],
    });
  }

  // -------------------------------------------------------------------------------------------
  // network

  /** Hourly price of a public IPv4 address, in use (attached to a running resource) or idle. */
  publicIpHourly(provider: Provider, region: string, inUse: boolean): Price | undefined {
    const key = inUse ? 'inUse' : 'idle';
    const o = this.fromSheet(provider, region, (r) => r.publicIp[key]) ?? this.fromSheet(provider, region, (r) => r.rates.publicIpHour);
    if (o !== undefined) return this.price(o, 'USD/hour', this.overrideSource());
    if (!isCloud(provider)) return undefined;
    const hit = this.lookup(provider, this.data[provider].publicIp, region, key);
    return hit ? this.price(hit.value, hit.unit, hit.source) : undefined;
  }

  /** NAT gateway hourly and per-GB processing prices; undefined when neither is known. */
  natGateway(provider: Provider, region: string): NatGatewayPrice | undefined {
    const out: NatGatewayPrice = {};
    for (const key of ['hourly', 'perGB'] as const) {
      const o = this.fromSheet(provider, region, (r) => r.natGateway[key]);
      if (o !== undefined) {
        out[key] = this.price(o, key === 'hourly' ? 'USD/hour' : 'USD/GB', this.overrideSource());
        continue;
      }
      if (!isCloud(provider)) continue;
      const hit = this.lookup(provider, this.data[provider].natGateway, region, key);
      if (hit) out[key] = this.price(hit.value, hit.unit, hit.source);
    }
    return out.hourly || out.perGB ? out : undefined;
  }

  /** Internet egress price tiers for a month of traffic from the region. */
  egressTiers(provider: Provider, region: string): EgressTiers | undefined {
    if (!isCloud(provider)) return undefined;
    for (const t of this.data[provider].egress) {
      const rows = t.values[region];
      if (!rows?.length) continue;
      const tiers = rows.map(([fromGB, price], i) => {
        const next = rows[i + 1];
        return next ? { fromGB, toGB: next[0], price } : { fromGB, price };
      });
      const out: EgressTiers = { unit: t.unit, currency: CURRENCY, tiers, source: this.catalogSource(provider, t.source), estimate: true };
      const first = rows[0];
      if (first && first[0] > 0) out.notes = [`the source’s first tier starts at ${first[0]} GB: usage below that in the month is not priced by these tiers`];
      return out;
    }
    return undefined;
  }

  /** Typical spot/preemptible discount for a family in a region (median; spot prices move). */
  spotDiscount(provider: Provider, region: string, family: string): SpotDiscount | undefined {
    const o = this.fromSheet(provider, region, (r) => r.spotDiscount.get(family));
    if (o !== undefined) {
      return { value: o, unit: 'fraction-of-on-demand', currency: CURRENCY, source: this.overrideSource(), estimate: true, stats: { median: o, p25: o, p75: o, n: 1 } };
    }
    if (!isCloud(provider)) return undefined;
    for (const t of this.data[provider].spot) {
      const s = t.values[region]?.[family];
      if (!s) continue;
      return {
        value: s.median,
        unit: 'fraction-of-on-demand',
        currency: CURRENCY,
        source: this.catalogSource(provider, t.source),
        estimate: true,
        stats: s,
        notes: [`median of ${s.n} types, interquartile range ${s.p25}–${s.p75}; spot prices move`],
      };
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------

  /** The catalog's dates, to print next to every figure in reports. */
  catalogDates(): CatalogDates {
    const providers = {} as Record<CloudProvider, Partial<Record<CatalogSection, string>>>;
    const sources: CatalogDates['sources'] = [];
    for (const p of CLOUD_PROVIDERS) {
      providers[p] = { ...this.data[p].dates };
      for (const s of Object.values(this.data[p].sources)) sources.push({ id: s.id, date: s.date, title: s.title, attribution: s.attribution });
    }
    sources.sort((a, b) => (a.id < b.id ? -1 : 1));
    const out: CatalogDates = { providers, sources };
    if (this.overrides) out.overrides = { file: this.overrides.file, date: this.overrides.date };
    return out;
  }
}

function compareShape(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Converts an hourly price to a monthly one (× 730), keeping its provenance. */
export function toMonthly(hourly: Price): Price {
  if (hourly.unit !== 'USD/hour') throw new Error(`toMonthly: expected USD/hour, got ${hourly.unit}`);
  const out: Price = { ...hourly, value: round(hourly.value * HOURS_PER_MONTH), unit: 'USD/month' };
  out.notes = [...(hourly.notes ?? []), `${HOURS_PER_MONTH} hours per month`];
  return out;
}

let shippedData: Record<CloudProvider, ProviderCatalogData> | undefined;
function shipped(dataDir?: string): Record<CloudProvider, ProviderCatalogData> {
  if (dataDir) return { aws: readProviderFile(dataDir, 'aws'), azure: readProviderFile(dataDir, 'azure'), gcp: readProviderFile(dataDir, 'gcp') };
  shippedData ??= shipped(SHIPPED_DATA_DIR);
  return shippedData;
}

/** Loads the shipped catalog (once per process) and, if given, a price sheet whose prices win. */
export function loadCatalog(opts: LoadCatalogOptions = {}): PricingCatalog {
  const overrides = opts.overridesPath ? loadPriceSheet(opts.overridesPath) : undefined;
  return new PricingCatalog(shipped(opts.dataDir), overrides);
}

let defaultCatalog: PricingCatalog | undefined;
/** The shipped catalog without overrides, loaded on first use. */
export function shippedCatalog(): PricingCatalog {
  defaultCatalog ??= loadCatalog();
  return defaultCatalog;
}

// Free functions over the shipped catalog, for callers that take no price sheet.
export const instanceHourly = (...a: Parameters<PricingCatalog['instanceHourly']>): Price | undefined => shippedCatalog().instanceHourly(...a);
export const instanceSpec = (...a: Parameters<PricingCatalog['instanceSpec']>): InstanceSpec | undefined => shippedCatalog().instanceSpec(...a);
export const nextSizeDown = (...a: Parameters<PricingCatalog['nextSizeDown']>): InstanceSpec | undefined => shippedCatalog().nextSizeDown(...a);
export const currentGenerationEquivalent = (...a: Parameters<PricingCatalog['currentGenerationEquivalent']>): InstanceSpec | undefined =>
  shippedCatalog().currentGenerationEquivalent(...a);
export const diskMonthly = (...a: Parameters<PricingCatalog['diskMonthly']>): Price | undefined => shippedCatalog().diskMonthly(...a);
export const snapshotMonthly = (...a: Parameters<PricingCatalog['snapshotMonthly']>): Price | undefined => shippedCatalog().snapshotMonthly(...a);
export const publicIpHourly = (...a: Parameters<PricingCatalog['publicIpHourly']>): Price | undefined => shippedCatalog().publicIpHourly(...a);
export const natGateway = (...a: Parameters<PricingCatalog['natGateway']>): NatGatewayPrice | undefined => shippedCatalog().natGateway(...a);
export const egressTiers = (...a: Parameters<PricingCatalog['egressTiers']>): EgressTiers | undefined => shippedCatalog().egressTiers(...a);
export const spotDiscount = (...a: Parameters<PricingCatalog['spotDiscount']>): SpotDiscount | undefined => shippedCatalog().spotDiscount(...a);
export const catalogDates = (): CatalogDates => shippedCatalog().catalogDates();
