import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ceRows, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './egress.js';

describe('egress', () => {
  it('reports data transfer rows with specific suggestions, actual cost, and no invented saving', () => {
    const costs = [...ceRows('NatGateway-Bytes', 421.2, 9360, 'GB'), ...ceRows('DataTransfer-Out-Bytes', 655.2, 7280, 'GB', 'Amazon Simple Storage Service'), ...ceRows('USE1-EUW1-AWS-Out-Bytes', 40, 2000, 'GB')];
    const { savings } = runRule(rule, snapshotOf([], [], costs));
    assert.equal(savings.length, 3);
    const nat = savings.find((s) => s.evidence?.['usageType'] === 'NatGateway-Bytes');
    assert.match(nat?.recommendation ?? '', /gateway VPC endpoints/);
    assert.equal(nat?.monthlyCost, 421.2);
    assert.equal(nat?.monthlySavings, null);
    assert.equal(nat?.confidence, 'low');
    assert.match(savings.find((s) => s.service === 'Amazon Simple Storage Service')?.recommendation ?? '', /CDN/);
    assert.match(savings.find((s) => /AWS-Out/.test(String(s.evidence?.['usageType'])))?.recommendation ?? '', /same region/);
  });
  it('ignores small rows, other usage types and incomplete months', () => {
    const partial = ceRows('DataTransfer-Out-Bytes', 500, 5000, 'GB').map((r) => ({ ...r, period: { start: '2026-11-01', end: '2026-11-20' } }));
    assert.equal(runRule(rule, snapshotOf([], [], [...ceRows('DataTransfer-Out-Bytes', 5, 50, 'GB'), ...ceRows('BoxUsage:m5.large', 500, 700, 'Hrs'), ...partial])).savings.length, 0);
  });
});
