import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disk, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './disk_gp2_to_gp3.js';

describe('disk_gp2_to_gp3', () => {
  it('fires on gp2: 500 GiB × (0.10 − 0.08) = 10.00 at the gp3 baseline', () => {
    const [s] = runRule(rule, snapshotOf([disk('vol-1', { sizeGiB: 500, diskType: 'gp2', iops: 1500, throughputMiBps: null })])).savings;
    near(s?.monthlyCost, 50);
    near(s?.monthlySavings, 10);
    assert.equal(s?.evidence?.['gp3Iops'], 3000);
  });
  it('matches a large gp2 volume’s baseline IOPS on gp3: 2000 GiB → 6000 IOPS, 200 − (160 + 3000 × 0.005) = 25', () => {
    const [s] = runRule(rule, snapshotOf([disk('vol-2', { sizeGiB: 2000, diskType: 'gp2', iops: 6000, throughputMiBps: null })])).savings;
    near(s?.monthlySavings, 25);
  });
  it('does not fire on gp3 or on other providers', () => {
    assert.equal(runRule(rule, snapshotOf([disk('vol-3')])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([disk('d-1', { diskType: 'gp2' }, { provider: 'gcp', region: 'us-central1' })])).savings.length, 0);
  });
});
