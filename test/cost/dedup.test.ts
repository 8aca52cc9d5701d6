/**
 * `deduplicatedSavingsTotal` (src/results/build-results.ts) as the cost rules use it: each
 * resource counted once, never above its cost, whatever the mix of rules and price bases.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deduplicatedSavingsTotal } from '../../src/results/build-results.js';
import type { Saving } from '../../src/results/schema.js';

const s = (resourceId: string, ruleId: string, monthlyCost: number | null, monthlySavings: number | null): Saving => ({
  fingerprint: `${ruleId}:${resourceId}`, ruleId, resourceId, resourceKind: 'compute.disk', resourceName: resourceId, provider: 'aws', account: '1', region: 'us-east-1', service: null, tags: {}, owner: null,
  recommendation: 'x', monthlyCost, monthlySavings, currency: 'USD', confidence: 'medium', pricingSource: 'catalog:aws:2024-07-18', evidence: null,
});

describe('deduplicatedSavingsTotal with the cost rules', () => {
  it('caps an unattached gp2 disk at its cost: delete 50 + convert 10 → 50', () => {
    assert.equal(deduplicatedSavingsTotal([s('vol-1', 'unattached_disk', 50, 50), s('vol-1', 'disk_gp2_to_gp3', 50, 10)]), 50);
  });
  it('caps at the largest stated cost when rules priced the resource on different bases (actual 568.43, list 560.64)', () => {
    assert.equal(deduplicatedSavingsTotal([s('i-1', 'instance_idle', 568.43, 568.43), s('i-1', 'instance_rightsize', 560.64, 280.32)]), 568.43);
  });
  it('adds different resources, and partial savings under the cap in full', () => {
    assert.equal(deduplicatedSavingsTotal([s('vol-1', 'disk_gp2_to_gp3', 20, 4), s('i-1', 'instance_rightsize', 60.74, 30.37)]), 34.37);
  });
  it('skips savings without a figure (unpriced, egress, sprawl) and never counts them as zero-cost caps', () => {
    assert.equal(deduplicatedSavingsTotal([s('lb-1', 'load_balancer_idle', null, null), s('vol-2', 'sprawl_ownerless', 8, null), s('vol-2', 'unattached_disk', 8, 8)]), 8);
  });
});
