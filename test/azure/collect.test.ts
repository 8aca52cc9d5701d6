import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphNode } from '../../src/graph/schema.js';
import { collectThroughFake, expectedSmallGraph, loadSmallWorld, ofSubscriptions, sortedEdges, SUB_A, SUB_B, withoutRaw } from './helpers.js';

test('the small world collected through the fake is the hand-written graph', async () => {
  const world = await loadSmallWorld();
  const { snapshot, unreachable } = await collectThroughFake({ world, pageSize: 2 });
  const expected = await expectedSmallGraph();
  assert.deepEqual(unreachable, []);
  assert.deepEqual(snapshot.scope.accounts, [SUB_A, SUB_B]);
  assert.deepEqual(withoutRaw(snapshot.nodes), withoutRaw(expected.nodes));
  assert.deepEqual(sortedEdges(snapshot.edges), sortedEdges(expected.edges));
  assert.deepEqual(snapshot.coverage.filter((r) => r.status !== 'ok'), []);
  // raw keeps the ARM object as listed
  const disk = snapshot.nodes.find((n) => n.name === 'orphan-data');
  assert.equal(disk?.raw?.['id'], `/subscriptions/${SUB_A}/resourceGroups/RG-Small/providers/Microsoft.Compute/disks/orphan-data`);
});

test('paging: every list follows nextLink to the end, one call per page', async () => {
  const world = await loadSmallWorld();
  const { snapshot, fake } = await collectThroughFake({ world, pageSize: 1 });
  const expected = await expectedSmallGraph();
  assert.deepEqual(withoutRaw(snapshot.nodes), withoutRaw(expected.nodes));
  // 5 role assignments in A and 2 in B, one per page
  assert.equal(fake.callCounts['roleAssignments.listForSubscription'], 7);
  // 3 disks in A, 1 in B
  assert.equal(fake.callCounts['disks.list'], 4);
  const okRows = snapshot.coverage.filter((r) => r.account === SUB_A && r.operation === 'roleAssignments.listForSubscription');
  assert.deepEqual(okRows.map((r) => [r.status, r.calls]), [['ok', 5]]);
});

test('429 with Retry-After: retried once by ctx.call (not by the SDK) after the delay asked for, then the data is complete', async () => {
  const world = await loadSmallWorld();
  const { snapshot, fake, events } = await collectThroughFake(
    { world, faults: [{ kind: 'throttle', operation: 'disks.list', subscription: SUB_A, retryAfterSeconds: 1 }] },
    { retryMaxDelayMs: 5000 },
  );
  const expected = await expectedSmallGraph();
  assert.deepEqual(withoutRaw(snapshot.nodes), withoutRaw(expected.nodes));
  assert.equal(fake.callCounts['disks.list'], 3, 'A: 429 + retry, B: 1; the SDK itself did not retry');
  const retries = events.filter((e) => e.type === 'retry');
  assert.equal(retries.length, 1);
  const retry = retries[0];
  assert.ok(retry?.type === 'retry' && retry.delayMs >= 1000, 'the backoff honours Retry-After: 1');
  assert.deepEqual(snapshot.coverage.filter((r) => r.status !== 'ok'), []);
});

test('403 AuthorizationFailed on one subscription: denied coverage rows, the other subscription intact', async () => {
  const world = await loadSmallWorld();
  const { snapshot, unreachable } = await collectThroughFake({ world, faults: [{ kind: 'deny', subscription: SUB_B }] });
  const expected = ofSubscriptions(await expectedSmallGraph(), [SUB_A]);
  assert.deepEqual(withoutRaw(snapshot.nodes), withoutRaw(expected.nodes));
  assert.deepEqual(sortedEdges(snapshot.edges), sortedEdges(expected.edges));
  assert.deepEqual(unreachable, [`azure:${SUB_B}`]);
  const gaps = snapshot.coverage.filter((r) => r.status !== 'ok');
  assert.ok(gaps.length >= 10);
  for (const g of gaps) {
    assert.equal(g.account, SUB_B);
    assert.equal(g.status, 'denied');
    assert.match(g.message ?? '', /does not have authorization to perform action/);
  }
  assert.ok(gaps.some((g) => g.service === 'compute' && g.operation === 'disks.list'));
});

