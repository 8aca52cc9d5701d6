import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GraphNode } from '../../graph/schema.js';
import { near, runRule, snap, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './snapshot_old.js';

describe('snapshot_old', () => {
  it('fires on a snapshot older than 90 days (200 GiB × 0.05 USD/GB-month = 10)', () => {
    const { savings } = runRule(rule, snapshotOf([snap('snap-old', { sizeGiB: 200 }, { createdAt: '2024-05-01T02:00:00Z' })]));
    assert.equal(savings.length, 1);
    near(savings[0]?.monthlySavings, 10);
    assert.equal(savings[0]?.evidence?.['ageDays'], 932); // 2024-05-01T02:00Z → 2026-11-20T00:00Z: 932 whole days
  });
  it('does not fire on a young snapshot, one within an overridden threshold, or one backing an image', () => {
    assert.equal(runRule(rule, snapshotOf([snap('snap-new', {}, { createdAt: '2026-11-19T00:00:00Z' })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([snap('snap-mid', {}, { createdAt: '2026-06-01T00:00:00Z' })]), { maxAgeDays: 365 }).savings.length, 0);
    const image: GraphNode = { id: 'ami-1', provider: 'aws', account: '111122223333', region: 'us-east-1', kind: 'compute.image', nativeType: 'x', name: 'ami', tags: {}, attrs: { public: false, snapshotIds: ['snap-ami'] } };
    const r = runRule(rule, snapshotOf([snap('snap-ami', {}, { createdAt: '2024-01-01T00:00:00Z' }), image]));
    assert.equal(r.savings.length, 0);
    assert.match(r.notes.join('\n'), /backs image ami-1/);
  });
});
