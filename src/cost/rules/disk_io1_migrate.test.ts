import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disk, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './disk_io1_migrate.js';

describe('disk_io1_migrate', () => {
  it('io1 within gp3 limits → gp3: (500 × 0.125 + 10000 × 0.065) − (500 × 0.08 + 7000 × 0.005) = 637.50', () => {
    const [s] = runRule(rule, snapshotOf([disk('vol-1', { sizeGiB: 500, diskType: 'io1', iops: 10000, throughputMiBps: null })])).savings;
    assert.equal(s?.evidence?.['target'], 'gp3');
    near(s?.monthlyCost, 712.5);
    near(s?.monthlySavings, 637.5);
  });
  it('io1 above gp3 limits → io2 only where io2 is cheaper: 40 000 IOPS saves 8000 × (0.065 − 0.0455) = 156', () => {
    const [s] = runRule(rule, snapshotOf([disk('vol-2', { sizeGiB: 1000, diskType: 'io1', iops: 40000, throughputMiBps: null })])).savings;
    assert.equal(s?.evidence?.['target'], 'io2');
    near(s?.monthlySavings, 156);
  });
  it('does not fire at 20 000 IOPS (above gp3, io2 no cheaper) nor on gp3', () => {
    const r = runRule(rule, snapshotOf([disk('vol-3', { sizeGiB: 1000, diskType: 'io1', iops: 20000, throughputMiBps: null })]));
    assert.equal(r.savings.length, 0);
    assert.match(r.notes.join('\n'), /io2 is not cheaper/);
    assert.equal(runRule(rule, snapshotOf([disk('vol-4')])).savings.length, 0);
  });
});
