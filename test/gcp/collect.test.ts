import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importGcpAssets } from '../../src/collectors/gcp/index.js';
import type { FakeGcp } from '../fake-clouds/gcp/server.js';
import { startFakeGcp } from '../fake-clouds/gcp/server.js';
import { SMALL_ORG, SMALL_WORLD, collectThroughFake, loadExpected, sortEdges, withoutRaw } from './helpers.js';

let fake: FakeGcp;
before(async () => {
  fake = await startFakeGcp({ world: SMALL_WORLD });
});
after(() => fake.close());

async function fixtureData(): Promise<Map<string, unknown>> {
  const byName = new Map<string, unknown>();
  for (const line of (await readFile(join(SMALL_WORLD, 'resource.ndjson'), 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as { name: string; resource: { data: unknown } };
    byName.set(r.name.replace('//storage.googleapis.com/', '//storage.googleapis.com/projects/_/buckets/'), r.resource.data);
  }
  return byName;
}

test('the small world collected through the fake Asset API is the hand-written graph', async () => {
  const expected = await loadExpected('./expected-small-graph.json');
  const { snapshot, unreachable } = await collectThroughFake(fake);
  assert.deepEqual(unreachable, []);
  assert.deepEqual(withoutRaw(snapshot.nodes), expected.nodes);
  assert.deepEqual(sortEdges(snapshot.edges), expected.edges);
  // `raw` is the asset's resource.data, as exported.
  const data = await fixtureData();
  for (const n of snapshot.nodes) if (n.raw !== undefined) assert.deepEqual(n.raw, data.get(n.id), n.id);
  assert.deepEqual(
    snapshot.coverage.filter((r) => r.status !== 'ok'),
    [],
  );
  assert.ok(snapshot.coverage.some((r) => r.service === 'compute' && r.operation === 'ListAssets RESOURCE compute.googleapis.com/Instance' && r.account === SMALL_ORG));
  assert.deepEqual(snapshot.scope.accounts, [SMALL_ORG]);
});

test('a project scope by project id lists the same project resources', async () => {
  const { snapshot } = await collectThroughFake(fake, { scopes: ['projects/small-prod'] });
  const expected = await loadExpected('./expected-small-graph.json');
  // Organization and folder policies are not under the project.
  const ids = expected.nodes.map((n) => n.id).filter((id) => !id.includes('/organizations/') && !id.includes('/folders/'));
  assert.deepEqual(snapshot.nodes.map((n) => n.id), ids);
});

test('pages: every listing is followed to its last page, with tokens, and gives the same graph', async () => {
  const paged = await startFakeGcp({ world: SMALL_WORLD });
  try {
    const { snapshot } = await collectThroughFake(paged, { pageSize: 1 });
    const expected = await loadExpected('./expected-small-graph.json');
    assert.deepEqual(withoutRaw(snapshot.nodes), expected.nodes);
    assert.deepEqual(sortEdges(snapshot.edges), expected.edges);
    const disks = paged.callCounts.listAssets.filter((c) => c.assetTypes[0] === 'compute.googleapis.com/Disk');
    assert.deepEqual(disks.map((c) => [c.pageSize, c.pageToken === '']), [
      [1, true],
      [1, false],
    ]);
    // Every asset record is one page, plus one call for each listing with nothing in it.
    assert.ok(paged.callCounts.listAssets.every((c) => c.status === 'OK'));
    assert.ok(paged.callCounts.total >= 21);
  } finally {
    await paged.close();
  }
});

test('PERMISSION_DENIED on one asset type is a denied coverage row; the rest is intact', async () => {
  const denied = await startFakeGcp({
    world: SMALL_WORLD,
    faults: { denied: [{ assetType: 'compute.googleapis.com/Disk' }, { assetType: 'storage.googleapis.com/Bucket', contentType: 'IAM_POLICY' }] },
  });
  try {
    const { snapshot } = await collectThroughFake(denied);
    const gaps = snapshot.coverage.filter((r) => r.status !== 'ok');
    assert.deepEqual(
      gaps.map((r) => [r.service, r.operation, r.status, r.resource, r.calls]),
      [
        ['compute', 'ListAssets RESOURCE compute.googleapis.com/Disk', 'denied', SMALL_ORG, 1],
        ['storage', 'ListAssets IAM_POLICY storage.googleapis.com/Bucket', 'denied', SMALL_ORG, 1],
      ],
    );
    assert.match(gaps[0]?.message ?? '', /PERMISSION_DENIED|permission/i);
    const expected = await loadExpected('./expected-small-graph.json');
    const lost = new Set(expected.nodes.filter((n) => n.kind === 'compute.disk').map((n) => n.id));
    const nodes = withoutRaw(snapshot.nodes);
    assert.deepEqual(
      nodes.filter((n) => n.kind !== 'storage.bucket'),
      expected.nodes.filter((n) => !lost.has(n.id) && n.kind !== 'storage.bucket'),
    );
    // Bucket IAM policies unknown: iamMembers null, not [] (which would claim "no members").
    for (const b of nodes.filter((n) => n.kind === 'storage.bucket')) assert.equal(b.kind === 'storage.bucket' && b.attrs.iamMembers, null);
    assert.deepEqual(sortEdges(snapshot.edges), expected.edges.filter((e) => !lost.has(e.from) && !lost.has(e.to)));
  } finally {
    await denied.close();
  }
});

test('RESOURCE_EXHAUSTED and UNAVAILABLE are retried by ctx.call only (google-gax retries are off)', async () => {
  const baseline = await startFakeGcp({ world: SMALL_WORLD });
  const flaky = await startFakeGcp({ world: SMALL_WORLD, faults: { exhaustedFirst: 3, unavailableFirst: 2 } });
  try {
    const base = await collectThroughFake(baseline);
    const { snapshot, stats } = await collectThroughFake(flaky, {}, 10);
    assert.deepEqual(snapshot.nodes, base.snapshot.nodes);
    assert.deepEqual(snapshot.edges, base.snapshot.edges);
    assert.deepEqual(snapshot.coverage.filter((r) => r.status !== 'ok'), []);
    assert.deepEqual(flaky.callCounts.errors, { RESOURCE_EXHAUSTED: 3, UNAVAILABLE: 2 });
    // One attempt on the wire per ctx.call attempt: had google-gax retried UNAVAILABLE itself, the server would see more calls than ctx counted.
    assert.equal(flaky.callCounts.total, baseline.callCounts.total + 5);
    assert.equal(stats.total, flaky.callCounts.total);
  } finally {
    await Promise.all([baseline.close(), flaky.close()]);
  }
});

test('throttling that outlasts the attempts ends as an error row for that listing only', async () => {
  const flaky = await startFakeGcp({ world: SMALL_WORLD, faults: { exhaustedFirst: 2 } });
  try {
    const { snapshot } = await collectThroughFake(flaky, {}, 1);
    const gaps = snapshot.coverage.filter((r) => r.status !== 'ok');
    assert.equal(gaps.length, 2);
    for (const g of gaps) {
      assert.equal(g.status, 'error');
      assert.match(g.message ?? '', /RESOURCE_EXHAUSTED|Quota/);
    }
    assert.ok(snapshot.nodes.length > 0);
  } finally {
    await flaky.close();
  }
});

test('a malformed asset (no name) becomes an error coverage row; the other assets are kept', async () => {
  const lines = (await readFile(join(SMALL_WORLD, 'resource.ndjson'), 'utf8')).split('\n').filter((l) => l.trim() !== '');
  const records: unknown[] = lines.map((l) => JSON.parse(l) as unknown);
  const broken = JSON.parse(lines.find((l) => l.includes('"compute.googleapis.com/Disk"')) ?? '{}') as Record<string, unknown>;
  delete broken['name'];
  records.push(broken);
  records.push(...(await readFile(join(SMALL_WORLD, 'iam_policy.ndjson'), 'utf8')).split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown));
  const bad = await startFakeGcp({ world: records });
  try {
    const { snapshot } = await collectThroughFake(bad);
    const gaps = snapshot.coverage.filter((r) => r.status !== 'ok');
    assert.equal(gaps.length, 1);
    assert.equal(gaps[0]?.status, 'error');
    assert.equal(gaps[0]?.operation, 'ListAssets RESOURCE compute.googleapis.com/Disk');
    assert.match(gaps[0]?.message ?? '', /unreadable asset.*without a 'name'/);
    const expected = await loadExpected('./expected-small-graph.json');
    assert.deepEqual(withoutRaw(snapshot.nodes), expected.nodes);
  } finally {
    await bad.close();
  }
});

test('offline import of the export files gives the same graph as the live path', async () => {
  const { snapshot } = await collectThroughFake(fake);
  const imported = await importGcpAssets([SMALL_WORLD], { orgDomains: ['example.com'] });
  assert.deepEqual(imported.nodes, snapshot.nodes);
  assert.deepEqual(imported.edges, snapshot.edges);
});
