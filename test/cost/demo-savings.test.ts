/**
 * The demo worlds (fixtures/worlds/demo/{aws,gcp,azure,libvirt}, see each SEEDED.md) through the
 * cost engine: every expected saving is found with the figure worked out here **by hand** from the
 * unit prices published in pricing/{aws,gcp,azure}.json (copied below as literals, with their
 * source ids) or in the Cost Explorer rows of the AWS demo (ce/get-cost-and-usage.json, October
 * 2026: the latest complete month before the world date 2026-11-20). The code under test is never
 * asked for an expected value. A month is 730 hours.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { importAwsCliJson } from '../../src/collectors/aws/index.js';
import { importAzureJson } from '../../src/collectors/azure/index.js';
import { importGcpAssets } from '../../src/collectors/gcp/index.js';
import { importLibvirtXml } from '../../src/collectors/libvirt/index.js';
import { loadCostCatalog, runCostRules } from '../../src/cost/engine.js';
import type { CostRunResult } from '../../src/cost/engine.js';
import type { GraphEdge, GraphNode, CostRecord } from '../../src/graph/schema.js';
import { deduplicatedSavingsTotal } from '../../src/results/build-results.js';
import type { Saving } from '../../src/results/schema.js';
import { NOW, near, snapshotOf } from './fixtures.js';

const DEMO = fileURLToPath(new URL('../../fixtures/worlds/demo/', import.meta.url));
const SHEET = fileURLToPath(new URL('./fixtures/libvirt-prices.yaml', import.meta.url));
const H = 730;

// Unit prices, copied from the shipped catalog files (value, unit, source id in that file).
const AWS = {
  // pricing/aws.json instances, aws/ec2shop, USD/hour, us-east-1
  m5_4xlarge: 0.768, m5_2xlarge: 0.384, r5_2xlarge: 0.504, r5_xlarge: 0.252, t3_large: 0.0832, t3_medium: 0.0416, t3_micro: 0.0104,
  // disks / diskExtras, aws/ebs-feed, USD/GB-month and USD/IOPS-month, us-east-1
  gp2: 0.1, gp3: 0.08, io1: 0.125, io1Iops: 0.065, gp3Iops: 0.005,
  // snapshots standard, aws/ebs-feed, USD/GB-month
  snapshot: 0.05,
  // publicIp idle, aws/public-ipv4-2024, USD/hour
  ipIdle: 0.005,
  // spot t3 median, aws/opszero, fraction of on-demand
  spotT3: 0.6,
};
const GCP = {
  // gcp/cyclenerd: USD/GiB-month us-central1; USD/hour; fraction of on-demand
  pdSsd: 0.17, pdStandard: 0.04, ipIdle: 0.01,
  // snapshots standard in the multi-region "us-multi" (storage location "us"), USD/GiB-month
  snapshotUsMulti: 0.065,
  e2Standard2UsCentral1: 0.06701142, e2MediumEuropeWest1: 0.03685773,
  spotE2UsCentral1: 0.399923, spotE2EuropeWest1: 0.515651,
};
const AZ = {
  // azure/flexera-disks, USD/disk-month, westeurope (tier sizes from azure/flexera-disk-tiers)
  P20_LRS: 80.54, S10_LRS: 5.888, P15_LRS: 41.811428, P30_LRS: 148.68, P4_LRS: 5.8072,
  // azure/radar-disks snapshots Standard_LRS, USD/GB-month; azure/karpenter Standard_B2s USD/hour
  snapshot: 0.05, B2s: 0.048,
};
// Cost Explorer, account 111122223333, 2026-10-01..2026-11-01: cost (USD) and usage quantity.
const CE = {
  m5_4xlarge: 1166.13 / 1497.6, r5_2xlarge: 377.4 / 748.8, t3_large: 124.6 / 1497.6, t3_medium: 62.3 / 1497.6,
  gp2: 72.8 / 728, gp3: 38.94 / 486.72, piops: 195 / 1560, piopsIops: 2028 / 31200,
  snapshot: 51.38 / 1027.52, ipIdle: 3.74 / 748.8, lb: 51.25 / 2246.4,
};

type Fragment = { nodes: GraphNode[]; edges: GraphEdge[]; costs?: CostRecord[] };
const run = (f: Fragment, opts: { costs?: boolean; sheet?: string } = {}): CostRunResult =>
  runCostRules(snapshotOf(f.nodes, f.edges, opts.costs === false ? [] : (f.costs ?? [])), { catalog: loadCostCatalog(opts.sheet), now: NOW });

function find(r: CostRunResult, ruleId: string, idEnd: string): Saving {
  const hits = r.savings.filter((s) => s.ruleId === ruleId && s.resourceId.endsWith(idEnd));
  assert.equal(hits.length, 1, `${ruleId} on …${idEnd}: expected one saving, got ${hits.length}`);
  return hits[0] as Saving;
}
const none = (r: CostRunResult, ruleId: string, idEnd: string): void =>
  assert.equal(r.savings.filter((s) => s.ruleId === ruleId && s.resourceId.endsWith(idEnd)).length, 0, `${ruleId} must not fire on …${idEnd}`);
const ids = (r: CostRunResult, ruleId: string): string[] => r.savings.filter((s) => s.ruleId === ruleId).map((s) => s.resourceId.replace(/^.*[/:]/, '')).sort();

let aws: Fragment;
let gcp: Fragment;
let azure: Fragment;
let libvirt: Fragment;
before(async () => {
  [aws, gcp, azure, libvirt] = await Promise.all([
    importAwsCliJson(`${DEMO}aws`, { now: NOW }),
    importGcpAssets([`${DEMO}gcp`], { orgDomains: ['democorp.example'] }),
    importAzureJson(`${DEMO}azure`, { tenantDomains: ['contoso.example'] }),
    importLibvirtXml(`${DEMO}libvirt/node.xml`, { host: 'kvm-demo-01' }),
  ]);
});

describe('demo AWS world, catalog prices (Cost Explorer rows left out)', () => {
  let r: CostRunResult;
  before(() => (r = run(aws, { costs: false })));

  it('unattached disks: orphan01 500 GiB gp2, orphan02 1000 GiB io1 at 20 000 IOPS', () => {
    near(find(r, 'unattached_disk', 'vol-0demo00000orphan01').monthlySavings, 500 * AWS.gp2); // 50.00
    near(find(r, 'unattached_disk', 'vol-0demo00000orphan02').monthlySavings, 1000 * AWS.io1 + 20000 * AWS.io1Iops); // 125 + 1300 = 1425.00
    assert.deepEqual(ids(r, 'unattached_disk'), ['vol-0demo00000orphan01', 'vol-0demo00000orphan02']);
    assert.equal(find(r, 'unattached_disk', 'orphan01').pricingSource, 'catalog:aws:2024-07-18');
    assert.equal(find(r, 'unattached_disk', 'orphan01').confidence, 'medium');
  });
  it('gp2 → gp3: 200 GiB and 500 GiB at the gp3 baseline (their gp2 IOPS are under 3000)', () => {
    near(find(r, 'disk_gp2_to_gp3', 'vol-0demo0000000gp2a1').monthlySavings, 200 * (AWS.gp2 - AWS.gp3)); // 4.00
    near(find(r, 'disk_gp2_to_gp3', 'vol-0demo00000orphan01').monthlySavings, 500 * (AWS.gp2 - AWS.gp3)); // 10.00
  });
  it('io1 → gp3: io1a1 500 GiB, 10 000 IOPS; orphan02 (20 000 IOPS) stays (above gp3, io2 no cheaper)', () => {
    const io1 = 500 * AWS.io1 + 10000 * AWS.io1Iops; // 62.50 + 650 = 712.50
    const gp3 = 500 * AWS.gp3 + (10000 - 3000) * AWS.gp3Iops; // 40 + 35 = 75.00
    near(find(r, 'disk_io1_migrate', 'vol-0demo0000000io1a1').monthlySavings, io1 - gp3); // 637.50
    none(r, 'disk_io1_migrate', 'vol-0demo00000orphan02');
  });
  it('snapshots: deleted-volume snapshot 750 GiB, 2024 snapshot 200 GiB; the AMI and the new one are safe', () => {
    near(find(r, 'snapshot_orphaned', 'snap-0demo0000deleted1').monthlySavings, 750 * AWS.snapshot); // 37.50
    near(find(r, 'snapshot_old', 'snap-0demo000000old001').monthlySavings, 200 * AWS.snapshot); // 10.00
    assert.deepEqual(ids(r, 'snapshot_old'), ['snap-0demo000000old001']);
    assert.deepEqual(ids(r, 'snapshot_orphaned'), ['snap-0demo0000deleted1']);
  });
  it('unused Elastic IP: 0.005 USD/h × 730; the in-use charge is stated', () => {
    const s = find(r, 'public_ip_unused', 'eipalloc-0demo00000unused1');
    near(s.monthlySavings, AWS.ipIdle * H); // 3.65
    assert.match(String(s.evidence?.['inUseCharge']), /in use or not/);
    assert.deepEqual(ids(r, 'public_ip_unused'), ['eipalloc-0demo00000unused1']);
  });
  it('stopped for months: stop001’s gp2 volume (200 GiB); stop002 (10 days) is safe', () => {
    near(find(r, 'instance_stopped', 'vol-0demo0000000gp2a1').monthlySavings, 200 * AWS.gp2); // 20.00
    assert.deepEqual(ids(r, 'instance_stopped'), ['vol-0demo0000000gp2a1']);
  });
  it('idle: idle01 m5.4xlarge, idle02 r5.2xlarge, the bastion t3.micro (idle, not oversized); busy01 is not', () => {
    near(find(r, 'instance_idle', 'i-0demo0000000idle01').monthlySavings, AWS.m5_4xlarge * H); // 560.64
    near(find(r, 'instance_idle', 'i-0demo0000000idle02').monthlySavings, AWS.r5_2xlarge * H); // 367.92
    near(find(r, 'instance_idle', 'i-0demo000000bastion').monthlySavings, AWS.t3_micro * H); // 7.592
    none(r, 'instance_idle', 'i-0demo0000000busy01');
  });
  it('rightsizing one size down: idle01, idle02, web01, winjump; not busy01, the ASG members or the bastion', () => {
    near(find(r, 'instance_rightsize', 'i-0demo0000000idle01').monthlySavings, (AWS.m5_4xlarge - AWS.m5_2xlarge) * H); // 280.32
    near(find(r, 'instance_rightsize', 'i-0demo0000000idle02').monthlySavings, (AWS.r5_2xlarge - AWS.r5_xlarge) * H); // 183.96
    near(find(r, 'instance_rightsize', 'i-0demo00000000web01').monthlySavings, (AWS.t3_large - AWS.t3_medium) * H); // 30.368
    near(find(r, 'instance_rightsize', 'i-0demo00000winjump').monthlySavings, (AWS.t3_large - AWS.t3_medium) * H); // 30.368
    const winPrice = find(r, 'instance_rightsize', 'i-0demo00000winjump').evidence?.['currentPrice'] as Record<string, unknown> | undefined;
    assert.match(String(winPrice?.['licenseNote']), /Windows licence is not included/);
    assert.deepEqual(ids(r, 'instance_rightsize'), ['i-0demo00000000web01', 'i-0demo0000000idle01', 'i-0demo0000000idle02', 'i-0demo00000winjump']);
  });
  it('idle load balancers are found but unpriced without billing rows (the catalog has no LB prices)', () => {
    for (const lb of ['demo-idle-alb/0c7e4a9d2f6b8e11', 'demo-legacy-nlb/7a1f3c5e9b2d4f60']) {
      const s = find(r, 'load_balancer_idle', lb);
      assert.equal(s.monthlySavings, null);
      assert.equal(s.confidence, 'unknown');
    }
    none(r, 'load_balancer_idle', 'demo-web-alb/5d2b8f1e9a3c7d40');
  });
  it('spot candidates: the two ASG members, t3.medium × typical t3 discount', () => {
    for (const i of ['i-0demo00000asg0001', 'i-0demo00000asg0002']) near(find(r, 'spot_candidate', i).monthlySavings, AWS.t3_medium * H * AWS.spotT3); // 18.2208
    assert.deepEqual(ids(r, 'spot_candidate'), ['i-0demo00000asg0001', 'i-0demo00000asg0002']);
  });
  it('states the oldest catalog date its figures rest on: the public IPv4 price of 2024-02-01', () => {
    assert.deepEqual(r.pricingCatalogDates, { aws: '2024-02-01' });
  });
  it('the NAT gateway is in use (instances run in its VPC): not reported; no previous-generation types', () => {
    assert.deepEqual(ids(r, 'nat_gateway_unused'), []);
    assert.deepEqual(ids(r, 'instance_previous_generation'), []);
  });
});

describe('demo AWS world with its Cost Explorer rows: actual spend first', () => {
  let r: CostRunResult;
  before(() => (r = run(aws)));

  it('prices from actual October rates where the usage type is billed, labelled aws-cost-explorer, high', () => {
    const idle01 = find(r, 'instance_idle', 'i-0demo0000000idle01');
    near(idle01.monthlySavings, CE.m5_4xlarge * H); // 1166.13 / 1497.6 × 730 = 568.43
    assert.equal(idle01.pricingSource, 'aws-cost-explorer');
    assert.equal(idle01.confidence, 'high');
    near(find(r, 'instance_idle', 'i-0demo0000000idle02').monthlySavings, CE.r5_2xlarge * H); // 367.92
    near(find(r, 'instance_idle', 'i-0demo000000bastion').monthlySavings, AWS.t3_micro * H); // no t3.micro row: catalog
    assert.equal(find(r, 'instance_idle', 'i-0demo000000bastion').pricingSource, 'catalog:aws:2025-04-04');
    near(find(r, 'unattached_disk', 'orphan01').monthlySavings, 500 * CE.gp2); // 50.00
    near(find(r, 'unattached_disk', 'orphan02').monthlySavings, 1000 * CE.piops + 20000 * CE.piopsIops); // 1425.00
    near(find(r, 'snapshot_orphaned', 'snap-0demo0000deleted1').monthlySavings, 750 * CE.snapshot);
    near(find(r, 'snapshot_old', 'snap-0demo000000old001').monthlySavings, 200 * CE.snapshot);
    near(find(r, 'public_ip_unused', 'eipalloc-0demo00000unused1').monthlySavings, CE.ipIdle * H);
    near(find(r, 'load_balancer_idle', 'demo-idle-alb/0c7e4a9d2f6b8e11').monthlySavings, CE.lb * H); // 16.65
    near(find(r, 'load_balancer_idle', 'demo-legacy-nlb/7a1f3c5e9b2d4f60').monthlySavings, CE.lb * H);
  });
  it('compares like with like: actual for both sizes when both are billed, else the catalog for both', () => {
    const web = find(r, 'instance_rightsize', 'i-0demo00000000web01');
    near(web.monthlySavings, (CE.t3_large - CE.t3_medium) * H);
    assert.equal(web.pricingSource, 'aws-cost-explorer');
    const idle01 = find(r, 'instance_rightsize', 'i-0demo0000000idle01'); // no m5.2xlarge row
    near(idle01.monthlySavings, (AWS.m5_4xlarge - AWS.m5_2xlarge) * H);
    assert.equal(idle01.pricingSource, 'catalog:aws:2025-04-04');
    near(find(r, 'disk_gp2_to_gp3', 'vol-0demo00000orphan01').monthlySavings, 500 * (CE.gp2 - CE.gp3));
  });
  it('egress: the four data transfer rows of October with actual cost, suggestions, and no invented saving', () => {
    const eg = r.savings.filter((s) => s.ruleId === 'egress');
    assert.deepEqual(eg.map((s) => [s.service, s.evidence?.['usageType'], s.monthlyCost]), [
      ['EC2 - Other', 'DataTransfer-Out-Bytes', 1123.2],
      ['Amazon Simple Storage Service', 'DataTransfer-Out-Bytes', 655.2],
      ['EC2 - Other', 'NatGateway-Bytes', 421.2],
      ['Amazon Simple Storage Service', 'EU-DataTransfer-Out-Bytes', 93.6],
    ]);
    for (const s of eg) {
      assert.equal(s.monthlySavings, null);
      assert.equal(s.confidence, 'low');
    }
    assert.match(eg[2]?.recommendation ?? '', /gateway VPC endpoints/);
    assert.match(eg[1]?.recommendation ?? '', /CDN/);
  });
  it('counts each resource once, never above its cost (gp2a1: stopped 20.00 + gp3 4.00 → 20.00)', () => {
    const gp2a1 = r.savings.filter((s) => s.resourceId.endsWith('vol-0demo0000000gp2a1') && s.monthlySavings !== null);
    assert.deepEqual(gp2a1.map((s) => s.ruleId).sort(), ['disk_gp2_to_gp3', 'instance_stopped']);
    near(deduplicatedSavingsTotal(gp2a1), 200 * CE.gp2); // 20.00, not 24.00
    const orphan01 = r.savings.filter((s) => s.resourceId.endsWith('vol-0demo00000orphan01'));
    near(deduplicatedSavingsTotal(orphan01), 500 * CE.gp2); // 50.00, not 60.00
  });
});

describe('demo GCP world (catalog prices; the GCP collector records no CPU metrics)', () => {
  let r: CostRunResult;
  before(() => (r = run(gcp)));
  it('unattached disks: 500 GiB pd-ssd and 100 GiB pd-standard in us-central1', () => {
    near(find(r, 'unattached_disk', 'disks/prod-orphan-data-1').monthlySavings, 500 * GCP.pdSsd); // 85.00
    near(find(r, 'unattached_disk', 'disks/prod-orphan-scratch').monthlySavings, 100 * GCP.pdStandard); // 4.00
    assert.deepEqual(ids(r, 'unattached_disk'), ['prod-orphan-data-1', 'prod-orphan-scratch']);
    assert.equal(find(r, 'unattached_disk', 'prod-orphan-scratch').pricingSource, 'catalog:gcp:2026-07-30');
  });
  it('old-reporting, stopped 201 days: its 100 GiB and 1000 GiB pd-standard disks', () => {
    near(find(r, 'instance_stopped', 'disks/old-reporting').monthlySavings, 100 * GCP.pdStandard); // 4.00
    near(find(r, 'instance_stopped', 'disks/old-reporting-data').monthlySavings, 1000 * GCP.pdStandard); // 40.00
  });
  it('reserved unused address: 0.01 USD/h × 730', () => {
    near(find(r, 'public_ip_unused', 'addresses/prod-reserved-unused').monthlySavings, GCP.ipIdle * H); // 7.30
    assert.deepEqual(ids(r, 'public_ip_unused'), ['prod-reserved-unused']);
  });
  it('the deleted disk’s snapshot, old and orphaned: 800 GiB stored in the "us" multi-region × 0.065', () => {
    for (const rule of ['snapshot_old', 'snapshot_orphaned']) {
      const s = find(r, rule, 'snapshots/legacy-db-final-2024');
      near(s.monthlySavings, 800 * GCP.snapshotUsMulti); // storageGiB 800 (not its 2000 GiB source size): 52.00
      assert.equal(s.pricingSource, 'catalog:gcp:2026-07-30');
    }
    none(r, 'snapshot_orphaned', 'web-1-daily-20261119');
    none(r, 'snapshot_old', 'web-1-daily-20261119');
  });
  it('spot candidates: the two MIG members (e2-standard-2) and dev-sandbox (env=dev, e2-medium)', () => {
    for (const i of ['instances/web-mig-7k2p', 'instances/web-mig-x9q4']) near(find(r, 'spot_candidate', i).monthlySavings, GCP.e2Standard2UsCentral1 * H * GCP.spotE2UsCentral1); // 19.56
    near(find(r, 'spot_candidate', 'instances/dev-sandbox').monthlySavings, GCP.e2MediumEuropeWest1 * H * GCP.spotE2EuropeWest1); // 13.87
    assert.deepEqual(ids(r, 'spot_candidate'), ['dev-sandbox', 'web-mig-7k2p', 'web-mig-x9q4']);
  });
  it('analytics-big cannot be right-sized without CPU metrics, and the notes say so', () => {
    none(r, 'instance_rightsize', 'analytics-big');
    assert.ok(r.notes.some((n) => /no CPU metrics/.test(n)));
  });
});

describe('demo Azure world (catalog prices, tier rounding)', () => {
  let r: CostRunResult;
  before(() => (r = run(azure)));
  it('unattached disks: 512 GiB Premium → P20, 128 GiB Standard → S10, sandbox 256 GiB Premium → P15', () => {
    near(find(r, 'unattached_disk', 'disks/disk-orphan-data-01').monthlySavings, AZ.P20_LRS);
    near(find(r, 'unattached_disk', 'disks/disk-orphan-logs').monthlySavings, AZ.S10_LRS);
    near(find(r, 'unattached_disk', 'disks/sandbox-scratch-disk').monthlySavings, AZ.P15_LRS);
    assert.deepEqual(ids(r, 'unattached_disk'), ['disk-orphan-data-01', 'disk-orphan-logs', 'sandbox-scratch-disk']);
  });
  it('vm-legacy-app, deallocated 202 days: its 1 TiB (P30) and 30 GiB (P4) disks; the Reserved disks are not unattached', () => {
    near(find(r, 'instance_stopped', 'disks/vm-legacy-app-data').monthlySavings, AZ.P30_LRS);
    near(find(r, 'instance_stopped', 'disks/vm-legacy-app-os').monthlySavings, AZ.P4_LRS);
    none(r, 'unattached_disk', 'vm-legacy-app-data');
  });
  it('the deleted disk’s snapshot: 256 GiB × 0.05 (old and orphaned); the weekly one is safe', () => {
    near(find(r, 'snapshot_orphaned', 'snapshots/snap-deleted-db-2025').monthlySavings, 256 * AZ.snapshot); // 12.80
    near(find(r, 'snapshot_old', 'snapshots/snap-deleted-db-2025').monthlySavings, 256 * AZ.snapshot);
    none(r, 'snapshot_orphaned', 'snap-web-os-weekly');
  });
  it('the orphaned public IP is found; Azure public IPs have no catalog price: unknown, never guessed; the NAT one is safe', () => {
    const s = find(r, 'public_ip_unused', 'publicipaddresses/pip-orphaned-old');
    assert.equal(s.confidence, 'unknown');
    assert.equal(s.monthlySavings, null);
    assert.deepEqual(ids(r, 'public_ip_unused'), ['pip-orphaned-old']);
  });
  it('VMSS members are spot candidates, priced on demand (0.048 × 730) but with no B-family spot discount in the catalog', () => {
    const s = find(r, 'spot_candidate', 'virtualmachines/vmss-web_0a1b2c3d');
    near(s.monthlyCost, AZ.B2s * H); // 35.04
    assert.equal(s.monthlySavings, null);
    none(r, 'spot_candidate', 'vm-batch-spot-01');
  });
});

describe('demo libvirt host', () => {
  it('without a price sheet the three orphaned volumes are found, unpriced', () => {
    const r = run(libvirt);
    assert.deepEqual(ids(r, 'unattached_disk'), ['%2Fsrv%2Ffast-ssd%2Fimages%2Fbuild-cache-old.qcow2', '%2Fvar%2Flib%2Flibvirt%2Fimages%2Fweb-01-clone.qcow2', '%2Fvar%2Flib%2Flibvirt%2Fimages%2Fwin2016-eval.qcow2']);
    for (const s of r.savings.filter((x) => x.ruleId === 'unattached_disk')) {
      assert.equal(s.confidence, 'unknown');
      assert.equal(s.monthlySavings, null);
    }
  });
  it('with the price sheet: allocated GiB × the pool’s rate, labelled with the sheet', () => {
    const r = run(libvirt, { sheet: SHEET });
    near(find(r, 'unattached_disk', 'web-01-clone.qcow2').monthlySavings, 14 * 0.04); // 14 GiB allocated, pool default: 0.56
    near(find(r, 'unattached_disk', 'win2016-eval.qcow2').monthlySavings, 25 * 0.04); // 1.00
    near(find(r, 'unattached_disk', 'build-cache-old.qcow2').monthlySavings, 15 * 0.1); // pool fast-ssd: 1.50
    assert.match(find(r, 'unattached_disk', 'build-cache-old.qcow2').pricingSource, /^override:.*libvirt-prices\.yaml$/);
    assert.equal(r.pricingCatalogDates[`override:${SHEET}`], '2026-11-01');
  });
  it('old-centos7-test is stopped but has no stop date: not reported, and the notes say why', () => {
    const r = run(libvirt, { sheet: SHEET });
    assert.deepEqual(ids(r, 'instance_stopped'), []);
    assert.ok(r.notes.some((n) => n.includes('0a9e8d7c-6b5a-4f32-b1c0-9d8e7f6a5b05') && /no date/.test(n)));
  });
});
