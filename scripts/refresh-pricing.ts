/**
 * Rebuilds the shipped pricing catalog (`pricing/{aws,gcp,azure}.json`) from the staged price
 * sources described in `<sources>/README.md`.
 *
 *   npm run pricing:refresh -- [--sources DIR] [--out DIR]
 *
 * DIR defaults: `--sources` → $CLOUDWARDEN_PRICING_SOURCES, else `../shared/pricing-sources` beside
 * the clone; `--out` → `pricing/` in the repository. The output is deterministic: the same sources
 * give byte-identical files (keys sorted, no timestamps of the run). Values are copied, never
 * changed, except unit conversions and the spot-discount statistics, which are rounded to 6 places.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseTypeName } from '../src/cost/pricing/families.js';
import type {
  CatalogSection,
  CloudProvider,
  EgressTable,
  InstanceShape,
  PriceTable,
  ProviderCatalogData,
  SourceInfo,
  SpotStats,
  SpotTable,
} from '../src/cost/pricing/types.js';

// ---------------------------------------------------------------------------------------------
// What the catalog covers

export const AWS_INSTANCE_REGIONS = [
  'ap-northeast-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'us-east-1',
  'us-east-2',
  'us-west-2',
];

/** The brief's families, then other common current ones, then the previous-generation ones. */
export const AWS_FAMILIES = [
  't2', 't3', 't3a', 't4g',
  'm4', 'm5', 'm5a', 'm5d', 'm5n', 'm5zn', 'm6a', 'm6g', 'm6gd', 'm6i', 'm6id', 'm7a', 'm7g', 'm7i', 'm7i-flex', 'm8g',
  'c4', 'c5', 'c5a', 'c5d', 'c5n', 'c6a', 'c6g', 'c6gn', 'c6i', 'c6id', 'c7a', 'c7g', 'c7i', 'c7i-flex', 'c8g',
  'r4', 'r5', 'r5a', 'r5b', 'r5d', 'r5n', 'r6a', 'r6g', 'r6gd', 'r6i', 'r6id', 'r7a', 'r7g', 'r7i', 'r7iz', 'r8g',
  'i3', 'i3en', 'i4g', 'i4i', 'd3', 'd3en', 'h1', 'x1', 'x1e', 'x2idn', 'x2iedn', 'z1d', 'g4dn', 'g5',
  // previous generation, only in the opszero file
  'a1', 'c1', 'c3', 'cr1', 'd2', 'i2', 'm1', 'm2', 'm3', 'r3', 't1',
];

export const GCP_INSTANCE_REGIONS = [
  'asia-east1',
  'asia-northeast1',
  'asia-southeast1',
  'australia-southeast1',
  'europe-west1',
  'europe-west2',
  'europe-west3',
  'europe-west4',
  'us-central1',
  'us-east1',
  'us-east4',
  'us-west1',
];

export const GCP_FAMILIES = ['c2', 'c2d', 'c3', 'c3d', 'c4', 'e2', 'f1', 'g1', 'm1', 'm2', 'm3', 'n1', 'n2', 'n2d', 'n4', 't2a', 't2d'];

export const AZURE_REGIONS = [
  'centralus',
  'eastus',
  'eastus2',
  'germanywestcentral',
  'northeurope',
  'southeastasia',
  'uksouth',
  'westeurope',
  'westus2',
  'westus3',
];

export const AZURE_FAMILIES = [
  'A', 'Av2', 'Amv2', 'BasicA',
  'B', 'Bsv2', 'Basv2', 'Bpsv2',
  'D', 'DS', 'Dv2', 'DSv2', 'Dv3', 'Dsv3', 'Dv4', 'Dsv4', 'Ddv4', 'Ddsv4', 'Dav4', 'Dasv4',
  'Dv5', 'Dsv5', 'Ddv5', 'Ddsv5', 'Dasv5', 'Dadsv5', 'Dlsv5', 'Dpsv5', 'Dsv6', 'Dasv6',
  'Ev3', 'Esv3', 'Ev4', 'Esv4', 'Edsv4', 'Eav4', 'Easv4', 'Ev5', 'Esv5', 'Edsv5', 'Easv5', 'Epsv5', 'Esv6',
  'F', 'Fs', 'Fsv2',
  'Ls', 'Lsv2', 'Lsv3', 'Lasv3',
];

// ---------------------------------------------------------------------------------------------
// Small helpers

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

function need<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`pricing sources: missing ${what}`);
  return value;
}

function isoDate(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  return need(m?.[1], `a date in "${s}"`);
}

/** Quantile with linear interpolation over a sorted copy. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? NaN;
  const b = sorted[hi] ?? NaN;
  return a + (b - a) * (pos - lo);
}

function stats(values: number[]): SpotStats {
  const s = [...values].sort((a, b) => a - b);
  return { median: round6(quantile(s, 0.5)), p25: round6(quantile(s, 0.25)), p75: round6(quantile(s, 0.75)), n: s.length };
}

function put(values: Record<string, Record<string, number>>, region: string, key: string, value: number): void {
  (values[region] ??= {})[key] = value;
}

/** Keeps only the families listed, using the catalog's family parser. */
function familyOf(provider: CloudProvider, type: string): string | undefined {
  return parseTypeName(provider, type)?.family;
}

function spotTable(
  source: string,
  description: string,
  discounts: Map<string, Map<string, number[]>>,
): SpotTable {
  const values: Record<string, Record<string, SpotStats>> = {};
  for (const [region, byFamily] of discounts) {
    for (const [family, list] of byFamily) {
      if (list.length === 0) continue;
      (values[region] ??= {})[family] = stats(list);
    }
  }
  return { source, unit: 'fraction-of-on-demand', description, values };
}

