import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { GraphNode } from './schema.js';
import { readSnapshot, SnapshotReadError, snapshotSourceOf, streamSnapshot, writeSnapshot } from './snapshot-io.js';
import { diskNode, tinySnapshot } from './test-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-snap-'));

test('round-trips a snapshot through .json and .json.gz unchanged', async () => {
  const snap = tinySnapshot();
  for (const name of ['rt.json', 'rt.json.gz']) {
    const file = join(dir, name);
    await writeSnapshot(file, snap);
    assert.deepEqual(await readSnapshot(file), snap);
  }
  // .gz really is gzip, .json really is plain text, one node per line.
  const gz = readFileSync(join(dir, 'rt.json.gz'));
  assert.deepEqual([...gz.subarray(0, 2)], [0x1f, 0x8b]);
  const text = readFileSync(join(dir, 'rt.json'), 'utf8');
  assert.equal(gunzipSync(gz).toString('utf8'), text);
  assert.equal(text.split('\n').filter((l) => l.startsWith('{"id":')).length, snap.nodes.length);
  assert.deepEqual(JSON.parse(text), snap);
});

test('writes lazily produced parts (generators) without materialising them', async () => {
  const file = join(dir, 'gen.json');
  const { header } = snapshotSourceOf(tinySnapshot());
  function* nodes(): Generator<GraphNode> {
    for (let i = 0; i < 1000; i++) yield diskNode(`libvirt://h1/volume/v${i}`);
  }
  await writeSnapshot(file, { header, nodes: nodes(), edges: [], costs: [], coverage: [] });
  let count = 0;
  await streamSnapshot(file, { node: () => count++ });
  assert.equal(count, 1000);
});

test('a failed write leaves no partial file and keeps the previous one', async () => {
  const file = join(dir, 'keep.json');
  await writeSnapshot(file, tinySnapshot());
  const before = readFileSync(file, 'utf8');
  const { header } = snapshotSourceOf(tinySnapshot());
  function* failing(): Generator<GraphNode> {
    yield diskNode('libvirt://h1/volume/ok');
    throw new Error('collector exploded');
  }
  await assert.rejects(writeSnapshot(file, { header, nodes: failing(), edges: [], costs: [], coverage: [] }), /collector exploded/);
  assert.equal(readFileSync(file, 'utf8'), before);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

async function readError(content: string | Buffer, name = 'bad.json'): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, content);
  try {
    await readSnapshot(file);
  } catch (e) {
    assert.ok(e instanceof SnapshotReadError, `expected SnapshotReadError, got ${String(e)}`);
    assert.ok(e.message.startsWith(`${file}: `), e.message);
    return e.message.slice(file.length + 2);
  }
  return assert.fail('expected the read to fail');
}

test('a truncated file says it is truncated and where', async () => {
  const text = readFileSync(join(dir, 'rt.json'), 'utf8');
  const msg = await readError(text.slice(0, text.indexOf('"kind":"compute.disk"') + 5));
  assert.match(msg, /unexpected end of file/);
  assert.match(msg, /nodes\[1\]/);
});

test('truncated gzip data is reported as such', async () => {
  const gz = gzipSync(readFileSync(join(dir, 'rt.json')));
  assert.match(await readError(gz.subarray(0, gz.length - 12), 'cut.json.gz'), /corrupt or truncated gzip data/);
  assert.match(await readError('{"not":"gzip"}', 'plain.json.gz'), /ends in \.gz but the content is not gzip/);
});

test('schema violations name the field path, the line and what was expected', async () => {
  const snap = tinySnapshot();
  const bad = JSON.parse(JSON.stringify(snap)) as { nodes: { attrs: Record<string, unknown>; kind: string }[] };
  bad.nodes[1]!.attrs.sizeGiB = 'ten';
  const text = JSON.stringify(bad, null, 2);
  const msg = await readError(text);
  assert.match(msg, /^line \d+: nodes\[1\]\.attrs\.sizeGiB: expected number or null, got string "ten"$/);
  const line = Number(/^line (\d+)/.exec(msg)?.[1]);
  // The reported line is where nodes[1] starts in the pretty-printed file.
  assert.equal(text.split('\n')[line - 1]?.trim(), '{');
  assert.match(text.split('\n')[line]!, /"id": "libvirt:\/\/h1\/volume\/a"/);

  const unknownKind = JSON.parse(JSON.stringify(snap)) as { nodes: { kind: string }[] };
  unknownKind.nodes[2]!.kind = 'compute.toaster';
  assert.match(await readError(JSON.stringify(unknownKind)), /nodes\[2\]\.kind: expected one of "account", .*got "compute\.toaster"/);

  const badTime = { ...snap, startedAt: 'yesterday' };
  assert.match(await readError(JSON.stringify(badTime)), /^startedAt: expected an RFC 3339 date-time/);
});

test('graph integrity: duplicate ids and dangling edges are rejected', async () => {
  const snap = tinySnapshot();
  assert.match(await readError(JSON.stringify({ ...snap, nodes: [...snap.nodes, snap.nodes[1]] })), /nodes\[3\]\.id: duplicate node id "libvirt:\/\/h1\/volume\/a"/);
  const dangling = { ...snap, edges: [{ from: 'libvirt://h1', to: 'libvirt://h1/volume/gone', kind: 'contains' }] };
  assert.match(await readError(JSON.stringify(dangling)), /edges\[0\]\.to: "libvirt:\/\/h1\/volume\/gone" is not the id of any node/);
});

test('missing parts, wrong versions and non-snapshots are explained', async () => {
  const { coverage: _c, ...noCoverage } = tinySnapshot();
  assert.match(await readError(JSON.stringify(noCoverage)), /missing required field "coverage"/);
  assert.match(await readError(JSON.stringify({ ...tinySnapshot(), schemaVersion: '2.0' })), /reads snapshot schema 1\.x, the file has "2\.0"/);
  assert.match(await readError('{"hello":"world"}'), /missing required field "schemaVersion"/);
  assert.match(await readError(''), /unexpected end of file/);
  assert.match(await readError(JSON.stringify({ ...tinySnapshot(), nodes: {} })), /nodes: expected an array/);
  assert.match(await readError(JSON.stringify({ ...tinySnapshot(), extra: 1 })), /extra/);
});

test('a missing file is an input error naming the file', async () => {
  await assert.rejects(readSnapshot(join(dir, 'nope.json')), (e: unknown) => e instanceof SnapshotReadError && /nope\.json: no such file/.test(e.message));
});
