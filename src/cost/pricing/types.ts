/**
 * Shapes of the shipped pricing catalog (`pricing/<provider>.json`, written by
 * `scripts/refresh-pricing.ts`) and of the prices the catalog API returns.
 *
 * Conventions (see docs/pricing.md): USD list prices before discounts and tax, Linux on-demand,
 * shared tenancy; a month is 730 hours; sizes are GiB unless a unit says otherwise.
 */
import type { Provider } from '../../graph/schema.js';

export type { Provider };

/** Providers with a shipped catalog. libvirt is priced only from user rates. */
export const CLOUD_PROVIDERS = ['aws', 'azure', 'gcp'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

/** Hours in the billing month used by the AWS, Azure and GCP calculators. */
export const HOURS_PER_MONTH = 730;

export const CURRENCY = 'USD';
export type Currency = typeof CURRENCY;

/** Every value carries one of these units explicitly. */
export type PriceUnit =
  | 'USD/hour'
  | 'USD/month'
  | 'USD/GB-month'
  | 'USD/GiB-month'
  | 'USD/disk-month'
  | 'USD/IOPS-month'
  | 'USD/MiBps-month'
  | 'USD/GB'
  | 'USD/GiB'
  | 'USD/vCPU-hour'
  | 'USD/GiB-hour'
  /** A spot discount: 1 − spot ÷ on-demand, between 0 and 1. */
  | 'fraction-of-on-demand';

/** Where a group of figures came from. */
export interface SourceInfo {
  /** Short id used by price tables and in returned provenance, e.g. `aws/ec2shop`. */
  id: string;
  title: string;
  /** `owner/name` of the origin repository, when the figures came through one. */
  repository?: string;
  path?: string;
  commit?: string;
  /** A web page, for figures taken from a provider's published pricing. */
  url?: string;
  licence: string;
  attribution: string;
  /** The date the prices were valid (YYYY-MM-DD), not when they were copied. */
  date: string;
  /** Where the date comes from. */
  dateBasis: string;
  /** Staged file in the pricing-sources folder the figures were read from. */
  stagedFile?: string;
}

/**
 * One table of figures from one source, all in one unit: region → key → value.
 * Keys are instance types, disk types, tier ids or fixed names (`inUse`, `hourly` …).
 */
export interface PriceTable {
  source: string;
  unit: PriceUnit;
  /** What the figures are, in words (meter names, filters). */
  description: string;
  values: Record<string, Record<string, number>>;
}

/** Internet egress tiers for one region: `[startGB, pricePerUnit]`, sorted by start. */
export interface EgressTable {
  source: string;
  unit: 'USD/GB' | 'USD/GiB';
  description: string;
  values: Record<string, Array<[number, number]>>;
}

/** Spot discount statistics per region and family. */
export interface SpotStats {
  median: number;
  p25: number;
  p75: number;
  /** Instance types (or type-region rows) the statistics were computed from. */
  n: number;
}

export interface SpotTable {
  source: string;
  unit: 'fraction-of-on-demand';
  description: string;
  values: Record<string, Record<string, SpotStats>>;
}

/** The vCPUs and memory (GiB) of an instance type. */
export type InstanceShape = [vcpus: number, memoryGiB: number];

export type CatalogSection =
  | 'instances'
  | 'disks'
  | 'snapshots'
  | 'publicIp'
  | 'natGateway'
  | 'egress'
  | 'spot';

/** One provider's data file. */
export interface ProviderCatalogData {
  schemaVersion: 1;
  provider: CloudProvider;
  currency: Currency;
  hoursPerMonth: typeof HOURS_PER_MONTH;
  generatedBy: string;
  /** Per section: the date the prices were valid (the oldest source date used in that section). */
  dates: Partial<Record<CatalogSection, string>>;
  sources: Record<string, SourceInfo>;
  caveats: string[];
  /** What was looked for and is not in the catalog, and why. */
  missing: string[];
  instanceSpecs: { sources: string[]; types: Record<string, InstanceShape> };
  instances: PriceTable[];
  /** Linear capacity prices per disk type (USD/GB-month or USD/GiB-month). */
  disks: PriceTable[];
  /** Per-IOPS and per-throughput prices above a disk type's baseline (AWS). */
  diskExtras: PriceTable[];
  /** Fixed-size disk tiers billed per disk-month (Azure), keyed `P10_LRS`. */
  diskTiers: PriceTable[];
  /** Tier id (`P10`) → size in GiB. */
  diskTierSizes: { source: string; sizes: Record<string, number> } | null;
  snapshots: PriceTable[];
  /** Keys `inUse` and `idle`. */
  publicIp: PriceTable[];
  /** Keys `hourly` (USD/hour) and `perGB` (USD/GB or USD/GiB processed), in separate tables. */
  natGateway: PriceTable[];
  egress: EgressTable[];
  spot: SpotTable[];
}

/** Provenance of a returned figure. */
export interface PriceSource {
  /** A catalog source id (`aws/ec2shop`) or `override:<file>`. */
  id: string;
  /** The date the price was valid (catalog) or the override sheet's date. */
  date: string;
}

/** One part of a computed price, for explaining it. */
export interface PriceComponent {
  name: string;
  quantity: number;
  quantityUnit: string;
  rate: number;
  rateUnit: PriceUnit;
  /** quantity × rate, in USD per month (disks) or per hour (instances priced from rates). */
  value: number;
  source: PriceSource;
}

/** A figure with its provenance. Every catalog figure is an estimate from list prices. */
export interface Price {
  value: number;
  unit: PriceUnit;
  currency: Currency;
  source: PriceSource;
  estimate: true;
  /** How a computed value was made, when it is not a single catalog figure. */
  breakdown?: PriceComponent[];
  /** Things the caller should show beside the figure (tier rounding, parts not priced …). */
  notes?: string[];
}

/** A spot discount with the spread it was measured over. */
export interface SpotDiscount extends Price {
  unit: 'fraction-of-on-demand';
  stats: SpotStats;
}

/** One internet egress tier. `toGB` is absent for the last tier. */
export interface EgressTier {
  fromGB: number;
  toGB?: number;
  price: number;
}

export interface EgressTiers {
  unit: 'USD/GB' | 'USD/GiB';
  currency: Currency;
  tiers: EgressTier[];
  source: PriceSource;
  estimate: true;
  notes?: string[];
}

export interface NatGatewayPrice {
  hourly?: Price;
  perGB?: Price;
}

export type Generation = 'current' | 'previous';

export interface InstanceSpec {
  provider: CloudProvider;
  instanceType: string;
  vcpus: number;
  memoryGiB: number;
  /** Series: `m5`, `n2`, `Dsv5`. Spot discounts are keyed by it. */
  family: string;
  /** Types of one ladder differ only in size: `m5`, `n2-standard`, `Dsv5`. */
  ladder: string;
  /** 1 for the smallest size of the ladder. */
  sizeRank: number;
  ladderSize: number;
  generation: Generation;
}