function pushDiscount(into: Map<string, Map<string, number[]>>, region: string, family: string, d: number): void {
  let byFamily = into.get(region);
  if (!byFamily) into.set(region, (byFamily = new Map()));
  let list = byFamily.get(family);
  if (!list) byFamily.set(family, (list = []));
  list.push(d);
}

function emptyCatalog(provider: CloudProvider): ProviderCatalogData {
  return {
    schemaVersion: 1,
    provider,
    currency: 'USD',
    hoursPerMonth: 730,
    generatedBy: 'scripts/refresh-pricing.ts (npm run pricing:refresh)',
    dates: {},
    sources: {},
    caveats: [],
    missing: [],
    instanceSpecs: { sources: [], types: {} },
    instances: [],
    disks: [],
    diskExtras: [],
    diskTiers: [],
    diskTierSizes: null,
    snapshots: [],
    publicIp: [],
    natGateway: [],
    egress: [],
    spot: [],
  };
}

/** Each section's date is the oldest date among the sources its tables use. */
function fillDates(c: ProviderCatalogData): void {
  const sections: Record<CatalogSection, Array<{ source: string }>> = {
    instances: c.instances,
    disks: [...c.disks, ...c.diskExtras, ...c.diskTiers],
    snapshots: c.snapshots,
    publicIp: c.publicIp,
    natGateway: c.natGateway,
    egress: c.egress,
    spot: c.spot,
  };
  for (const [section, tables] of Object.entries(sections) as Array<[CatalogSection, Array<{ source: string }>]>) {
    const dates = tables.map((t) => need(c.sources[t.source], `source ${t.source}`).date).sort();
    if (dates[0]) c.dates[section] = dates[0];
  }
}

// ---------------------------------------------------------------------------------------------
// AWS

interface Ec2ShopFile {
  _source: { repository: string; commit: string; data_commit: string; license: string; aws_publication_dates: string[] };
  location_names: Record<string, string>;
  prices: Record<string, Record<string, { usd_per_hour: number; vcpu: number; memory_gib: number }>>;
}
interface OpszeroFile {
  data: Array<{
    'instance-type': string;
    region: string;
    ondemand: string | null;
    spot_avg: string | null;
    vCPU: number;
    memory: number;
  }>;
}
interface KarpenterFile {
  _source: { generated_at: string; commit: string };
  prices: Record<string, Record<string, number>>;
}
interface EbsFeed {
  manifest: { hawkFilePublicationDate: string };
  regions: Record<string, Record<string, { price: string }>>;
}
interface CorootEgress {
  _source: { commit: string; commit_date: string };
  internet_egress_usd_per_gb_by_tier_start_gb: Record<string, Record<string, number>>;
}

const EBS_CAPACITY: Record<string, string> = {
  gp2: 'Storage General Purpose gp2 GB Mo',
  gp3: 'Storage General Purpose gp3 GB Mo',
  io1: 'Storage Provisioned IOPS io1 GB Mo',
  io2: 'Storage Provisioned IOPS io2 GB month',
  sc1: 'Storage Cold HDD sc1 GB Mo',
  st1: 'Storage Throughput Optimized HDD st1 GB Mo',
  standard: 'Storage Magnetic standard GB Mo',
};
const EBS_IOPS: Record<string, string> = {
  'gp3.iops': 'Provisioned EBS IOPS gp3 Volumes per IOPS Mo',
  'io1.iops': 'Provisioned EBS IOPS io1 Volumes per IOPS Mo',
  'io2.iops': 'Provisioned EBS IOPS io2 Volumes per IOPS Mo',
  'io2.iops.tier2': 'Provisioned EBS IOPS Tier 2 io2 Volumes per IOPS Mo',
  'io2.iops.tier3': 'Provisioned EBS IOPS Tier 3 io2 Volumes per IOPS Mo',
};
const EBS_THROUGHPUT_GIBPS = 'Provisioned Throughput gp3 per GiBps mo';
const EBS_SNAPSHOT: Record<string, string> = {
  standard: 'Storage Snapshot Amazon S3 GB Mo',
  archive: 'Storage Snapshot Amazon S3 SnapshotArchiveStorage GB Mo',
};

