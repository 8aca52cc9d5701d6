/**
 * Price sheets: malformed files are rejected with FILE:LINE:COL, the field path and what was
 * expected; valid sheets win over the shipped catalog and say so in the provenance; libvirt is
 * priced from rates, and only when the sheet gives them.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, loadPriceSheet, PriceSheetError } from '../../src/cost/pricing/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-prices-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function sheet(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function rejects(file: string, message: string): void {
  assert.throws(
    () => loadPriceSheet(file),
    (e: unknown) => {
      assert.ok(e instanceof PriceSheetError, 'a PriceSheetError');
      assert.equal(e.message, message);
      return true;
    },
  );
}

const GOOD_YAML = `# negotiated rates
date: 2026-11-01
currency: USD
aws:
  us-east-1:
    instances:
      m5.large: 0.08
      m99.custom: 1.5
    disks:
      gp3: 0.07
    snapshotGBMonth: 0.04
    natGateway:
      hourly: 0.045
      perGB: 0.045
    spotDiscount:
      m5: 0.5
  "*":
    publicIp:
      inUse: 0.004
      idle: 0.006
azure:
  eastus:
    diskTiers:
      P10_LRS: 15
    publicIp:
      inUse: 0.005
libvirt:
  "*":
    rates:
      vcpuHour: 0.02
      ramGiBHour: 0.005
      publicIpHour: 0
      storageGBMonth:
        default: 0.05
        fast-pool: 0.12
`;

describe('price sheets: malformed files are rejected with file, line, column and field', () => {
  it('a value of the wrong type', () => {
    const f = sheet('type.yaml', 'aws:\n  us-east-1:\n    instances:\n      m5.large: cheap\n');
    rejects(f, `${f}:4:17: aws.us-east-1.instances.m5.large: expected a non-negative number (USD/hour), got "cheap"`);
  });

  it('a negative number', () => {
    const f = sheet('negative.yaml', 'gcp:\n  us-central1:\n    disks:\n      pd-ssd: -0.17\n');
    rejects(f, `${f}:4:15: gcp.us-central1.disks.pd-ssd: expected a non-negative number (USD/GB-month), got -0.17`);
  });

  it('a quoted number is a string, not a price', () => {
    const f = sheet('quoted.yaml', 'aws:\n  "*":\n    publicIp:\n      idle: "0.005"\n');
    rejects(f, `${f}:4:13: aws.*.publicIp.idle: expected a non-negative number (USD/hour), got "0.005"`);
  });

  it('a mapping or a list where a price or a map is expected', () => {
    const f1 = sheet('nested.yaml', 'aws:\n  us-east-1:\n    instances:\n      m5.large:\n        price: 0.08\n');
    rejects(f1, `${f1}:5:9: aws.us-east-1.instances.m5.large: expected a non-negative number (USD/hour), got a mapping`);
    const f2 = sheet('list.yaml', 'aws:\n  us-east-1:\n    instances: [0.08]\n');
    rejects(f2, `${f2}:3:16: aws.us-east-1.instances: expected a mapping of names to prices`);
  });

  it('an unknown provider', () => {
    const f = sheet('provider.yaml', 'aws:\n  us-east-1:\n    instances:\n      m5.large: 0.08\noracle:\n  us-ashburn-1:\n    instances: {}\n');
    rejects(f, `${f}:5:1: oracle: unknown provider, expected one of aws, gcp, azure, libvirt`);
  });

  it('an unknown section', () => {
    const f = sheet('section.yaml', 'azure:\n  eastus:\n    vms:\n      Standard_D2s_v5: 0.09\n');
    rejects(f, `${f}:3:5: azure.eastus: unknown section "vms", expected one of instances, disks, diskTiers, snapshotGBMonth, publicIp, natGateway, spotDiscount, rates`);
  });

  it('an unknown rate and a spot discount above 1', () => {
    const f1 = sheet('rate.yaml', 'libvirt:\n  "*":\n    rates:\n      gpuHour: 1\n');
    rejects(f1, `${f1}:4:16: libvirt.*.rates.gpuHour: unknown rate "gpuHour", expected one of vcpuHour, ramGiBHour, publicIpHour, storageGBMonth`);
    const f2 = sheet('spot.yaml', 'aws:\n  us-east-1:\n    spotDiscount:\n      m5: 1.5\n');
    rejects(f2, `${f2}:4:11: aws.us-east-1.spotDiscount.m5: expected a number between 0 and 1 (fraction-of-on-demand), got 1.5`);
  });

  it('bad YAML syntax', () => {
    const f = sheet('syntax.yaml', 'aws:\n  us-east-1:\n    instances: [m5.large: 0.08\n  gcp: {}\n');
    assert.throws(() => loadPriceSheet(f), (e: unknown) => {
      assert.ok(e instanceof PriceSheetError);
      assert.match(e.message, new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: invalid YAML: `));
      return true;
    });
  });

  it('a duplicate key is a YAML error with its position', () => {
    const f = sheet('dup.yaml', 'aws:\n  us-east-1:\n    instances:\n      m5.large: 0.08\n      m5.large: 0.07\n');
    rejects(f, `${f}:5:7: invalid YAML: Map keys must be unique`);
  });

  it('a top level that is not a mapping, a bad date, another currency', () => {
    const f1 = sheet('top-list.yaml', '- aws\n');
    rejects(f1, `${f1}:1:1: expected a mapping of providers (aws, gcp, azure, libvirt) at the top level`);
    const f2 = sheet('date.yaml', 'date: yesterday\n');
    rejects(f2, `${f2}:1:7: date: expected a date YYYY-MM-DD, got "yesterday"`);
    const f3 = sheet('eur.yaml', 'currency: EUR\n');
    rejects(f3, `${f3}:1:11: currency: expected "USD" (the only currency of the catalog), got "EUR"`);
  });

  it('CSV: header, field count and values are checked with their column', () => {
    const f1 = sheet('bad-header.csv', 'provider,region,price\n');
    rejects(f1, `${f1}:1:1: expected the header "provider,region,section,key,value", got "provider,region,price"`);
    const f2 = sheet('bad-value.csv', 'provider,region,section,key,value\n# comment\naws,us-east-1,instances,m5.large,cheap\n');
    rejects(f2, `${f2}:3:34: aws.us-east-1.instances.m5.large: expected a non-negative number (USD/hour), got "cheap"`);
    const f3 = sheet('bad-provider.csv', 'provider,region,section,key,value\nalibaba,cn-hangzhou,instances,ecs.g6.large,0.1\n');
    rejects(f3, `${f3}:2:1: alibaba: unknown provider, expected one of aws, gcp, azure, libvirt`);
    const f4 = sheet('short.csv', 'provider,region,section,key,value\naws,us-east-1,instances,m5.large\n');
    rejects(f4, `${f4}:2:1: expected 5 fields (provider,region,section,key,value), got 4`);
  });

  it('an unknown extension or a missing file', () => {
    const f = sheet('prices.json', '{}');
    rejects(f, `${f}: expected a .yaml, .yml or .csv price sheet`);
    assert.throws(() => loadPriceSheet(join(dir, 'nope.yaml')), PriceSheetError);
  });
});

describe('price sheets: overrides win and say so', () => {
  const file = sheet('prices.yaml', GOOD_YAML);
  const c = loadCatalog({ overridesPath: file });
  const src = { id: `override:${file}`, date: '2026-11-01' };

  it('per-SKU instance price wins over the catalog, with override provenance', () => {
    assert.deepEqual(c.instanceHourly('aws', 'us-east-1', 'm5.large'), { value: 0.08, unit: 'USD/hour', currency: 'USD', source: src, estimate: true });
    assert.equal(c.instanceHourly('aws', 'us-east-1', 'm99.custom')?.value, 1.5, 'a SKU the catalog lacks');
    assert.deepEqual(c.instanceHourly('aws', 'us-west-2', 'm5.large')?.source, { id: 'aws/ec2shop', date: '2025-04-04' }, 'other regions keep the catalog');
  });

  it('disk, snapshot, NAT, spot and public IP overrides', () => {
    const d = c.diskMonthly('aws', 'us-east-1', 'gp3', 100, { iops: 6000 });
    assert.equal(d?.value, 7);
    assert.deepEqual(d?.source, src);
    assert.equal(c.snapshotMonthly('aws', 'us-east-1', 100)?.value, 4);
    assert.deepEqual(c.natGateway('aws', 'us-east-1')?.hourly, { value: 0.045, unit: 'USD/hour', currency: 'USD', source: src, estimate: true });
    assert.equal(c.natGateway('aws', 'us-east-1')?.perGB?.unit, 'USD/GB');
    assert.equal(c.spotDiscount('aws', 'us-east-1', 'm5')?.value, 0.5);
    assert.equal(c.publicIpHourly('aws', 'ap-south-1', true)?.value, 0.004, '"*" applies to every region');
    assert.equal(c.publicIpHourly('aws', 'ap-south-1', false)?.value, 0.006);
    assert.equal(c.publicIpHourly('azure', 'eastus', true)?.value, 0.005, 'fills a catalog gap');
    assert.equal(c.publicIpHourly('azure', 'eastus', false), undefined, 'only what the sheet gives');
  });

  it('Azure tier overrides keep the tier rounding', () => {
    const p = c.diskMonthly('azure', 'eastus', 'Premium_LRS', 100);
    assert.equal(p?.value, 15);
    assert.deepEqual(p?.source, src);
    assert.deepEqual(p?.notes, ['billed as P10 (128 GiB): 100 GiB rounds up to the next tier']);
  });

  it('libvirt domains and volumes are priced from the rates', () => {
    const vm = c.instanceHourly('libvirt', 'global', null, { vcpus: 4, memoryMiB: 8192 });
    assert.equal(vm?.value, 4 * 0.02 + 8 * 0.005);
    assert.deepEqual(vm?.breakdown?.map((b) => [b.name, b.quantity, b.rate]), [
      ['vCPU', 4, 0.02],
      ['memory', 8, 0.005],
    ]);
    assert.equal(c.diskMonthly('libvirt', 'global', 'qcow2', 20)?.value, 1, 'default storage rate');
    assert.equal(c.diskMonthly('libvirt', 'global', 'qcow2', 20, { pool: 'fast-pool' })?.value, 2.4, 'pool rate');
    assert.equal(c.publicIpHourly('libvirt', 'global', true)?.value, 0);
    assert.equal(c.instanceHourly('libvirt', 'global', null, { vcpus: 4, memoryMiB: null }), undefined, 'shape unknown');
  });

  it('catalogDates names the sheet', () => {
    assert.deepEqual(c.catalogDates().overrides, { file, date: '2026-11-01' });
  });

  it('a CSV sheet gives the same prices', () => {
    const csv = sheet(
      'prices.csv',
      [
        'provider,region,section,key,value',
        'aws,us-east-1,instances,m5.large,0.08',
        'aws,us-east-1,snapshotGBMonth,,0.04',
        'libvirt,*,rates,vcpuHour,0.02',
        'libvirt,*,rates,ramGiBHour,0.005',
        'libvirt,*,rates,storageGBMonth.fast-pool,0.12',
        '',
      ].join('\n'),
    );
    const cc = loadCatalog({ overridesPath: csv });
    assert.equal(cc.instanceHourly('aws', 'us-east-1', 'm5.large')?.value, 0.08);
    assert.equal(cc.instanceHourly('aws', 'us-east-1', 'm5.large')?.source.id, `override:${csv}`);
    assert.equal(cc.snapshotMonthly('aws', 'us-east-1', 10)?.value, 0.4);
    assert.equal(cc.instanceHourly('libvirt', 'global', null, { vcpus: 2, memoryMiB: 2048 })?.value, 0.05);
    assert.equal(cc.diskMonthly('libvirt', 'global', 'raw', 10, { pool: 'fast-pool' })?.value, 1.2);
    assert.equal(cc.diskMonthly('libvirt', 'global', 'raw', 10), undefined, 'no default storage rate given');
  });

  it('an empty sheet changes nothing', () => {
    const e = loadCatalog({ overridesPath: sheet('empty.yaml', '# nothing yet\n') });
    assert.equal(e.instanceHourly('aws', 'us-east-1', 'm5.large')?.source.id, 'aws/ec2shop');
  });
});
