import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GraphNode } from '../../graph/schema.js';
import { ceRows, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './public_ip_unused.js';

const ip = (id: string, associatedWith: string | null, provider: 'aws' | 'azure' = 'aws'): GraphNode => ({
  id, provider, account: '111122223333', region: provider === 'aws' ? 'us-east-1' : 'westeurope', kind: 'network.public_ip', nativeType: 'x', name: id, tags: {}, attrs: { address: '198.51.100.77', associatedWith },
});

describe('public_ip_unused', () => {
  it('fires on an unused address: 0.005 USD/h × 730 = 3.65, and says AWS bills in-use IPv4 too', () => {
    const [s] = runRule(rule, snapshotOf([ip('eip-1', null)])).savings;
    near(s?.monthlySavings, 3.65);
    assert.match(String(s?.evidence?.['inUseCharge']), /in use or not/);
  });
  it('uses the actual Cost Explorer rate when there is one (3.74 USD / 748.8 h × 730)', () => {
    const [s] = runRule(rule, snapshotOf([ip('eip-1', null)], [], ceRows('ElasticIP:IdleAddress', 3.74, 748.8, 'Hrs'))).savings;
    near(s?.monthlySavings, (3.74 / 748.8) * 730);
    assert.equal(s?.pricingSource, 'aws-cost-explorer');
    assert.equal(s?.confidence, 'high');
  });
  it('does not fire on an associated address; an Azure address without a catalog price is unknown', () => {
    assert.equal(runRule(rule, snapshotOf([ip('eip-2', 'i-1')])).savings.length, 0);
    const [s] = runRule(rule, snapshotOf([ip('pip-1', null, 'azure')])).savings;
    assert.equal(s?.confidence, 'unknown');
    assert.equal(s?.monthlyCost, null);
  });
});
