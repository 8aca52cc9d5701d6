import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InstanceUtilization } from '../../graph/schema.js';
import { ceRows, instance, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './instance_rightsize.js';

const util = (p95: number): InstanceUtilization => ({ windowDays: 14, periodSeconds: 3600, cpu: { p95, max: p95, avg: p95, samples: 336 } });

describe('instance_rightsize', () => {
  it('fires under 40 % p95: m5.xlarge → m5.large, (0.192 − 0.096) × 730 = 70.08', () => {
    const [s] = runRule(rule, snapshotOf([instance('i-1', { utilization: util(25) })])).savings;
    assert.equal(s?.evidence?.['targetType'], 'm5.large');
    near(s?.monthlyCost, 140.16);
    near(s?.monthlySavings, 70.08);
    assert.equal(s?.confidence, 'medium');
  });
  it('uses actual rates only when the billing rows give both types, else the catalog for both', () => {
    const costs = [...ceRows('BoxUsage:m5.xlarge', 150, 748.8, 'Hrs', 'Amazon Elastic Compute Cloud - Compute'), ...ceRows('BoxUsage:m5.large', 70, 748.8, 'Hrs', 'Amazon Elastic Compute Cloud - Compute')];
    const [s] = runRule(rule, snapshotOf([instance('i-1', { utilization: util(25) })], [], costs)).savings;
    near(s?.monthlySavings, (150 / 748.8 - 70 / 748.8) * 730);
    assert.equal(s?.pricingSource, 'aws-cost-explorer');
    const [t] = runRule(rule, snapshotOf([instance('i-1', { utilization: util(25) })], [], costs.slice(0, 2))).savings;
    near(t?.monthlySavings, 70.08);
    assert.equal(t?.pricingSource, 'catalog:aws:2025-04-04');
  });
  it('does not fire on a busy instance, a scaling group member, or below the minimum target memory', () => {
    assert.equal(runRule(rule, snapshotOf([instance('i-2', { utilization: util(60) })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([instance('i-3', { utilization: util(10), replaceable: true })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([instance('i-4', { instanceType: 't3.micro', utilization: util(1) })])).savings.length, 0);
  });
});
