/**
 * Faults injected by the fake: throttling that clears, AccessDenied on one bucket's policy and on a
 * whole region, a truncated XML body. Each leaves the rest of the snapshot exactly as worked out by
 * hand and the gap in coverage.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GraphNode } from '../../src/graph/schema.js';
import { loadAwsWorld } from '../fake-clouds/aws/index.js';
import { SMALL_ACCOUNT, SMALL_WORLD, byId, collectWorld, expectedEdges, expectedSmallGraph, sortEdges } from './helpers.js';
import type { Run } from './helpers.js';

function assertGraph(run: Run, dropped: (id: string) => boolean, changed: Record<string, (n: GraphNode) => GraphNode> = {}): void {
  const expected = expectedSmallGraph()
    .nodes.filter((n) => !dropped(n.id))
    .map((n) => changed[n.id]?.(n) ?? n)
    .sort(byId);
  const actual = [...run.outcome.snapshot.nodes].sort(byId);
  assert.deepEqual(actual.map((n) => n.id), expected.map((n) => n.id));
  for (const n of expected) assert.deepEqual(actual.find((a) => a.id === n.id), n, n.id);
  assert.deepEqual(sortEdges(run.outcome.snapshot.edges), expectedEdges().filter((e) => !dropped(e.from) && !dropped(e.to)));
}

const gaps = (run: Run) => run.outcome.snapshot.coverage.filter((c) => c.status !== 'ok');

describe('AWS collector under faults', () => {
  it('throttling then success: retried by ctx.call (the SDK makes one attempt), the graph is complete and every row ok', async () => {
    const run = await collectWorld(SMALL_WORLD, {}, {
      faults: [
        { kind: 'throttle', service: 'iam', operation: 'GetAccountAuthorizationDetails', times: 2 },
        { kind: 'throttle', service: 's3', operation: 'GetBucketAcl', times: 2 },
        { kind: 'throttle', service: 'ec2', operation: 'DescribeVpcs', times: 1 },
        { kind: 'throttle', service: 'monitoring', operation: 'GetMetricData', times: 1 },
      ],
    });
    assertGraph(run, () => false);
    assert.deepEqual(gaps(run), []);
    // Each throttled attempt is one HTTP request and one counted call: one retry layer only.
    assert.equal(run.fake.callCounts['iam:GetAccountAuthorizationDetails'], 3 + 2);
    assert.equal(run.fake.callCounts['s3:GetBucketAcl'], 3 + 2);
    assert.equal(run.outcome.stats.total, Object.values(run.fake.callCounts).reduce((a, b) => a + b, 0) - 1 /* resolve's GetCallerIdentity */);
  });

  it('AccessDenied on GetBucketPolicy of one bucket: its policy facts are unknown, everything else intact', async () => {
    const run = await collectWorld(SMALL_WORLD, {}, { faults: [{ kind: 'deny', service: 's3', operation: 'GetBucketPolicy', resource: 'small-data' }] });
    assertGraph(run, () => false, {
      'arn:aws:s3:::small-data': (n) => ({ ...n, attrs: { ...n.attrs, policyStatements: null, policyIsPublic: null } }) as GraphNode,
    });
    assert.deepEqual(
      gaps(run).map((g) => [g.status, g.service, g.operation, g.region, g.resource]),
      [['denied', 's3', 'GetBucketPolicy', 'eu-west-1', 'arn:aws:s3:::small-data']],
    );
    assert.match(gaps(run)[0]?.message ?? '', /AccessDenied/);
  });

  it('AccessDenied on a whole region (EC2 in eu-west-1): that region has no EC2 nodes and one denied row per operation', async () => {
    const run = await collectWorld(SMALL_WORLD, {}, { faults: [{ kind: 'deny', service: 'ec2', region: 'eu-west-1' }] });
    assertGraph(run, (id) => id.startsWith('arn:aws:ec2:eu-west-1:'));
    const rows = gaps(run);
    assert.ok(rows.length >= 9);
    for (const r of rows) assert.deepEqual([r.status, r.service, r.region, r.account], ['denied', 'ec2', 'eu-west-1', SMALL_ACCOUNT]);
    assert.ok(rows.some((r) => r.operation === 'DescribeInstances'));
    assert.ok(rows.some((r) => r.operation === 'DescribeSecurityGroups'));
    // CloudWatch had no instance list in that region: it made no call there rather than guessing.
    assert.ok(!run.outcome.snapshot.coverage.some((r) => r.service === 'cloudwatch' && r.region === 'eu-west-1'));
  });

  it('a truncated XML body (DescribeSecurityGroups): retried, then an error row; the groups and their edges are missing, nothing else', async () => {
    const run = await collectWorld(SMALL_WORLD, {}, { faults: [{ kind: 'truncate', service: 'ec2', operation: 'DescribeSecurityGroups', region: 'us-east-1' }] });
    assertGraph(run, (id) => id.includes(':security-group/'));
    const rows = gaps(run);
    assert.deepEqual(rows.map((r) => [r.status, r.service, r.operation, r.region]), [['error', 'ec2', 'DescribeSecurityGroups', 'us-east-1']]);
    assert.match(rows[0]?.message ?? '', /gave up after 3 attempts/);
    assert.equal(run.fake.callCounts['ec2:DescribeSecurityGroups'], 3 + 1);
  });
});

describe('AWS S3 bucket regions', () => {
  it('without BucketRegion in ListBuckets: one GetBucketLocation per bucket, then every call in the bucket region', async () => {
    const world = loadAwsWorld(SMALL_WORLD);
    const account = world.accounts[SMALL_ACCOUNT];
    assert.ok(account);
    account.s3.listBuckets.Buckets = (account.s3.listBuckets.Buckets ?? []).map(({ BucketRegion: _drop, ...b }) => b);
    const run = await collectWorld(world);
    assertGraph(run, () => false);
    assert.deepEqual(gaps(run), []);
    assert.equal(run.fake.callCounts['s3:GetBucketLocation'], 3);
    const detail = Object.entries(run.fake.callCounts).filter(([k]) => k.startsWith('s3:Get')).reduce((n, [, v]) => n + v, 0);
    assert.equal(detail, 3 * 8 + 1);
  });

  it('a stale BucketRegion: S3 answers 301 with x-amz-bucket-region, followed once, and the bucket gets its real region', async () => {
    const world = loadAwsWorld(SMALL_WORLD);
    const account = world.accounts[SMALL_ACCOUNT];
    assert.ok(account);
    account.s3.listBuckets.Buckets = (account.s3.listBuckets.Buckets ?? []).map((b) => (b.Name === 'small-data' ? { ...b, BucketRegion: 'us-east-1' } : b));
    const run = await collectWorld(world);
    assertGraph(run, () => false);
    assert.deepEqual(gaps(run), []);
  });
});
