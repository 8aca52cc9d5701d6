import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disk, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './sprawl_ownerless.js';

describe('sprawl_ownerless', () => {
  it('reports untagged and ownerless resources with their cost and group total, claiming no saving', () => {
    const { savings } = runRule(rule, snapshotOf([disk('vol-1', { sizeGiB: 100 }), disk('vol-2', { sizeGiB: 50 }, { tags: { app: 'x' } })]));
    assert.equal(savings.length, 2);
    near(savings[0]?.monthlyCost, 8);
    assert.equal(savings[0]?.monthlySavings, null);
    assert.deepEqual(savings[0]?.evidence?.['groupTotal'], { resources: 2, monthlyCost: 12, unpricedResources: 0, currency: 'USD' });
    assert.equal(savings[1]?.evidence?.['untagged'], false);
  });
  it('does not report owned resources; the owner keys are configurable', () => {
    assert.equal(runRule(rule, snapshotOf([disk('vol-3', {}, { tags: { team: 'data' } })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([disk('vol-4', {}, { tags: { team: 'data' } })]), {}, { ownerTagKeys: ['CostOwner'] }).savings.length, 1);
  });
});
