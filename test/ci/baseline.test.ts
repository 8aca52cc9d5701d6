import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { applyBaseline, diffResults } from '../../src/ci/baseline.js';
import type { Results } from '../../src/results/schema.js';
import { runCli } from '../cli/run-cli.js';
import { finding, makeResults } from '../report/fixtures.js';

const A = makeResults({ findings: [finding('aws.s3.bucket_public_acl', 'kept', { firstSeen: '2026-01-01T00:00:00.000Z' }), finding('aws.s3.bucket_public_acl', 'gone')] });
const B = makeResults({ findings: [finding('aws.s3.bucket_public_acl', 'kept', { message: 'reworded' }), finding('aws.ec2.open_port', 'fresh', { severity: 'low' })] });

test('baseline: new/existing by fingerprint (not message), resolved listed', () => {
  const r = applyBaseline(B, A);
  assert.deepEqual(r.findings.map((f) => [f.resourceId, f.baseline]), [['kept', 'existing'], ['fresh', 'new']]);
  assert.deepEqual(r.resolved?.map((f) => f.resourceId), ['gone']);
  assert.equal(r.findings[0]?.firstSeen, '2026-01-01T00:00:00.000Z', 'an existing finding keeps the baseline first-seen date');
  assert.equal(r.findings[1]?.firstSeen, null);
});

test('diff: new, resolved, unchanged', () => {
  const d = diffResults(A, B);
  assert.deepEqual(d.new.map((f) => f.resourceId), ['fresh']);
  assert.deepEqual(d.resolved.map((f) => f.resourceId), ['gone']);
  assert.deepEqual(d.unchanged.map((f) => f.resourceId), ['kept']);
});

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-diff-'));
  await writeFile(join(dir, 'a.json'), JSON.stringify(A));
  await writeFile(join(dir, 'b.json'), JSON.stringify(B));
  await writeFile(join(dir, 'broken.json'), '{"schemaVersion": "1.0"');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('CLI diff: text and JSON, exit 0 whatever changed; unreadable files exit 2', async () => {
  const text = await runCli(['diff', 'a.json', 'b.json'], { cwd: dir });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^1 new, 1 resolved, 1 unchanged \(a\.json → b\.json\)/);
  assert.match(text.stdout, /New \(1\):\n {2}LOW +aws\.ec2\.open_port {2}fresh {2}problem on fresh/);
  assert.match(text.stdout, /Resolved \(1\):\n {2}HIGH +aws\.s3\.bucket_public_acl {2}gone/);
  const json = await runCli(['diff', 'a.json', 'b.json', '--format', 'json'], { cwd: dir });
  assert.equal(json.code, 0);
  const parsed = JSON.parse(json.stdout) as { counts: Record<string, number>; new: { resourceId: string }[] };
  assert.deepEqual(parsed.counts, { new: 1, resolved: 1, unchanged: 1 });
  assert.equal(parsed.new[0]?.resourceId, 'fresh');
  const broken = await runCli(['diff', 'a.json', 'broken.json'], { cwd: dir });
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /broken\.json: not valid JSON/);
  const one = await runCli(['diff', 'a.json'], { cwd: dir });
  assert.equal(one.code, 2);
});

test('CLI --baseline with --fail-on-new-only: existing findings do not fail, new ones do; resolved in the JSON', async () => {
  const pass = await runCli(['report', 'b.json', '--out', 'o1', '--baseline', 'a.json', '--fail-on', 'high', '--fail-on-new-only', '--format', 'json,md'], { cwd: dir });
  assert.equal(pass.code, 0, pass.stderr);
  const out = JSON.parse(await readFile(join(dir, 'o1', 'results.json'), 'utf8')) as Results;
  assert.deepEqual(out.resolved?.map((f) => f.resourceId), ['gone']);
  assert.match(await readFile(join(dir, 'o1', 'summary.md'), 'utf8'), /Against the baseline: 1 new open finding\(s\), 1 resolved\./);
  const fail = await runCli(['report', 'b.json', '--out', 'o2', '--baseline', 'a.json', '--fail-on', 'low', '--fail-on-new-only', '--format', 'md'], { cwd: dir });
  assert.equal(fail.code, 1);
  const all = await runCli(['report', 'b.json', '--out', 'o3', '--baseline', 'a.json', '--fail-on', 'high', '--format', 'md'], { cwd: dir });
  assert.equal(all.code, 1, 'without --fail-on-new-only existing findings count');
});
