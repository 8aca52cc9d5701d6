import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCostCatalog, runCostRules } from '../../src/cost/engine.js';
import { deduplicatedSavingsTotal } from '../../src/results/build-results.js';
import { catalog, disk, instance, NOW, snapshotOf } from './fixtures.js';

describe('runCostRules', () => {
  it('runs every rule, lists each recommendation, and never counts a resource above its cost', () => {
    // An unattached 500 GiB gp2 disk: delete it (50.00) or convert it to gp3 (10.00): both listed, 50.00 counted.
    const snapshot = snapshotOf([disk('vol-1', { sizeGiB: 500, diskType: 'gp2', iops: 1500, throughputMiBps: null }, { tags: { owner: 'me' } })]);
    const r = runCostRules(snapshot, { catalog, now: NOW });
    assert.deepEqual(r.savings.map((s) => s.ruleId).sort(), ['disk_gp2_to_gp3', 'unattached_disk']);
    assert.equal(deduplicatedSavingsTotal(r.savings), 50);
    assert.deepEqual(r.pricingCatalogDates, { aws: '2024-07-18' }); // the EBS prices' date: the only catalog section these savings used
  });
  it('applies threshold overrides and turns rules off', () => {
    const snapshot = snapshotOf([disk('vol-1', {}, { createdAt: '2026-11-10T00:00:00Z', tags: { owner: 'me' } })]);
    assert.equal(runCostRules(snapshot, { catalog, now: NOW }).savings.length, 1);
    assert.equal(runCostRules(snapshot, { catalog, now: NOW, params: { rules: { unattached_disk: { minAgeDays: 30 } } } }).savings.length, 0);
    assert.equal(runCostRules(snapshot, { catalog, now: NOW, params: { rules: { unattached_disk: { enabled: false } } } }).savings.length, 0);
  });
  it('rejects unknown rules, unknown thresholds and values of the wrong type, naming the key', () => {
    const s = snapshotOf([]);
    assert.throws(() => runCostRules(s, { catalog, params: { rules: { nope: {} } } }), /cost\.rules\.nope: unknown cost rule/);
    assert.throws(() => runCostRules(s, { catalog, params: { rules: { snapshot_old: { maxAge: 3 } } } }), /cost\.rules\.snapshot_old\.maxAge: unknown threshold, expected one of maxAgeDays/);
    assert.throws(() => runCostRules(s, { catalog, params: { rules: { snapshot_old: { maxAgeDays: 'ninety' } } } }), /cost\.rules\.snapshot_old\.maxAgeDays: expected a number/);
  });
  it('counts ages from the snapshot’s finishedAt by default', () => {
    const snapshot = snapshotOf([instance('i-1', { state: 'stopped', stateSince: '2026-10-01T00:00:00Z', diskIds: ['vol-1'] }, { tags: { owner: 'me' } }), disk('vol-1', { attachedTo: ['i-1'] }, { tags: { owner: 'me' } })]);
    assert.equal(runCostRules(snapshot, { catalog }).savings.filter((x) => x.ruleId === 'instance_stopped').length, 1);
  });
  it('rejects a malformed price sheet with the file, line and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-cost-'));
    const file = join(dir, 'prices.yaml');
    writeFileSync(file, 'date: 2026-11-01\naws:\n  us-east-1:\n    instances:\n      m5.large: cheap\n');
    assert.throws(() => loadCostCatalog(file), /prices\.yaml:5:\d+: aws\.us-east-1\.instances\.m5\.large: expected a non-negative number/);
  });
  it('prices with a valid sheet and labels the figure with it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-cost-'));
    const file = join(dir, 'prices.yaml');
    writeFileSync(file, 'date: 2026-11-01\naws:\n  us-east-1:\n    disks:\n      gp3: 0.05\n');
    const r = runCostRules(snapshotOf([disk('vol-1', { sizeGiB: 100 }, { tags: { owner: 'me' } })]), { catalog: loadCostCatalog(file), now: NOW });
    assert.equal(r.savings[0]?.monthlyCost, 5);
    assert.match(r.savings[0]?.pricingSource ?? '', /^override:.*prices\.yaml$/);
    assert.equal(Object.values(r.pricingCatalogDates).includes('2026-11-01'), true);
  });
});
