import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disk, near, runRule, snap, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './snapshot_orphaned.js';

describe('snapshot_orphaned', () => {
  it('fires when the source disk is gone (750 GiB × 0.05 = 37.50)', () => {
    const { savings } = runRule(rule, snapshotOf([snap('snap-x', { sizeGiB: 750, sourceDiskId: 'vol-gone' })]));
    assert.equal(savings.length, 1);
    near(savings[0]?.monthlySavings, 37.5);
    assert.equal(savings[0]?.evidence?.['sourceDiskExists'], false);
  });
  it('does not fire when the disk exists (by id or by snapshot_of edge) or no source is recorded', () => {
    assert.equal(runRule(rule, snapshotOf([snap('snap-y', { sourceDiskId: 'vol-here' }), disk('vol-here')])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([snap('snap-z', { sourceDiskId: 'VOL-HERE' }), disk('vol-here')])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([snap('snap-w', { sourceDiskId: 'vol-old-id' }), disk('vol-new-id')], [{ from: 'snap-w', to: 'vol-new-id', kind: 'snapshot_of' }])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([snap('snap-v', { sourceDiskId: null })])).savings.length, 0);
  });
});