function buildAws(dir: string): ProviderCatalogData {
  const c = emptyCatalog('aws');
  const shop = readJson<Ec2ShopFile>(dir, 'aws/ec2shop-ec2-linux-ondemand-2025-04-04.json');
  const ops = readJson<OpszeroFile>(dir, 'aws/ec2instances-opszero-ondemand-spot-2024-04-04.json');
  const karp = readJson<KarpenterFile>(dir, 'aws/karpenter-ondemand-us-east-1-2026-07-20.json');
  const ebs = readJson<EbsFeed>(dir, 'aws/aws-ebs-price-feed-2024-07-18.json');
  const egress = readJson<CorootEgress>(dir, 'aws/coroot-internet-egress-2024-08-09.json');

  const shopDate = isoDate(need(shop._source.aws_publication_dates[0], 'ec2shop publication date'));
  c.sources = {
    'aws/ec2shop': {
      id: 'aws/ec2shop',
      title: 'ec2.shop copy of the AWS website EC2 on-demand price feed (Linux)',
      repository: 'yeo/ec2.shop',
      path: 'data/ec2/<region>-ondemand.json',
      commit: shop._source.commit,
      licence: 'MIT (repository); figures are AWS public list prices (AWS Site Terms)',
      attribution: 'Prices © Amazon Web Services, via ec2.shop (yeo/ec2.shop, MIT)',
      date: shopDate,
      dateBasis: 'AWS feed hawkFilePublicationDate',
      stagedFile: 'aws/ec2shop-ec2-linux-ondemand-2025-04-04.json',
    },
    'aws/opszero': {
      id: 'aws/opszero',
      title: 'ec2instances.info opszero-app instances.json (on-demand and average spot, Linux)',
      repository: 'vantage-sh/ec2instances.info',
      path: 'opszero-app/instances.json',
      commit: 'a19cd859f0591c40bead51230996dcfc8c468071',
      licence: 'MIT (© 2013 Garret Heaton); figures are AWS public list prices',
      attribution: 'Prices © Amazon Web Services, via ec2instances.info (vantage-sh, MIT)',
      date: '2024-04-04',
      dateBasis: 'commit date of the file (no timestamp inside)',
      stagedFile: 'aws/ec2instances-opszero-ondemand-spot-2024-04-04.json',
    },
    'aws/ebs-feed': {
      id: 'aws/ebs-feed',
      title: 'AWS website EBS price feed (ebs.json) as copied by ec2.shop',
      repository: 'yeo/ec2.shop',
      path: 'data/ebs/ebs.json',
      commit: '576c890f33ae177837e93499866aa04a0ac4fa89',
      licence: 'MIT (repository); figures are AWS public list prices (AWS Site Terms)',
      attribution: 'Prices © Amazon Web Services, via ec2.shop (yeo/ec2.shop, MIT)',
      date: isoDate(ebs.manifest.hawkFilePublicationDate),
      dateBasis: 'manifest.hawkFilePublicationDate',
      stagedFile: 'aws/aws-ebs-price-feed-2024-07-18.json',
    },
    'aws/coroot-egress': {
      id: 'aws/coroot-egress',
      title: 'coroot cloud-pricing internet egress (AWSDataTransfer "AWS Outbound")',
      repository: 'coroot/cloud-pricing',
      path: 'data/cloud-pricing.json.gz (branch gh-pages)',
      commit: egress._source.commit,
      licence: 'Apache-2.0 (repository); figures from Infracost’s pricing dump of the AWS price list',
      attribution: 'Prices © Amazon Web Services, via coroot/cloud-pricing (Apache-2.0) and Infracost',
      date: egress._source.commit_date,
      dateBasis: 'commit date',
      stagedFile: 'aws/coroot-internet-egress-2024-08-09.json',
    },
    'aws/public-ipv4-2024': {
      id: 'aws/public-ipv4-2024',
      title: 'AWS public IPv4 address charge: $0.005 per IP per hour, in use or idle, from 2024-02-01',
      url: 'https://aws.amazon.com/blogs/networking-and-content-delivery/identify-and-optimize-public-ipv4-address-usage-on-aws/',
      licence: 'AWS published price (AWS Site Terms)',
      attribution:
        'Amazon Web Services, networking blog “Identify and optimize public IPv4 address usage on AWS” (update of 2024-02-01) and re:Post article “Why am I seeing charges for Public IPv4 addresses …”',
      date: '2024-02-01',
      dateBasis: 'effective date of the charge stated by AWS',
    },
  };

  // Instances: ec2shop for everything it has, opszero for the previous-generation families it lacks.
  const families = new Set(AWS_FAMILIES);
  const shopTable: PriceTable = {
    source: 'aws/ec2shop',
    unit: 'USD/hour',
    description: 'On-Demand, Linux, shared tenancy, no pre-installed software',
    values: {},
  };
  const opsTable: PriceTable = {
    source: 'aws/opszero',
    unit: 'USD/hour',
    description: 'On-Demand, Linux (`ondemand` field); only types absent from the ec2shop feed',
    values: {},
  };
  const specs: Record<string, InstanceShape> = {};
  for (const region of AWS_INSTANCE_REGIONS) {
    const prices = need(shop.prices[region], `ec2shop region ${region}`);
    for (const [type, p] of Object.entries(prices)) {
      const family = familyOf('aws', type);
      if (!family || !families.has(family)) continue;
      put(shopTable.values, region, type, p.usd_per_hour);
      specs[type] ??= [p.vcpu, p.memory_gib];
    }
  }
  const seen = new Set<string>();
  const conflicts: string[] = [];
  for (const row of ops.data) {
    const type = row['instance-type'];
    const family = familyOf('aws', type);
    if (!family || !families.has(family) || !AWS_INSTANCE_REGIONS.includes(row.region)) continue;
    if (shop.prices[row.region]?.[type]) continue;
    const od = row.ondemand === null ? NaN : Number(row.ondemand);
    if (!(od > 0)) continue;
    const key = `${row.region}/${type}`;
    const prior = opsTable.values[row.region]?.[type];
    if (seen.has(key)) {
      if (prior !== od) conflicts.push(key);
      continue;
    }
    seen.add(key);
    put(opsTable.values, row.region, type, od);
    specs[type] ??= [row.vCPU, row.memory];
  }
  if (conflicts.length) throw new Error(`opszero: conflicting duplicate rows ${conflicts.join(', ')}`);
  c.instances = [shopTable, opsTable];
  c.instanceSpecs = { sources: ['aws/ec2shop', 'aws/opszero'], types: sortRecord(specs) };

  // Cross-check the kept us-east-1 prices against Karpenter's newer table (not shipped).
  const karpUse1 = need(karp.prices['us-east-1'], 'karpenter us-east-1');
  const differ: string[] = [];
  let same = 0;
  for (const [type, price] of Object.entries(shopTable.values['us-east-1'] ?? {})) {
    const k = karpUse1[type];
    if (k === undefined) continue;
    if (Math.abs(k - price) < 1e-9) same++;
    else differ.push(`${type} ${price}→${k}`);
  }

  // Spot discounts: 1 − spot_avg ÷ on-demand, per family and region, from opszero rows.
  const discounts = new Map<string, Map<string, number[]>>();
  const spotSeen = new Set<string>();
  for (const row of ops.data) {
    const family = familyOf('aws', row['instance-type']);
    if (!family || !families.has(family) || !AWS_INSTANCE_REGIONS.includes(row.region)) continue;
    const key = `${row.region}/${row['instance-type']}`;
    if (spotSeen.has(key)) continue;
    const od = row.ondemand === null ? NaN : Number(row.ondemand);
    const spot = row.spot_avg === null ? NaN : Number(row.spot_avg);
    if (!(od > 0) || !(spot > 0)) continue;
    spotSeen.add(key);
    pushDiscount(discounts, row.region, family, 1 - spot / od);
  }
  c.spot = [
    spotTable(
      'aws/opszero',
      'Median over the family’s instance types of 1 − spot_avg ÷ ondemand (spot_avg: average across AZs at scrape time, 2024-04)',
      discounts,
    ),
  ];

  // EBS, per standard region (Local Zones skipped).
  const disks: PriceTable = { source: 'aws/ebs-feed', unit: 'USD/GB-month', description: 'EBS volume capacity, per GB-month provisioned', values: {} };
  const iops: PriceTable = { source: 'aws/ebs-feed', unit: 'USD/IOPS-month', description: 'Provisioned IOPS: gp3 above 3,000; io1 all; io2 tier 1 ≤32,000, tier 2 32,001–64,000, tier 3 >64,000', values: {} };
  const thr: PriceTable = { source: 'aws/ebs-feed', unit: 'USD/MiBps-month', description: 'gp3 throughput above 125 MiB/s (feed price per GiBps-month ÷ 1024)', values: {} };
  const snaps: PriceTable = { source: 'aws/ebs-feed', unit: 'USD/GB-month', description: 'EBS snapshots: standard and archive tier storage', values: {} };
  const regionCodes = Object.entries(shop.location_names).sort(([a], [b]) => a.localeCompare(b));
  for (const [region, location] of regionCodes) {
    const meters = ebs.regions[location];
    if (!meters) continue;
    const price = (label: string): number | undefined => {
      const m = meters[label];
      return m ? Number(m.price) : undefined;
    };
    for (const [type, label] of Object.entries(EBS_CAPACITY)) {
      const p = price(label);
      if (p !== undefined) put(disks.values, region, type, p);
    }
    for (const [key, label] of Object.entries(EBS_IOPS)) {
      const p = price(label);
      if (p !== undefined) put(iops.values, region, key, p);
    }
    const t = price(EBS_THROUGHPUT_GIBPS);
    if (t !== undefined) put(thr.values, region, 'gp3.throughput', round6(t / 1024));
    for (const [key, label] of Object.entries(EBS_SNAPSHOT)) {
      const p = price(label);
      if (p !== undefined) put(snaps.values, region, key, p);
    }
  }
  c.disks = [disks];
  c.diskExtras = [iops, thr];
  c.snapshots = [snaps];

  // Public IPv4: the flat published charge, in every commercial region the catalog knows.
  const ip: PriceTable = {
    source: 'aws/public-ipv4-2024',
    unit: 'USD/hour',
    description: 'Public IPv4 address (EC2 public IP, Elastic IP, service-managed), in use or idle; BYOIP excluded',
    values: {},
  };
  for (const [region] of regionCodes) {
    if (region.startsWith('us-gov-') || region.startsWith('cn-')) continue;
    put(ip.values, region, 'inUse', 0.005);
    put(ip.values, region, 'idle', 0.005);
  }
  c.publicIp = [ip];

  c.egress = [egressTable('aws/coroot-egress', 'USD/GB', 'Data transfer out from the region to the internet, tiered per month (AWSDataTransfer “AWS Outbound”)', egress, null)];

  c.caveats = [
    `Instance prices are the ec2shop copy of the AWS feed published ${shopDate}; previous-generation families absent from that feed (${[
      ...new Set(Object.values(opsTable.values).flatMap((v) => Object.keys(v).map((t) => t.split('.')[0] ?? ''))),
    ]
      .sort()
      .join(', ')}) come from the opszero file of 2024-04-04, whose on-demand prices matched ec2shop for every shared type in the main regions.`,
    `Cross-check: ${same} of ${same + differ.length} us-east-1 instance prices in this catalog equal Karpenter’s table generated 2026-07-20${
      differ.length ? `; differing: ${differ.join(', ')}` : ''
    }. GPU families hit by the June 2025 price cut (p4d/p4de/p5/p5en) are not in this catalog.`,
    'Spot discounts come from spot_avg scraped 2024-04; spot prices move hourly and differ per AZ. Treat them as typical, not as a quote.',
    'EBS prices are from the AWS feed of 2024-07-18. Magnetic (standard) per-I/O charges, Fast Snapshot Restore and snapshot archive retrieval are not applied by diskMonthly/snapshotMonthly.',
    'Internet egress tiers do not apply AWS’s 100 GB/month free allowance.',
  ];
  c.missing = [
    'NAT gateway hourly and per-GB prices: not in the staged sources as attributable data; natGateway() returns undefined for AWS (set them in an override sheet).',
    'Spot discounts newer than 2024-04: no newer attributable source was staged.',
  ];
  fillDates(c);
  return c;
}

