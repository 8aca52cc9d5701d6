import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disk, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './unattached_disk.js';

describe('unattached_disk', () => {
  it('fires on a disk attached to nothing, priced from the catalog (500 GiB gp2 × 0.10 USD/GB-month = 50)', () => {
    const { savings } = runRule(rule, snapshotOf([disk('vol-a', { sizeGiB: 500, diskType: 'gp2', iops: 1500, throughputMiBps: null })]));
    assert.equal(savings.length, 1);
    near(savings[0]?.monthlyCost, 50);
    near(savings[0]?.monthlySavings, 50);
    assert.equal(savings[0]?.confidence, 'medium');
    assert.equal(savings[0]?.pricingSource, 'catalog:aws:2024-07-18');
    assert.equal(savings[0]?.currency, 'USD');
  });
  it('does not fire on an attached disk, nor on one younger than minAgeDays', () => {
    assert.equal(runRule(rule, snapshotOf([disk('vol-b', { attachedTo: ['i-1'] })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([disk('vol-c', {}, { createdAt: '2026-11-15T00:00:00Z' })]), { minAgeDays: 30 }).savings.length, 0);
  });
  it('a disk type missing from the catalog gives confidence unknown and no price', () => {
    const [s] = runRule(rule, snapshotOf([disk('vol-d', { diskType: 'gp9' })])).savings;
    assert.equal(s?.confidence, 'unknown');
    assert.equal(s?.monthlyCost, null);
    assert.equal(s?.monthlySavings, null);
  });
});
