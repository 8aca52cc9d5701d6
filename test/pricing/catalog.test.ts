/**
 * Lookups against independently known figures (the sanity values of the pricing-sources README)
 * and figures checked by hand in the raw source files, plus the catalog's rules: tier rounding,
 * baselines, ladders, generations, and `undefined` for anything missing.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  catalogDates,
  CLOUD_PROVIDERS,
  currentGenerationEquivalent,
  diskMonthly,
  egressTiers,
  instanceHourly,
  instanceSpec,
  natGateway,
  nextSizeDown,
  publicIpHourly,
  SHIPPED_DATA_DIR,
  shippedCatalog,
  snapshotMonthly,
  spotDiscount,
  toMonthly,
} from '../../src/cost/pricing/index.js';
import type { Price } from '../../src/cost/pricing/index.js';

function value(p: Price | undefined): number {
  assert.ok(p, 'expected a price');
  return p.value;
}

describe('pricing catalog: independently known figures (pricing-sources README)', () => {
  it('m5.large us-east-1 = 0.096 USD/hour, from ec2shop with its date', () => {
    assert.deepEqual(instanceHourly('aws', 'us-east-1', 'm5.large'), {
      value: 0.096,
      unit: 'USD/hour',
      currency: 'USD',
      source: { id: 'aws/ec2shop', date: '2025-04-04' },
      estimate: true,
    });
  });

  it('gp3 us-east-1 = 0.08 USD/GB-month (100 GiB → 8 USD/month)', () => {
    const p = diskMonthly('aws', 'us-east-1', 'gp3', 100);
    assert.equal(value(p), 8);
    assert.equal(p?.unit, 'USD/month');
    assert.equal(p?.breakdown?.[0]?.rate, 0.08);
    assert.equal(p?.breakdown?.[0]?.rateUnit, 'USD/GB-month');
    assert.deepEqual(p?.source, { id: 'aws/ebs-feed', date: '2024-07-18' });
  });

  it('n2-standard-4 us-central1 = 0.194236 USD/hour', () => {
    const p = instanceHourly('gcp', 'us-central1', 'n2-standard-4');
    assert.equal(value(p), 0.194236);
    assert.deepEqual(p?.source, { id: 'gcp/cyclenerd', date: '2026-07-30' });
  });

  it('Standard_D2s_v5 eastus = 0.096 USD/hour', () => {
    const p = instanceHourly('azure', 'eastus', 'Standard_D2s_v5');
    assert.equal(value(p), 0.096);
    assert.deepEqual(p?.source, { id: 'azure/karpenter', date: '2026-06-18' });
  });

  it('E10 LRS eastus = 9.60 USD/month (a 128 GiB StandardSSD_LRS disk)', () => {
    const p = diskMonthly('azure', 'eastus', 'StandardSSD_LRS', 128);
    assert.equal(value(p), 9.6);
    assert.equal(p?.unit, 'USD/month');
    assert.equal(p?.breakdown?.[0]?.name, 'disk tier E10_LRS');
  });
});

describe('pricing catalog: figures checked by hand in the raw source files', () => {
  const cases: Array<[string, () => Price | undefined, number]> = [
    ['ec2shop t3.micro us-west-2', () => instanceHourly('aws', 'us-west-2', 't3.micro'), 0.0104],
    ['ec2shop c6g.xlarge ap-northeast-1', () => instanceHourly('aws', 'ap-northeast-1', 'c6g.xlarge'), 0.1712],
    ['ec2shop r5.large eu-central-1', () => instanceHourly('aws', 'eu-central-1', 'r5.large'), 0.152],
    ['opszero m3.medium us-east-1 (previous generation)', () => instanceHourly('aws', 'us-east-1', 'm3.medium'), 0.067],
    ['cyclenerd e2-standard-2 europe-west4', () => instanceHourly('gcp', 'europe-west4', 'e2-standard-2'), 0.07377204],
    ['karpenter-azure Standard_B2s westeurope', () => instanceHourly('azure', 'westeurope', 'Standard_B2s'), 0.048],
    ['karpenter-azure Standard_F4s_v2 southeastasia', () => instanceHourly('azure', 'southeastasia', 'Standard_F4s_v2'), 0.196],
    ['cyclenerd pd-ssd us-central1, 10 GiB', () => diskMonthly('gcp', 'us-central1', 'pd-ssd', 10), 1.7],
    ['flexera S10 LRS westeurope (100 GiB Standard_LRS)', () => diskMonthly('azure', 'westeurope', 'Standard_LRS', 100), 5.888],
    ['EBS snapshot eu-west-1, 200 GiB at 0.05', () => snapshotMonthly('aws', 'eu-west-1', 200), 10],
    ['radar Standard HDD LRS snapshot northeurope, 100 GiB at 0.05', () => snapshotMonthly('azure', 'northeurope', 100), 5],
    ['radar Premium LRS snapshot northeurope, 100 GiB at 0.132', () => snapshotMonthly('azure', 'northeurope', 100, { storageType: 'Premium_LRS' }), 13.2],
    ['cyclenerd snapshot us-central1, 100 GiB at 0.05', () => snapshotMonthly('gcp', 'us-central1', 100), 5],
    ['cyclenerd external IP in use', () => publicIpHourly('gcp', 'us-central1', true), 0.005],
    ['cyclenerd external IP reserved, unused', () => publicIpHourly('gcp', 'us-central1', false), 0.01],
    ['AWS published public IPv4 charge, idle', () => publicIpHourly('aws', 'eu-west-1', false), 0.005],
    ['AWS published public IPv4 charge, in use', () => publicIpHourly('aws', 'us-east-1', true), 0.005],
  ];
  for (const [name, get, expected] of cases) {
    it(name, () => assert.equal(value(get()), expected));
  }

  it('EBS gp3 extras in eu-west-1: 0.0055/IOPS above 3,000 and 45.056/1024 per MiB/s above 125', () => {
    const p = diskMonthly('aws', 'eu-west-1', 'gp3', 100, { iops: 4000, throughputMiBps: 225 });
    assert.deepEqual(
      p?.breakdown?.map((c) => [c.name, c.quantity, c.rate, c.value]),
      [
        ['capacity', 100, 0.088, 8.8],
        ['IOPS above 3000', 1000, 0.0055, 5.5],
        ['throughput above 125 MiB/s', 100, 0.044, 4.4],
      ],
    );
    assert.equal(value(p), 18.7);
  });

  it('gp3 at or below the baseline costs capacity only', () => {
    const p = diskMonthly('aws', 'us-east-1', 'gp3', 50, { iops: 3000, throughputMiBps: 125 });
    assert.equal(value(p), 4);
    assert.equal(p?.breakdown?.length, 1);
  });

  it('io2 IOPS are billed in three tiers (≤32,000, 32,001–64,000, >64,000)', () => {
    const p = diskMonthly('aws', 'us-east-1', 'io2', 100, { iops: 70000 });
    assert.deepEqual(
      p?.breakdown?.map((c) => [c.quantity, c.rate]),
      [
        [100, 0.125],
        [32000, 0.065],
        [32000, 0.0455],
        [6000, 0.03185],
      ],
    );
    assert.equal(value(p), 12.5 + 2080 + 1456 + 191.1);
  });

  it('io1 without known IOPS prices capacity and says so', () => {
    const p = diskMonthly('aws', 'us-east-1', 'io1', 100);
    assert.equal(value(p), 12.5);
    assert.deepEqual(p?.notes, ['provisioned IOPS unknown: only capacity priced']);
  });

  it('pd-extreme prices capacity only and says so', () => {
    const p = diskMonthly('gcp', 'us-central1', 'pd-extreme', 100, { iops: 10000 });
    assert.equal(p?.breakdown?.length, 1);
    assert.deepEqual(p?.notes, ['provisioned IOPS/throughput are not in the catalog: only capacity priced']);
  });

  it('GCP NAT gateway: hourly and per GiB processed', () => {
    const n = natGateway('gcp', 'us-central1');
    assert.equal(n?.hourly?.value, 0.0448);
    assert.equal(n?.hourly?.unit, 'USD/hour');
    assert.equal(n?.perGB?.value, 0.045);
    assert.equal(n?.perGB?.unit, 'USD/GiB');
  });

  it('AWS us-east-1 internet egress tiers (coroot)', () => {
    const e = egressTiers('aws', 'us-east-1');
    assert.deepEqual(e?.tiers, [
      { fromGB: 0, toGB: 10240, price: 0.09 },
      { fromGB: 10240, toGB: 51200, price: 0.085 },
      { fromGB: 51200, toGB: 153600, price: 0.07 },
      { fromGB: 153600, price: 0.05 },
    ]);
    assert.equal(e?.unit, 'USD/GB');
  });

  it('Azure egress keeps one meter generation (tiers from 100 GB) and notes where it starts', () => {
    const e = egressTiers('azure', 'eastus');
    assert.deepEqual(e?.tiers.map((t) => [t.fromGB, t.price]), [
      [100, 0.08],
      [10100, 0.065],
      [50100, 0.06],
      [150100, 0.04],
    ]);
    assert.equal(e?.notes?.length, 1);
  });

  it('GCP egress tiers are per GiB: 0–1 TiB, 1–10 TiB, >10 TiB', () => {
    const e = egressTiers('gcp', 'us-central1');
    assert.equal(e?.unit, 'USD/GiB');
    assert.deepEqual(e?.tiers.map((t) => t.fromGB), [0, 1024, 10240]);
  });
});

describe('pricing catalog: Azure tier rounding', () => {
  it('a 100 GiB Premium_LRS disk is billed as P10 (128 GiB)', () => {
    const p = diskMonthly('azure', 'eastus', 'Premium_LRS', 100);
    assert.equal(value(p), 19.71);
    assert.deepEqual(p?.notes, ['billed as P10 (128 GiB): 100 GiB rounds up to the next tier']);
  });
  it('129 GiB rounds up to P15 (256 GiB); 4 GiB is P1; exactly 128 GiB is P10', () => {
    assert.equal(diskMonthly('azure', 'eastus', 'Premium_LRS', 129)?.breakdown?.[0]?.name, 'disk tier P15_LRS');
    assert.equal(diskMonthly('azure', 'eastus', 'Premium_LRS', 4)?.breakdown?.[0]?.name, 'disk tier P1_LRS');
    assert.deepEqual(diskMonthly('azure', 'eastus', 'Premium_LRS', 128)?.notes, ['billed as P10 (128 GiB)']);
  });
  it('ZRS uses the ZRS tier price', () => {
    assert.equal(diskMonthly('azure', 'eastus', 'Premium_ZRS', 100)?.breakdown?.[0]?.name, 'disk tier P10_ZRS');
  });
  it('beyond the largest tier, or an unknown SKU, is undefined', () => {
    assert.equal(diskMonthly('azure', 'eastus', 'Premium_LRS', 40000), undefined);
    assert.equal(diskMonthly('azure', 'eastus', 'UltraSSD_LRS', 100), undefined);
  });
});

describe('pricing catalog: specs, ladders and generations', () => {
  it('instanceSpec gives vCPUs, memory, family, ladder, rank and generation', () => {
    assert.deepEqual(instanceSpec('aws', 'm5.xlarge'), {
      provider: 'aws',
      instanceType: 'm5.xlarge',
      vcpus: 4,
      memoryGiB: 16,
      family: 'm5',
      ladder: 'm5',
      sizeRank: 2,
      ladderSize: 8,
      generation: 'current',
    });
    assert.equal(instanceSpec('aws', 'm4.large')?.generation, 'previous');
    assert.equal(instanceSpec('gcp', 'n2-highmem-8')?.ladder, 'n2-highmem');
    assert.equal(instanceSpec('gcp', 'n1-standard-4')?.generation, 'previous');
    assert.equal(instanceSpec('azure', 'Standard_D4as_v5')?.family, 'Dasv5');
    assert.equal(instanceSpec('azure', 'Standard_B2ms')?.family, 'B');
  });

  it('nextSizeDown stays in the ladder and stops at the smallest size', () => {
    assert.equal(nextSizeDown('aws', 'm5.xlarge')?.instanceType, 'm5.large');
    assert.equal(nextSizeDown('aws', 'm5.large'), undefined);
    assert.equal(nextSizeDown('aws', 'm5.metal')?.instanceType, 'm5.16xlarge');
    assert.equal(nextSizeDown('aws', 't3.small')?.instanceType, 't3.micro');
    assert.equal(nextSizeDown('gcp', 'n2-standard-4')?.instanceType, 'n2-standard-2');
    assert.equal(nextSizeDown('gcp', 'e2-medium')?.instanceType, 'e2-small');
    assert.equal(nextSizeDown('azure', 'Standard_D4s_v5')?.instanceType, 'Standard_D2s_v5');
    assert.equal(nextSizeDown('azure', 'Standard_B2ms')?.instanceType, 'Standard_B2s');
  });

  it('currentGenerationEquivalent follows the documented table and the same-shape rule', () => {
    const eq = (p: 'aws' | 'gcp' | 'azure', t: string) => currentGenerationEquivalent(p, t)?.instanceType;
    assert.equal(eq('aws', 'm4.large'), 'm6i.large');
    assert.equal(eq('aws', 't2.micro'), 't3.micro');
    assert.equal(eq('aws', 'c4.2xlarge'), 'c6i.2xlarge');
    assert.equal(eq('aws', 'r4.large'), 'r6i.large');
    assert.equal(eq('aws', 'm3.medium'), 'm6i.large');
    assert.equal(eq('gcp', 'n1-standard-4'), 'n2-standard-4');
    assert.equal(eq('gcp', 'n1-standard-1'), 'n2-standard-2');
    assert.equal(eq('gcp', 'f1-micro'), 'e2-micro');
    assert.equal(eq('azure', 'Standard_D2s_v3'), 'Standard_D2s_v5');
    assert.equal(eq('azure', 'Standard_DS2_v2'), 'Standard_D2s_v5');
    assert.equal(eq('azure', 'Standard_D11_v2'), 'Standard_E2_v5');
    assert.equal(eq('aws', 'm5.large'), undefined, 'current generation has no equivalent');
  });
});

describe('pricing catalog: missing stays missing', () => {
  it('unknown SKU, region or provider data is undefined, never a guess', () => {
    assert.equal(instanceHourly('aws', 'us-east-1', 'm5.huge'), undefined);
    assert.equal(instanceHourly('aws', 'mars-north-1', 'm5.large'), undefined);
    assert.equal(instanceHourly('aws', 'us-east-1', null), undefined);
    assert.equal(instanceSpec('aws', 'm5.huge'), undefined);
    assert.equal(diskMonthly('aws', 'us-east-1', 'gp9', 10), undefined);
    assert.equal(publicIpHourly('azure', 'eastus', true), undefined, 'no published Azure IP price was found');
    assert.equal(natGateway('aws', 'us-east-1'), undefined, 'AWS NAT prices are not in the sources');
    assert.equal(snapshotMonthly('azure', 'eastus', 100), undefined, 'Azure snapshots only for 5 EU regions');
    assert.equal(spotDiscount('azure', 'eastus', 'Dsv5'), undefined, 'Azure spot only for EU regions');
  });
  it('libvirt has no shipped prices', () => {
    assert.equal(instanceHourly('libvirt', 'global', null, { vcpus: 2, memoryMiB: 4096 }), undefined);
    assert.equal(diskMonthly('libvirt', 'global', 'qcow2', 20), undefined);
    assert.equal(publicIpHourly('libvirt', 'global', true), undefined);
  });
});

describe('pricing catalog: conventions and metadata', () => {
  it('monthly = hourly × 730', () => {
    const m = toMonthly(instanceHourly('aws', 'us-east-1', 'm5.large') as Price);
    assert.equal(m.value, 70.08);
    assert.equal(m.unit, 'USD/month');
    assert.deepEqual(m.source, { id: 'aws/ec2shop', date: '2025-04-04' });
  });

  it('spot discounts carry their spread and source', () => {
    const s = spotDiscount('aws', 'us-east-1', 'm5');
    assert.ok(s && s.value > 0 && s.value < 1);
    assert.equal(s.unit, 'fraction-of-on-demand');
    assert.ok(s.stats.p25 <= s.stats.median && s.stats.median <= s.stats.p75);
    assert.deepEqual(s.source, { id: 'aws/opszero', date: '2024-04-04' });
    assert.ok(spotDiscount('azure', 'westeurope', 'Dsv5'));
    assert.ok(spotDiscount('gcp', 'us-central1', 'n2'));
  });

  it('catalogDates gives per-section dates and every source', () => {
    const d = catalogDates();
    assert.equal(d.providers.aws.instances, '2024-04-04');
    assert.equal(d.providers.gcp.instances, '2026-07-30');
    assert.equal(d.providers.azure.disks, '2026-07-12');
    assert.ok(d.sources.some((s) => s.id === 'aws/public-ipv4-2024' && s.date === '2024-02-01'));
    assert.equal(d.overrides, undefined);
  });

  it('every table names a declared, dated source and an explicit unit', () => {
    const c = shippedCatalog();
    for (const p of CLOUD_PROVIDERS) {
      const data = c.data[p];
      const tables = [...data.instances, ...data.disks, ...data.diskExtras, ...data.diskTiers, ...data.snapshots, ...data.publicIp, ...data.natGateway, ...data.egress, ...data.spot];
      for (const t of tables) {
        const s = data.sources[t.source];
        assert.ok(s, `${p}: table source ${t.source} is declared`);
        assert.match(s.date, /^\d{4}-\d{2}-\d{2}$/);
        assert.ok(s.licence && s.attribution);
        assert.ok(t.unit.startsWith('USD/') || t.unit === 'fraction-of-on-demand');
      }
    }
  });

  it('the shipped data stays small (a few hundred KB)', () => {
    const total = CLOUD_PROVIDERS.reduce((n, p) => n + statSync(join(SHIPPED_DATA_DIR, `${p}.json`)).size, 0);
    assert.ok(total < 700_000, `catalog is ${total} bytes`);
  });

  it('covers at least the six most used regions per provider for instances', () => {
    const c = shippedCatalog();
    const need: Record<'aws' | 'gcp' | 'azure', string[]> = {
      aws: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1'],
      gcp: ['us-central1', 'us-east1', 'europe-west1', 'europe-west4', 'asia-east1', 'asia-northeast1'],
      azure: ['eastus', 'eastus2', 'westus2', 'westeurope', 'northeurope', 'southeastasia'],
    };
    for (const p of CLOUD_PROVIDERS) {
      for (const r of need[p]) assert.ok(Object.keys(c.data[p].instances[0]?.values[r] ?? {}).length > 100, `${p} ${r}`);
    }
  });
});
