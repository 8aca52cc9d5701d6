import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { instance, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './spot_candidate.js';

describe('spot_candidate', () => {
  it('fires on a stateless scaling group member: t3.medium 0.0416 × 730 × typical discount 0.60 = 18.2208, risk stated', () => {
    const [s] = runRule(rule, snapshotOf([instance('i-1', { instanceType: 't3.medium', replaceable: true, diskIds: ['vol-root'] })])).savings;
    near(s?.monthlySavings, 0.0416 * 730 * 0.6);
    assert.equal(s?.confidence, 'low');
    assert.match(String(s?.evidence?.['interruptionRisk']), /reclaimed/);
  });
  it('uses a recorded spot price when there is one: (0.0416 − 0.0125) × 730', () => {
    const [s] = runRule(rule, snapshotOf([instance('i-1', { instanceType: 't3.medium', replaceable: true, spotPrice: { usdPerHour: 0.0125, at: '2026-11-19T00:00:00Z' } })])).savings;
    near(s?.monthlySavings, (0.0416 - 0.0125) * 730);
    assert.equal(s?.confidence, 'medium');
  });
  it('fires on a tag rule (env=batch); does not fire on stateful members, spot instances or untagged standalone ones', () => {
    assert.equal(runRule(rule, snapshotOf([instance('i-2', { instanceType: 't3.medium' }, { tags: { env: 'batch' } })])).savings.length, 1);
    assert.equal(runRule(rule, snapshotOf([instance('i-3', { replaceable: true, diskIds: ['root', 'data'] })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([instance('i-4', { replaceable: true, lifecycle: 'spot' })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([instance('i-5', {}, { tags: { env: 'prod' } })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([instance('i-6', {}, { tags: { tier: 'ci' } })]), {}, { spotCandidateTags: { tier: ['ci'] } }).savings.length, 1);
  });
});
