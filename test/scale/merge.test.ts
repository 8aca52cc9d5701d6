import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readSnapshot, writeSnapshot } from '../../src/graph/snapshot-io.js';
import type { Snapshot } from '../../src/graph/schema.js';
import { buildResults } from '../../src/results/build-results.js';
import { readResultsJson, writeResultsJson } from '../../src/results/results-io.js';
import type { Finding } from '../../src/results/schema.js';
import { mergeResultsFiles, mergeSnapshots } from '../../src/scale/merge.js';
import { selectShard } from '../../src/scale/shard.js';
import { main } from '../../src/cli/main.js';
import { collectFake, fakeProvider, tempDir } from './helpers.js';

const AWS = { '111111111111': 40, '222222222222': 5, '333333333333': 12, '444444444444': 0 };
const GCP = { 'proj-a': 25, 'proj-b': 3 };
const providers = () => [fakeProvider('aws', AWS), fakeProvider('gcp', GCP)];

async function shards(count: number, weights?: Map<string, number>): Promise<Snapshot[]> {
  const out: Snapshot[] = [];
  for (let i = 1; i <= count; i++) {
    const { snapshot } = await collectFake(providers(), { selectTargets: (t) => selectShard(t, { index: i, count }, weights) });
    out.push(snapshot);
  }
  return out;
}

async function writeAll(dir: string, snaps: Snapshot[], ext = '.json'): Promise<string[]> {
  const paths = snaps.map((_, i) => join(dir, `shard-${i + 1}${ext}`));
  for (let i = 0; i < snaps.length; i++) await writeSnapshot(paths[i] ?? '', snaps[i] as Snapshot);
  return paths;
}

function finding(fp: string, resourceId: string, account: string): Finding {
  return {
    fingerprint: fp, policyId: 'test.check', title: 't', severity: 'high', message: 'm', resourceId, resourceKind: 'storage.bucket', resourceName: 'b',
    provider: 'aws', account, region: 'global', discriminator: null, evidence: null, path: null, frameworks: [], recommendedActions: ['fix'], suppressed: null, baseline: null, firstSeen: null,
  };
}

describe('sharded collection', () => {
  it('records scope.shard with its targets; shards partition the targets across providers', async () => {
    const s = await shards(3);
    const targets = s.flatMap((x) => x.scope.shard?.targets ?? []);
    assert.equal(targets.length, 6);
    assert.equal(new Set(targets).size, 6);
    for (const [i, x] of s.entries()) assert.deepEqual({ index: x.scope.shard?.index, count: x.scope.shard?.count }, { index: i + 1, count: 3 });
  });
});

