import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GraphNode } from '../../graph/schema.js';
import { instance, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './nat_gateway_unused.js';

const nat = (id: string, extra: Record<string, string | number>): GraphNode => ({ id, provider: 'gcp', account: 'p', region: 'us-central1', kind: 'network.nat_gateway', nativeType: 'x', name: id, tags: {}, attrs: { state: 'available', ...extra } });

describe('nat_gateway_unused', () => {
  it('fires when it processed no bytes: GCP 0.0448 USD/h × 730 = 32.704', () => {
    const [s] = runRule(rule, snapshotOf([nat('nat-1', { bytesProcessed: 0 })])).savings;
    near(s?.monthlySavings, 32.704);
  });
  it('fires without a metric when no instance runs in its network; does not fire when one does or it carried traffic', () => {
    assert.equal(runRule(rule, snapshotOf([nat('nat-2', { vpcId: 'vpc-empty' })])).savings.length, 1);
    assert.equal(runRule(rule, snapshotOf([nat('nat-3', { vpcId: 'vpc-1' }), instance('i-1', { vpcId: 'vpc-1' })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([nat('nat-4', { bytesProcessed: 1e9 })])).savings.length, 0);
  });
});
