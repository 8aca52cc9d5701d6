/**
 * The small world collected through the fake over HTTP with the real SDK v3 clients, compared with
 * the graph worked out by hand from its files (expected-small-graph.json).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { describeValidationError, snapshotValidators } from '../../src/graph/validate.js';
import type { Run } from './helpers.js';
import { SMALL_ACCOUNT, SMALL_WORLD, byId, collectWorld, expectedCosts, expectedEdges, expectedSmallGraph, sortEdges } from './helpers.js';

describe('AWS small world, collected live through the fake', () => {
  let run: Run;
  before(async () => {
    run = await collectWorld(SMALL_WORLD);
  });

  it('gives exactly the nodes worked out by hand from the fixture files', () => {
    const expected = [...expectedSmallGraph().nodes].sort(byId);
    const actual = [...run.outcome.snapshot.nodes].sort(byId);
    assert.deepEqual(actual.map((n) => n.id), expected.map((n) => n.id));
    for (const n of expected) assert.deepEqual(actual.find((a) => a.id === n.id), n, n.id);
  });

  it('gives exactly the expected edges', () => {
    assert.deepEqual(sortEdges(run.outcome.snapshot.edges), expectedEdges());
  });

  it('gives the cost rows of the last full month (the month to date has none in this world)', () => {
    const costs = run.outcome.snapshot.costs;
    for (const c of costs) {
      assert.deepEqual([c.provider, c.account, c.period, c.region], ['aws', SMALL_ACCOUNT, { start: '2026-10-01', end: '2026-11-01' }, null]);
      assert.equal(c.source, c.metric === 'cost' ? 'aws-cost-explorer:UnblendedCost' : 'aws-cost-explorer:UsageQuantity');
    }
    const project = (c: { service: string; usageType: string | null; metric: string; amount: number; unit: string }) => `${c.service}|${c.usageType}|${c.metric}|${c.amount}|${c.unit}`;
    assert.deepEqual(costs.map(project).sort(), expectedCosts().map(project).sort());
  });

  it('has no gap: every operation is an ok coverage row', () => {
    assert.deepEqual(run.outcome.snapshot.coverage.filter((c) => c.status !== 'ok'), []);
    assert.deepEqual(run.outcome.unreachable, []);
    assert.deepEqual(run.outcome.snapshot.scope, { providers: ['aws'], accounts: [SMALL_ACCOUNT], regions: ['eu-west-1', 'us-east-1'] });
  });

  it('makes at most the listed detail calls per bucket, all in the bucket region (no redirect)', () => {
    const c = run.fake.callCounts;
    const perBucket = Object.entries(c).filter(([k]) => k.startsWith('s3:Get')).reduce((n, [, v]) => n + v, 0) / 3;
    assert.ok(perBucket <= 9, `${perBucket} calls per bucket`);
    // BucketRegion from ListBuckets: no GetBucketLocation; one policy: one GetBucketPolicyStatus.
    assert.equal(c['s3:GetBucketLocation'], undefined);
    assert.equal(c['s3:GetBucketPolicyStatus'], 1);
    assert.equal(run.outcome.stats.toJSON()['aws:s3'], 2 + 3 * 7 + 1);
  });

  it('batches GetMetricData and reads the credential report once generated', () => {
    const rows = run.outcome.snapshot.coverage;
    const op = (service: string, operation: string) => rows.filter((r) => r.service === service && r.operation === operation).reduce((n, r) => n + r.calls, 0);
    assert.equal(op('iam', 'GenerateCredentialReport'), 1);
    assert.equal(op('iam', 'GetCredentialReport'), 1);
    assert.equal(op('iam', 'GetAccountAuthorizationDetails'), 3); // 9 entries, page size 3
    assert.ok(op('cloudwatch', 'GetMetricData') >= 2);
  });

  it('validates against the snapshot JSON schema', () => {
    const v = snapshotValidators();
    const s = run.outcome.snapshot;
    s.nodes.forEach((n, i) => assert.ok(v.node(n), describeValidationError(v.node.errors, n, `nodes[${i}]`)));
    s.edges.forEach((e, i) => assert.ok(v.edge(e), describeValidationError(v.edge.errors, e, `edges[${i}]`)));
    s.coverage.forEach((c, i) => assert.ok(v.coverage(c), describeValidationError(v.coverage.errors, c, `coverage[${i}]`)));
  });

  it('keeps no secret: no secret access key, no user data, only masked key ids in attributes', () => {
    const text = JSON.stringify(run.outcome.snapshot);
    assert.ok(!text.includes('wJalrXUtnFEMI'), 'a secret access key leaked');
    assert.ok(!text.includes('IyEvYmluL2Jhc2g'), 'user data leaked');
    assert.ok(!text.includes('nginx'), 'decoded user data leaked');
  });
});
