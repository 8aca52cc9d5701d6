import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disk, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './sprawl_region.js';

describe('sprawl_region', () => {
  it('reports resources outside the allowed regions, with their cost', () => {
    const { savings } = runRule(rule, snapshotOf([disk('vol-1', {}, { region: 'ap-south-1' }), disk('vol-2')]), {}, { allowedRegions: ['us-east-1'] });
    assert.equal(savings.length, 1);
    assert.equal(savings[0]?.resourceId, 'vol-1');
    assert.equal(savings[0]?.monthlySavings, null);
  });
  it('is off without an allow-list and never reports allowed regions', () => {
    assert.equal(runRule(rule, snapshotOf([disk('vol-1', {}, { region: 'ap-south-1' })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([disk('vol-2')]), {}, { allowedRegions: ['us-east-1'] }).savings.length, 0);
  });
});
