/** Policy folders: what a broken check looks like to its author, and how results are built. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { evaluateChecks } from '../../src/policy/evaluate-checks.js';
import { loadPolicies, PolicyLoadError } from '../../src/policy/load-policies.js';
import { opaWasmEngine } from '../../src/policy/wasm/opa-wasm-engine.js';
import { readTarGz } from '../../src/policy/wasm/tar.js';
import { InputError } from '../../src/util/errors.js';
import { tinySnapshot } from '../../src/graph/test-helpers.js';

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cw-pol-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return root;
}

const META = (id: string, extra = ''): string =>
  [
    '# METADATA',
    '# title: Disk too small',
    '# description: A disk smaller than 20 GiB.',
    '# custom:',
    `#   id: ${id}`,
    '#   severity: low',
    '#   resource_kinds: [compute.disk]',
    '#   recommended_actions: ["Grow it."]',
    '#   frameworks: {}',
    extra,
    `package cloudwarden.${id}`,
    '',
    'import rego.v1',
    '',
  ].join('\n');

const SMALL_DISK = `deny contains {"resource": d.id, "msg": sprintf("%s is small", [d.name]), "evidence": {"sizeGiB": d.attrs.sizeGiB}} if {
	some d in input.nodes
	d.kind == "compute.disk"
	d.attrs.sizeGiB < 20
}
`;

async function loadError(files: Record<string, string>): Promise<string> {
  try {
    await loadPolicies([folder(files)]);
  } catch (e) {
    assert.ok(e instanceof PolicyLoadError, String(e));
    return e.message;
  }
  return assert.fail('expected a PolicyLoadError');
}

test('a valid user check evaluates into findings with stable fingerprints and node facts', async () => {
  const loaded = await loadPolicies([folder({ 'common/storage/small_disk.rego': META('common.storage.small_disk') + SMALL_DISK })]);
  assert.deepEqual(loaded.checks.map((c) => c.info.id), ['common.storage.small_disk']);
  const snap = tinySnapshot();
  const ev = evaluateChecks(loaded, snap);
  assert.deepEqual(ev.errors, []);
  assert.equal(ev.findings.length, 2);
  const f = ev.findings.find((x) => x.resourceId === 'libvirt://h1/volume/a');
  assert.ok(f);
  assert.equal(f.message, 'a is small');
  assert.equal(f.severity, 'low');
  assert.equal(f.resourceKind, 'compute.disk');
  assert.equal(f.account, 'h1');
  assert.deepEqual(f.evidence, { sizeGiB: 10 });
  assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
  assert.equal(evaluateChecks(loaded, snap).findings.find((x) => x.resourceId === f.resourceId)?.fingerprint, f.fingerprint);
});

test('METADATA problems name the file, the line of the block and the field', async () => {
  const msg = await loadError({ 'common/storage/small_disk.rego': META('common.storage.small_disk').replace('severity: low', 'severity: catastrophic') + SMALL_DISK });
  assert.match(msg, /small_disk\.rego:1: METADATA custom\.severity: expected one of critical, high, medium, low, info, got "catastrophic"/);
  const wrongId = await loadError({ 'common/storage/small_disk.rego': META('common.storage.small_disk').replace('id: common.storage.small_disk', 'id: small') + SMALL_DISK });
  assert.match(wrongId, /custom\.id: expected "common\.storage\.small_disk" \(the file's path under its policy folder\), got "small"/);
  const kind = await loadError({ 'common/storage/small_disk.rego': META('common.storage.small_disk').replace('[compute.disk]', '[compute.floppy]') + SMALL_DISK });
  assert.match(kind, /custom\.resource_kinds: unknown kind "compute\.floppy"/);
  const none = await loadError({ 'common/storage/small_disk.rego': 'package cloudwarden.common.storage.small_disk\nimport rego.v1\n' + SMALL_DISK });
  assert.match(none, /METADATA METADATA: missing/);
  const noDeny = await loadError({ 'common/storage/small_disk.rego': META('common.storage.small_disk') + 'x := 1\n' });
  assert.match(noDeny, /a check must define "deny contains result if/);
});

test('a Rego syntax error names file, line and column and what was expected', async () => {
  const msg = await loadError({ 'common/storage/small_disk.rego': META('common.storage.small_disk') + 'deny contains x if {\n\tx := \n' });
  assert.match(msg, /small_disk\.rego:\d+:\d+: rego_parse_error: /);
});

test('duplicate ids across folders are rejected', async () => {
  const a = folder({ 'common/storage/small_disk.rego': META('common.storage.small_disk') + SMALL_DISK });
  const b = folder({ 'common/storage/small_disk.rego': META('common.storage.small_disk') + SMALL_DISK });
  await assert.rejects(loadPolicies([a, b]), /custom\.id: "common\.storage\.small_disk" is already used by/);
  await assert.rejects(loadPolicies([join(a, 'missing')]), /no such policy folder/);
});

test('a check that breaks at run time is an error naming its rule; the other checks still run', async () => {
  const loaded = await loadPolicies([
    folder({
      'common/storage/small_disk.rego': META('common.storage.small_disk') + SMALL_DISK,
      'common/storage/conflict.rego': META('common.storage.conflict') + 'deny := 1 if true\ndeny := 2 if true\n',
      'common/storage/bad_result.rego': META('common.storage.bad_result') + 'deny contains {"resource": "nope", "msg": "x"} if true\n',
    }),
  ]);
  const ev = evaluateChecks(loaded, tinySnapshot());
  assert.equal(ev.findings.length, 2);
  const byId = new Map(ev.errors.map((e) => [e.policyId, e]));
  assert.equal(byId.get('common.storage.conflict')?.rule, 'data.cloudwarden.common.storage.conflict.deny');
  assert.match(byId.get('common.storage.conflict')?.message ?? '', /eval_conflict_error/);
  assert.match(byId.get('common.storage.bad_result')?.message ?? '', /names resource "nope", which is not a node of the snapshot/);
});

test('opa-wasm engine: unreadable or non-bundle files are input errors with what to do', async () => {
  const loaded = await loadPolicies([folder({ 'common/storage/small_disk.rego': META('common.storage.small_disk') + SMALL_DISK })]);
  const dir = mkdtempSync(join(tmpdir(), 'cw-wasm-'));
  await assert.rejects(opaWasmEngine(join(dir, 'missing.tar.gz'), loaded, tinySnapshot()), (e: unknown) => e instanceof InputError && /cannot read bundle \(ENOENT\)/.test(e.message));
  writeFileSync(join(dir, 'junk.tar.gz'), 'not a bundle');
  await assert.rejects(opaWasmEngine(join(dir, 'junk.tar.gz'), loaded, tinySnapshot()), /has no policy\.wasm|not an OPA bundle/);
  writeFileSync(join(dir, 'bad.wasm'), Buffer.from([0, 97, 115, 109, 9, 9]));
  await assert.rejects(opaWasmEngine(join(dir, 'bad.wasm'), loaded, tinySnapshot()), /policy\.wasm failed to load/);
});

test('the bundle reader finds files in a gzip tar', () => {
  const header = Buffer.alloc(512);
  header.write('./policy.wasm', 0);
  header.write('0000644\0', 100);
  header.write('00000000004\0', 124);
  header.write('0', 156);
  const body = Buffer.alloc(512);
  body.write('wasm');
  const tar = Buffer.concat([header, body, Buffer.alloc(1024)]);
  const files = readTarGz(gzipSync(tar));
  assert.equal(files.get('policy.wasm')?.toString(), 'wasm');
  assert.throws(() => readTarGz(gzipSync(tar).subarray(0, 30)), /not a valid gzip file/);
});