describe('merge', () => {
  it('happy path: the merged shards equal the unsharded snapshot (nodes, edges, coverage)', async () => {
    const dir = tempDir();
    const full = (await collectFake(providers())).snapshot;
    const paths = await writeAll(dir, await shards(3), '.json.gz');
    const out = join(dir, 'merged.json.gz');
    const summary = await mergeSnapshots(paths, out);
    const merged = await readSnapshot(out);
    assert.equal(summary.shards?.count, 3);
    const ids = (s: Snapshot) => s.nodes.map((n) => n.id).sort();
    assert.deepEqual(ids(merged), ids(full));
    assert.equal(merged.edges.length, full.edges.length);
    assert.equal(merged.coverage.length, full.coverage.length);
    assert.deepEqual(merged.scope.accounts, full.scope.accounts);
    assert.deepEqual(merged.scope.providers, ['aws', 'gcp']);
    assert.equal(merged.scope.shard, undefined);
  });

  it('missing shards are named', async () => {
    const dir = tempDir();
    const paths = await writeAll(dir, await shards(4));
    await assert.rejects(mergeSnapshots([paths[0] ?? '', paths[2] ?? ''], join(dir, 'm.json')), { message: /missing shards 2\/4, 4\/4/ });
  });

  it('the same target in two files is an overlap error; --allow-overlap keeps identical nodes once', async () => {
    const dir = tempDir();
    const [a] = await writeAll(dir, [(await collectFake([fakeProvider('aws', { '111111111111': 5 })])).snapshot]);
    const b = join(dir, 'copy.json');
    await writeSnapshot(b, await readSnapshot(a ?? ''));
    await assert.rejects(mergeSnapshots([a ?? '', b], join(dir, 'm.json')), { message: /node "aws:\/\/111111111111\/bucket\/b-0" is in both .*shard-1\.json and .*copy\.json/ });
    const s = await mergeSnapshots([a ?? '', b], join(dir, 'm.json'), { allowOverlap: true });
    assert.equal(s.nodes, 5);
    assert.equal(s.duplicateNodes, 5);
    assert.equal((await readSnapshot(join(dir, 'm.json'))).edges.length, 2);
  });

  it('a shard given twice is an error even when its nodes differ from nothing else', async () => {
    const dir = tempDir();
    const paths = await writeAll(dir, await shards(2));
    await assert.rejects(mergeSnapshots([paths[0] ?? '', paths[0] ?? '', paths[1] ?? ''], join(dir, 'm.json')), /is in both|given twice/);
  });

  it('results: findings de-duplicated by fingerprint, summary recomputed, coverage concatenated', async () => {
    const dir = tempDir();
    const [s1, s2] = await shards(2);
    const r1 = buildResults({ snapshot: s1 as Snapshot, policies: [], findings: [finding('fp-1', 'x', '1'), finding('fp-2', 'y', '1')] });
    const r2 = buildResults({ snapshot: s2 as Snapshot, policies: [], findings: [finding('fp-3', 'z', '2')] });
    const p1 = join(dir, 'r1.json');
    const p2 = join(dir, 'r2.json');
    await writeResultsJson(p1, r1);
    await writeResultsJson(p2, r2);
    const merged = await mergeResultsFiles([p1, p2], join(dir, 'r.json'));
    const back = await readResultsJson(join(dir, 'r.json'));
    assert.deepEqual(back.findings.map((f) => f.fingerprint), ['fp-1', 'fp-2', 'fp-3']);
    assert.equal(merged.summary.openFindings, 3);
    assert.equal(merged.summary.findingsBySeverity.high, 3);
    assert.equal(back.coverage.length, r1.coverage.length + r2.coverage.length);
    assert.equal(back.snapshot.resources, (s1?.nodes.length ?? 0) + (s2?.nodes.length ?? 0));
    await assert.rejects(mergeResultsFiles([p1], join(dir, 'r.json')), /missing shard 2\/2/);
    // Duplicate findings across files (allowed overlap) are kept once.
    const again = await mergeResultsFiles([p1, p1, p2], join(dir, 'r3.json'), { allowOverlap: true });
    assert.equal(again.findings.length, 3);
  });

  it('the merge command: snapshots, and a clear error for a missing shard', async () => {
    const dir = tempDir();
    const paths = await writeAll(dir, await shards(3));
    let err = '';
    const io = { cwd: dir, env: {}, stdout: { write: () => true } as unknown as NodeJS.WritableStream, stderr: { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream };
    assert.equal(await main(['merge', '--out', 'all.json', ...paths], io), 0);
    assert.equal((await readSnapshot(join(dir, 'all.json'))).nodes.length, 85);
    assert.equal(await main(['merge', '--out', 'bad.json', paths[0] ?? '', paths[1] ?? ''], io), 2);
    assert.match(err, /missing shard 3\/3/);
    // A history database is recognised by its header, and refused by name.
    const { HistoryDb } = await import('../../src/history/history-db.js');
    HistoryDb.open(join(dir, 'history.db')).close();
    assert.equal(await main(['merge', '--out', 'h.json', paths[0] ?? '', 'history.db'], io), 2);
    assert.match(err, /merge: history\.db is a run history database: merge takes snapshots or results files/);
  });
});