function egressTable(
  source: string,
  unit: 'USD/GB' | 'USD/GiB',
  description: string,
  file: CorootEgress,
  regions: readonly string[] | null,
): EgressTable {
  const values: Record<string, Array<[number, number]>> = {};
  for (const [region, tiers] of Object.entries(file.internet_egress_usd_per_gb_by_tier_start_gb)) {
    if (regions && !regions.includes(region)) continue;
    if (region.includes('-lax-')) continue;
    const starts = Object.keys(tiers).map(Number).sort((a, b) => a - b);
    // Azure lists two meter generations side by side (tiers starting at 5 … and at 100 …):
    // keep one consistent set, the one starting at 100 when present.
    let chosen = starts;
    if (starts.includes(100) && starts.includes(5)) chosen = starts.filter((s) => s % 100 === 0);
    values[region] = chosen.map((s) => [s, need(tiers[String(s)], `egress ${region} ${s}`)]);
  }
  return { source, unit, description, values };
}

function sortRecord<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ---------------------------------------------------------------------------------------------
// GCP

interface CyclenerdCost {
  hour?: number;
  hour_spot?: number;
  month?: number;
}
interface CyclenerdFile {
  about: { generated: string };
  compute: {
    instance: Record<string, { cpu: number; ram: number; cost?: Record<string, CyclenerdCost> }>;
    storage: Record<string, { type?: string; cost: Record<string, CyclenerdCost> }>;
    network: {
      ip: Record<'vm' | 'unused', { cost: Record<string, CyclenerdCost> }>;
      nat: Record<'gateway' | 'data', { cost: Record<string, CyclenerdCost> }>;
      traffic: { egress: { internet: { cost: Record<'0-1' | '1-10' | '10n', Record<string, CyclenerdCost>> } } };
    };
  };
}

