import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GraphNode } from '../../graph/schema.js';
import { ceRows, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './load_balancer_idle.js';

const lb = (id: string, healthyTargets: number | null): GraphNode => ({ id, provider: 'aws', account: '111122223333', region: 'us-east-1', kind: 'network.load_balancer', nativeType: 'x', name: id, tags: {}, attrs: { scheme: 'internet-facing', healthyTargets } });

describe('load_balancer_idle', () => {
  it('fires with no healthy target, priced from the actual LoadBalancerUsage rate (51.25 / 2246.4 h × 730)', () => {
    const [s] = runRule(rule, snapshotOf([lb('alb-1', 0)], [], ceRows('LoadBalancerUsage', 51.25, 2246.4, 'Hrs', 'Elastic Load Balancing'))).savings;
    near(s?.monthlySavings, (51.25 / 2246.4) * 730);
    assert.equal(s?.confidence, 'high');
  });
  it('without billing rows the catalog has no price: unknown, never guessed', () => {
    const [s] = runRule(rule, snapshotOf([lb('alb-1', 0)])).savings;
    assert.equal(s?.confidence, 'unknown');
    assert.equal(s?.monthlySavings, null);
  });
  it('does not fire with healthy targets or an unknown count', () => {
    assert.equal(runRule(rule, snapshotOf([lb('alb-2', 2), lb('alb-3', null)])).savings.length, 0);
  });
});
