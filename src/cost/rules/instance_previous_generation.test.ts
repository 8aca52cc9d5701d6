import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { instance, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './instance_previous_generation.js';

describe('instance_previous_generation', () => {
  it('fires when the current-generation equivalent is cheaper: m4.xlarge 0.20 → m6i.xlarge 0.192 USD/h, (0.20 − 0.192) × 730 = 5.84', () => {
    const [s] = runRule(rule, snapshotOf([instance('i-1', { instanceType: 'm4.xlarge' })])).savings;
    assert.equal(s?.evidence?.['targetType'], 'm6i.xlarge');
    near(s?.monthlySavings, 5.84);
  });
  it('does not fire when the successor is dearer (n1 → n2 in us-central1), nor on current types', () => {
    const r = runRule(rule, snapshotOf([instance('g-1', { instanceType: 'n1-standard-4' }, { provider: 'gcp', region: 'us-central1' })]));
    assert.equal(r.savings.length, 0);
    assert.match(r.notes.join('\n'), /not cheaper/);
    assert.equal(runRule(rule, snapshotOf([instance('i-2', { instanceType: 'm6i.xlarge' })])).savings.length, 0);
  });
});