test('403 on one operation: only its nodes and their edges are missing, with a denied row', async () => {
  const world = await loadSmallWorld();
  const { snapshot } = await collectThroughFake({ world, faults: [{ kind: 'deny', operation: 'networkSecurityGroups.listAll', subscription: SUB_A }] });
  const expected = await expectedSmallGraph();
  const gone = (n: GraphNode) => n.kind === 'network.firewall';
  assert.deepEqual(withoutRaw(snapshot.nodes), withoutRaw(expected.nodes.filter((n) => !gone(n))));
  assert.deepEqual(
    sortedEdges(snapshot.edges),
    sortedEdges(expected.edges.filter((e) => !e.to.includes('/networksecuritygroups/'))),
  );
  const gaps = snapshot.coverage.filter((r) => r.status !== 'ok');
  assert.deepEqual(gaps.map((g) => [g.account, g.service, g.operation, g.status]), [[SUB_A, 'network', 'networkSecurityGroups.listAll', 'denied']]);
});

test('a truncated JSON body is an error row for that list, not a crash', async () => {
  const world = await loadSmallWorld();
  const { snapshot } = await collectThroughFake({ world, faults: [{ kind: 'truncate', operation: 'disks.list', subscription: SUB_A }] });
  const gaps = snapshot.coverage.filter((r) => r.status !== 'ok');
  assert.deepEqual(gaps.map((g) => [g.account, g.operation, g.status]), [[SUB_A, 'disks.list', 'error']]);
  assert.equal(snapshot.nodes.filter((n) => n.kind === 'compute.disk' && n.account === SUB_A).length, 0);
  // everything else of A is there, and no edge points at a disk
  assert.equal(snapshot.nodes.filter((n) => n.kind === 'compute.instance').length, 2);
  assert.ok(!snapshot.edges.some((e) => e.kind === 'attached_to' || e.kind === 'snapshot_of'));
});

test('a 500 is retried as transient; persistent 500s end as an error row', async () => {
  const world = await loadSmallWorld();
  const once = await collectThroughFake({ world, faults: [{ kind: 'error', operation: 'snapshots.list', subscription: SUB_A, status: 500 }] });
  assert.deepEqual(once.snapshot.coverage.filter((r) => r.status !== 'ok'), []);
  const always = await collectThroughFake({ world, faults: [{ kind: 'error', operation: 'snapshots.list', subscription: SUB_A, status: 500, times: 99 }] }, { maxAttempts: 2 });
  const gaps = always.snapshot.coverage.filter((r) => r.status !== 'ok');
  assert.deepEqual(gaps.map((g) => [g.operation, g.status]), [['snapshots.list', 'error']]);
  assert.match(gaps[0]?.message ?? '', /gave up after 2 attempts/);
});

test('a later page: throttled → retried alone; denied → the items already read are kept, with a denied row', async () => {
  const world = await loadSmallWorld();
  const op = 'roleAssignments.listForSubscription';
  const throttled = await collectThroughFake({ world, pageSize: 2, faults: [{ kind: 'throttle', operation: op, subscription: SUB_A, page: 2, retryAfterSeconds: 0 }] });
  const expected = await expectedSmallGraph();
  assert.deepEqual(withoutRaw(throttled.snapshot.nodes), withoutRaw(expected.nodes));
  assert.equal(throttled.fake.callCounts[op], 3 + 1 + 1, 'A: 3 pages + 1 retry of page 2; B: 1 page');

  const denied = await collectThroughFake({ world, pageSize: 2, faults: [{ kind: 'deny', operation: op, subscription: SUB_A, page: 2 }] });
  const bindingsOfA = denied.snapshot.nodes.filter((n) => n.kind === 'iam.binding' && n.account === SUB_A);
  assert.equal(bindingsOfA.length, 2, 'page 1 (2 of 5 assignments) kept');
  const gaps = denied.snapshot.coverage.filter((r) => r.status !== 'ok');
  assert.deepEqual(gaps.map((g) => [g.account, g.operation, g.status]), [[SUB_A, op, 'denied']]);
});