const GCP_DISKS: Record<string, string> = {
  'pd-standard': 'hdd',
  'pd-balanced': 'balanced',
  'pd-ssd': 'ssd',
  'pd-extreme': 'extreme',
  'hyperdisk-extreme': 'hyperdisk-extreme',
};

function cyclenerdDate(generated: string): string {
  // "Thu Jul 30 06:13:17 2026"
  const m = /^\w{3} (\w{3}) +(\d{1,2}) [\d:]+ (\d{4})$/.exec(generated.trim());
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  if (!m?.[1] || !m[2] || !m[3]) throw new Error(`cyclenerd: unexpected about.generated "${generated}"`);
  const month = months.indexOf(m[1]) + 1;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[2].padStart(2, '0')}`;
}

function buildGcp(dir: string): ProviderCatalogData {
  const c = emptyCatalog('gcp');
  const y = parseYaml(readFileSync(join(dir, 'gcp/cyclenerd-pricing-2026-07-30.yml'), 'utf8'), { maxAliasCount: -1 }) as CyclenerdFile;
  const date = cyclenerdDate(y.about.generated);
  const src = 'gcp/cyclenerd';
  c.sources = {
    [src]: {
      id: src,
      title: 'Google Cloud pricing.yml from the Cloud Billing Catalog API, by Cyclenerd',
      repository: 'Cyclenerd/google-cloud-pricing-cost-calculator',
      path: 'pricing.yml',
      commit: 'fd66b26ff84fee5cdd94f341ea89206e76c06b99',
      licence: 'Apache-2.0 (file header); portions based on work by Google under CC-BY-4.0',
      attribution: 'Prices © Google, via Cyclenerd/google-cloud-pricing-cost-calculator (Nils Knieling, Apache-2.0)',
      date,
      dateBasis: 'about.generated',
      stagedFile: 'gcp/cyclenerd-pricing-2026-07-30.yml',
    },
  };
  const families = new Set(GCP_FAMILIES);
  const inst: PriceTable = { source: src, unit: 'USD/hour', description: 'On-demand list price per hour (`hour`; the file’s `month` includes sustained-use discounts and is not used)', values: {} };
  const specs: Record<string, InstanceShape> = {};
  const discounts = new Map<string, Map<string, number[]>>();
  for (const [type, t] of Object.entries(y.compute.instance)) {
    const family = familyOf('gcp', type);
    if (!family || !families.has(family) || !t.cost) continue;
    let priced = false;
    for (const region of GCP_INSTANCE_REGIONS) {
      const cost = t.cost[region];
      if (!cost || !(typeof cost.hour === 'number' && cost.hour > 0)) continue;
      put(inst.values, region, type, cost.hour);
      priced = true;
      if (typeof cost.hour_spot === 'number' && cost.hour_spot > 0) pushDiscount(discounts, region, family, 1 - cost.hour_spot / cost.hour);
    }
    if (priced) specs[type] = [t.cpu, t.ram];
  }
  c.instances = [inst];
  c.instanceSpecs = { sources: [src], types: sortRecord(specs) };
  c.spot = [spotTable(src, 'Median over the family’s machine types of 1 − hour_spot ÷ hour (Google spot prices, which may change daily)', discounts)];

  const monthly = (key: string, region: string): number | undefined => y.compute.storage[key]?.cost[region]?.month;
  const disks: PriceTable = { source: src, unit: 'USD/GiB-month', description: 'Zonal persistent disk capacity (hyperdisk/pd-extreme provisioned IOPS not included)', values: {} };
  const snaps: PriceTable = { source: src, unit: 'USD/GiB-month', description: 'Standard snapshot storage', values: {} };
  const allRegions = new Set<string>();
  for (const s of Object.values(y.compute.storage)) for (const r of Object.keys(s.cost)) allRegions.add(r);
  for (const region of [...allRegions].sort()) {
    for (const [diskType, key] of Object.entries(GCP_DISKS)) {
      const p = monthly(key, region);
      if (typeof p === 'number') put(disks.values, region, diskType, p);
    }
    const sp = monthly('snapshot', region);
    if (typeof sp === 'number') put(snaps.values, region, 'standard', sp);
  }
  c.disks = [disks];
  c.snapshots = [snaps];

  const ip: PriceTable = { source: src, unit: 'USD/hour', description: 'External IPv4: `inUse` = static or ephemeral in use by a VM, `idle` = reserved and unused', values: {} };
  for (const [region, cost] of Object.entries(y.compute.network.ip.vm.cost)) if (typeof cost.hour === 'number') put(ip.values, region, 'inUse', cost.hour);
  for (const [region, cost] of Object.entries(y.compute.network.ip.unused.cost)) if (typeof cost.hour === 'number') put(ip.values, region, 'idle', cost.hour);
  c.publicIp = [ip];

  const natH: PriceTable = { source: src, unit: 'USD/hour', description: 'Cloud NAT gateway, per gateway-hour', values: {} };
  const natD: PriceTable = { source: src, unit: 'USD/GiB', description: 'Cloud NAT data processed, per GiB', values: {} };
  for (const [region, cost] of Object.entries(y.compute.network.nat.gateway.cost)) if (typeof cost.hour === 'number') put(natH.values, region, 'hourly', cost.hour);
  for (const [region, cost] of Object.entries(y.compute.network.nat.data.cost)) if (typeof cost.month === 'number') put(natD.values, region, 'perGB', cost.month);
  c.natGateway = [natH, natD];

  const eg = y.compute.network.traffic.egress.internet.cost;
  const egress: EgressTable = { source: src, unit: 'USD/GiB', description: 'Premium-tier internet egress to Americas/rest of world, per GiB per month: 0–1 TiB, 1–10 TiB, >10 TiB', values: {} };
  const starts: Array<['0-1' | '1-10' | '10n', number]> = [['0-1', 0], ['1-10', 1024], ['10n', 10240]];
  for (const region of Object.keys(eg['0-1']).sort()) {
    const tiers: Array<[number, number]> = [];
    for (const [k, start] of starts) {
      const p = eg[k][region]?.month;
      if (typeof p === 'number') tiers.push([start, p]);
    }
    if (tiers.length === starts.length) egress.values[region] = tiers;
  }
  c.egress = [egress];

  c.caveats = [
    'Instance prices are Google’s on-demand `hour` list prices; sustained-use and committed-use discounts are not applied (the file’s `month` figures include sustained use and are not used).',
    'Spot discounts use Google’s spot prices of the same date; Google may change spot prices up to once a day.',
    'Free tier (e2-micro, 30 GB pd-standard …) is ignored. Standard-tier egress and regional (replicated) disks are not included.',
    'GCP disk and snapshot prices are per GiB-month (Google bills binary gigabytes).',
  ];
  c.missing = ['pd-extreme and hyperdisk provisioned IOPS/throughput prices are not in the source: diskMonthly prices capacity only and says so in notes.'];
  fillDates(c);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Azure

interface AzureKarpenterFile {
  _source: { commit: string; generated_at: string };
  prices: Record<string, Record<string, number>>;
}
interface FlexeraVmSpecs {
  _source: { commit: string; file_last_changed_commit: string; file_date: string };
  vm_sizes: Array<{ name: string; vcpus: number | null; memory_gib: number | null }>;
}
type FlexeraDiskPricing = Record<string, Record<string, { pricePerUnit: number; unitOfMeasure: string; productName: string }>>;
type FlexeraTierSpecs = Record<string, { sizeGiB: number }>;
interface RadarRows<R> {
  _source: { commit: string; prices_checked_at: string };
  rows: R[];
}
interface RadarVmRow {
  armRegionName: string;
  skuName: string;
  kind: 'ondemand' | 'spot' | 'low_priority';
  retailPrice: number;
  unitOfMeasure: string;
}
interface RadarDiskRow {
  armRegionName: string;
  productName: string;
  skuName: string;
  meterName: string;
  retailPrice: number;
  unitOfMeasure: string;
}

const AZURE_SNAPSHOT_PRODUCTS: Record<string, string> = {
  'Standard HDD Managed Disks': 'Standard',
  'Standard SSD Managed Disks': 'StandardSSD',
  'Premium SSD Managed Disks': 'Premium',
};

function buildAzure(dir: string): ProviderCatalogData {
  const c = emptyCatalog('azure');
  const karp = readJson<AzureKarpenterFile>(dir, 'azure/karpenter-azure-linux-paygo-2026-06-18.json');
  const specsFile = readJson<FlexeraVmSpecs>(dir, 'azure/flexera-azure-vm-size-specs-2026-08-17.json');
  const disksFile = readJson<FlexeraDiskPricing>(dir, 'azure/flexera-azure-managed-disk-pricing-2026-07-12.json');
  const tiersFile = readJson<FlexeraTierSpecs>(dir, 'azure/flexera-azure-managed-disk-tier-specs.json');
  const radarVm = readJson<RadarRows<RadarVmRow>>(dir, 'azure/radar-eu-vm-linux-paygo-spot-2026-08-22.json');
  const radarDisk = readJson<RadarRows<RadarDiskRow>>(dir, 'azure/radar-eu-managed-disks-snapshots-2026-08-22.json');
  const egress = readJson<CorootEgress>(dir, 'azure/coroot-internet-egress-2024-08-09.json');

  const flexera = (id: string, title: string, path: string, commit: string, date: string, basis: string, staged: string): SourceInfo => ({
    id,
    title,
    repository: 'flexera-public/policy_templates',
    path,
    commit,
    licence: 'MIT (© RightScale/Flexera); figures from the Azure Retail Prices / resource SKUs APIs',
    attribution: 'Prices © Microsoft, via flexera-public/policy_templates (MIT)',
    date,
    dateBasis: basis,
    stagedFile: staged,
  });
  const radar = (id: string, title: string, staged: string): SourceInfo => ({
    id,
    title,
    repository: 'andy-diericks/azure-pricing-radar',
    path: 'data/latest/',
    commit: radarVm._source.commit,
    licence: 'MIT (© 2026 andy-diericks); figures from the Azure Retail Prices API',
    attribution: 'Prices © Microsoft, via andy-diericks/azure-pricing-radar (MIT)',
    date: isoDate(radarVm._source.prices_checked_at),
    dateBasis: 'last price check of the radar (files change only when a price changes)',
    stagedFile: staged,
  });
  c.sources = {
    'azure/karpenter': {
      id: 'azure/karpenter',
      title: 'Azure Karpenter provider static pay-as-you-go Linux price table',
      repository: 'Azure/karpenter-provider-azure',
      path: 'pkg/providers/pricing/zz_generated.pricing.go',
      commit: karp._source.commit,
      licence: 'Apache-2.0 (Portions Copyright (c) Microsoft Corporation)',
      attribution: 'Prices © Microsoft, via Azure/karpenter-provider-azure (Apache-2.0)',
      date: isoDate(karp._source.generated_at),
      dateBasis: 'generated_at in the file header',
      stagedFile: 'azure/karpenter-azure-linux-paygo-2026-06-18.json',
    },
    'azure/flexera-vm-specs': flexera(
      'azure/flexera-vm-specs',
      'Azure VM size specs (vCPUs, memory)',
      'data/azure/azure_compute_instance_types.json',
      specsFile._source.file_last_changed_commit,
      specsFile._source.file_date,
      'date of the last change of the file',
      'azure/flexera-azure-vm-size-specs-2026-08-17.json',
    ),
    'azure/flexera-disks': flexera(
      'azure/flexera-disks',
      'Azure managed disk tier prices per disk-month',
      'data/azure/azure_md_pricing.json',
      '5ae4acd82a679b6f3567edab97543810083a5d24',
      '2026-07-12',
      'date of the last change of the file (weekly workflow)',
      'azure/flexera-azure-managed-disk-pricing-2026-07-12.json',
    ),
    'azure/flexera-disk-tiers': flexera(
      'azure/flexera-disk-tiers',
      'Azure managed disk tier sizes (GiB)',
      'data/azure/azure_md_tier_types.json',
      '399be16e3b09d3f4767aaeb4d90b3059736a3450',
      '2025-07-24',
      'date of the last change of the file',
      'azure/flexera-azure-managed-disk-tier-specs.json',
    ),
    'azure/radar-vm': radar('azure/radar-vm', 'Azure pay-as-you-go and spot VM prices, 5 EU regions', 'azure/radar-eu-vm-linux-paygo-spot-2026-08-22.json'),
    'azure/radar-disks': radar('azure/radar-disks', 'Azure managed disk snapshot prices, 5 EU regions', 'azure/radar-eu-managed-disks-snapshots-2026-08-22.json'),
    'azure/coroot-egress': {
      id: 'azure/coroot-egress',
      title: 'coroot cloud-pricing internet egress (“Bandwidth - Routing Preference: Internet”)',
      repository: 'coroot/cloud-pricing',
      path: 'data/cloud-pricing.json.gz (branch gh-pages)',
      commit: egress._source.commit,
      licence: 'Apache-2.0 (repository); figures from Infracost’s pricing dump of the Azure price list',
      attribution: 'Prices © Microsoft, via coroot/cloud-pricing (Apache-2.0) and Infracost',
      date: egress._source.commit_date,
      dateBasis: 'commit date',
      stagedFile: 'azure/coroot-internet-egress-2024-08-09.json',
    },
  };

  const families = new Set(AZURE_FAMILIES);
  const specByName = new Map(specsFile.vm_sizes.map((v) => [v.name, v]));
  const inst: PriceTable = { source: 'azure/karpenter', unit: 'USD/hour', description: 'Pay-as-you-go (Consumption) Linux retail price per hour', values: {} };
  const specs: Record<string, InstanceShape> = {};
  for (const region of AZURE_REGIONS) {
    const prices = need(karp.prices[region], `azure karpenter region ${region}`);
    for (const [sku, price] of Object.entries(prices)) {
      if (!sku.startsWith('Standard_') && !sku.startsWith('Basic_')) continue;
      const family = familyOf('azure', sku);
      if (!family || !families.has(family)) continue;
      put(inst.values, region, sku, price);
      const spec = specByName.get(sku);
      if (spec && typeof spec.vcpus === 'number' && typeof spec.memory_gib === 'number') specs[sku] = [spec.vcpus, spec.memory_gib];
    }
  }
  c.instances = [inst];
  c.instanceSpecs = { sources: ['azure/flexera-vm-specs'], types: sortRecord(specs) };

  // Spot: EU radar rows, spot vs on-demand of the same skuName and region.
  const onDemand = new Map<string, number>();
  for (const r of radarVm.rows) if (r.kind === 'ondemand' && r.unitOfMeasure === '1 Hour') onDemand.set(`${r.armRegionName}|${r.skuName}`, r.retailPrice);
  const discounts = new Map<string, Map<string, number[]>>();
  const spotSeen = new Set<string>();
  for (const r of radarVm.rows) {
    if (r.kind !== 'spot' || r.unitOfMeasure !== '1 Hour' || !r.skuName.endsWith(' Spot')) continue;
    const base = r.skuName.slice(0, -' Spot'.length);
    const key = `${r.armRegionName}|${base}`;
    if (spotSeen.has(key)) continue;
    const od = onDemand.get(key);
    if (!(od !== undefined && od > 0 && r.retailPrice > 0)) continue;
    // Most rows name the size like `D2s v5`; some newer ones already use the ARM name `Standard_D4s_v5`.
    const arm = base.startsWith('Standard_') ? base : `Standard_${base.replace(/ /g, '_')}`;
    const family = familyOf('azure', arm);
    if (!family || !families.has(family)) continue;
    spotSeen.add(key);
    pushDiscount(discounts, r.armRegionName, family, 1 - r.retailPrice / od);
  }
  c.spot = [spotTable('azure/radar-vm', 'Median over the family’s sizes of 1 − spot ÷ pay-as-you-go (EU regions only; Azure spot prices float)', discounts)];

  // Disks: fixed tiers per disk-month.
  const tiers: PriceTable = { source: 'azure/flexera-disks', unit: 'USD/disk-month', description: 'Managed disk tiers S (Standard HDD), E (Standard SSD), P (Premium SSD), LRS and ZRS; transactions not included', values: {} };
  for (const region of AZURE_REGIONS) {
    const meters = need(disksFile[region], `azure disks region ${region}`);
    for (const [sku, m] of Object.entries(meters)) {
      if (!/^[SEP]\d+_(LRS|ZRS)$/.test(sku) || m.unitOfMeasure !== '1/Month') continue;
      put(tiers.values, region, sku, m.pricePerUnit);
    }
  }
  c.diskTiers = [tiers];
  c.diskTierSizes = {
    source: 'azure/flexera-disk-tiers',
    sizes: sortRecord(Object.fromEntries(Object.entries(tiersFile).map(([tier, s]) => [tier, s.sizeGiB]))),
  };

  const snaps: PriceTable = { source: 'azure/radar-disks', unit: 'USD/GB-month', description: 'Managed disk snapshots by snapshot SKU (Standard_LRS = Standard HDD, StandardSSD_*, Premium_*)', values: {} };
  for (const r of radarDisk.rows) {
    const prefix = AZURE_SNAPSHOT_PRODUCTS[r.productName];
    const red = /^Snapshots (LRS|ZRS)$/.exec(r.skuName)?.[1];
    if (!prefix || !red || r.unitOfMeasure !== '1 GB/Month') continue;
    put(snaps.values, r.armRegionName, `${prefix}_${red}`, r.retailPrice);
  }
  c.snapshots = [snaps];

  c.egress = [
    egressTable(
      'azure/coroot-egress',
      'USD/GB',
      'Internet egress with Routing Preference “Internet” only, tiered per month; the first tier starts at 100 GB (usage below the first start is not priced by this table)',
      egress,
      AZURE_REGIONS,
    ),
  ];

  c.caveats = [
    'VM prices are Karpenter’s table generated 2026-06-18 (Azure Retail Prices API, pay-as-you-go, Linux).',
    'Spot discounts exist only for the five EU regions of the radar file (westeurope, northeurope, francecentral, swedencentral, belgiumcentral); Azure spot prices float.',
    'Managed disks are billed by tier: a disk is rounded up to the next tier size (100 GiB Premium_LRS → P10, 128 GiB). Standard HDD/SSD transaction charges are not included.',
    'Internet egress is the Routing Preference “Internet” meter only; the default Microsoft-network egress is a little higher and is not in the sources.',
  ];
  c.missing = [
    'Public IP prices: no provider-published figure could be retrieved (the Azure pricing page renders its prices dynamically); publicIpHourly() returns undefined for Azure (set it in an override sheet).',
    'Snapshot prices outside the five EU regions of the radar file.',
    'Spot discounts outside the EU.',
    'NAT gateway prices: not in the staged sources.',
    'Premium SSD v2 and Ultra disk prices are not included.',
  ];
  fillDates(c);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Output

/** Top-level keys written first, in this order, so each file opens with its header. */
const HEADER_KEYS = ['schemaVersion', 'provider', 'currency', 'hoursPerMonth', 'generatedBy', 'dates', 'sources', 'caveats', 'missing'];

function keyOrder(depth: number, a: string, b: string): number {
  if (depth === 0) {
    const ia = HEADER_KEYS.indexOf(a);
    const ib = HEADER_KEYS.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * JSON with sorted keys (header keys first at the top level); nesting up to `prettyDepth` is
 * indented, deeper values stay on one line.
 */
export function stableStringify(value: unknown, prettyDepth = 3, depth = 0): string {
  const indent = '  '.repeat(depth);
  const inner = '  '.repeat(depth + 1);
  if (Array.isArray(value)) {
    const items = value.map((v) => stableStringify(v, prettyDepth, depth + 1));
    if (depth >= prettyDepth || items.every((i) => !i.includes('\n') && i.length < 40)) return `[${items.join(',')}]`;
    return `[\n${items.map((i) => inner + i).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => keyOrder(depth, a, b))
      .map(([k, v]) => `${JSON.stringify(k)}:${depth >= prettyDepth ? '' : ' '}${stableStringify(v, prettyDepth, depth + 1)}`);
    if (entries.length === 0) return '{}';
    if (depth >= prettyDepth) return `{${entries.join(',')}}`;
    return `{\n${entries.map((e) => inner + e).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function buildCatalog(sourcesDir: string): Record<CloudProvider, ProviderCatalogData> {
  if (!existsSync(join(sourcesDir, 'README.md'))) throw new Error(`pricing sources not found in ${sourcesDir} (expected README.md and aws/, gcp/, azure/)`);
  return { aws: buildAws(sourcesDir), azure: buildAzure(sourcesDir), gcp: buildGcp(sourcesDir) };
}

/** Writes `<out>/{aws,azure,gcp}.json` and returns the paths written. */
export function writeCatalog(sourcesDir: string, outDir: string): string[] {
  const catalog = buildCatalog(sourcesDir);
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const provider of Object.keys(catalog).sort() as CloudProvider[]) {
    const file = join(outDir, `${provider}.json`);
    writeFileSync(file, `${stableStringify(catalog[provider])}\n`);
    written.push(file);
  }
  return written;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The default sources folder: the env var, else `../shared/pricing-sources` beside the clone. */
export function defaultSourcesDir(): string {
  return process.env['CLOUDWARDEN_PRICING_SOURCES'] ?? resolve(repoRoot, '..', 'shared', 'pricing-sources');
}

function main(argv: string[]): void {
  let sources = defaultSourcesDir();
  let out = join(repoRoot, 'pricing');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if ((a === '--sources' || a === '--out') && v) {
      if (a === '--sources') sources = resolve(v);
      else out = resolve(v);
      i++;
    } else {
      process.stderr.write(`usage: refresh-pricing [--sources DIR] [--out DIR]\nunknown argument: ${a ?? ''}\n`);
      process.exit(2);
    }
  }
  for (const f of writeCatalog(sources, out)) process.stdout.write(`wrote ${f}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
