import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InstanceUtilization } from '../../graph/schema.js';
import { instance, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './instance_idle.js';

const util = (p95: number, windowDays = 14): InstanceUtilization => ({ windowDays, periodSeconds: 3600, cpu: { p95, max: p95 + 1, avg: p95 / 2, samples: windowDays * 24 } });

describe('instance_idle', () => {
  it('fires under 5 % CPU p95 over 14 days: m5.xlarge 0.192 USD/h × 730 = 140.16', () => {
    const [s] = runRule(rule, snapshotOf([instance('i-1', { utilization: util(2.4) })])).savings;
    near(s?.monthlySavings, 140.16);
    assert.equal(s?.evidence?.['cpuP95'], 2.4);
  });
  it('does not fire on a busy instance, a short window, a stopped one; missing metrics are noted', () => {
    assert.equal(runRule(rule, snapshotOf([instance('i-2', { utilization: util(30) })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([instance('i-3', { utilization: util(1, 7) })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([instance('i-4', { state: 'stopped', utilization: util(0) })])).savings.length, 0);
    assert.match(runRule(rule, snapshotOf([instance('i-5')])).notes.join('\n'), /no CPU metrics/);
  });
});
