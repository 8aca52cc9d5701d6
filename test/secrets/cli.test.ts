import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { writeSnapshot } from '../../src/graph/snapshot-io.js';
import { scanWorkingTree } from '../../src/secrets/scan/index.js';
import { runCli } from '../cli/run-cli.js';
import { assertNoSecret, EXAMPLE_KEY_ID, EXAMPLE_SECRET, fakeAwsKeyId, fakeAwsSecret, fakeAzureConnectionString, fakeGcpKeyFile, fakePemKey, fakeSasUrl } from './fake-keys.js';
import { inventorySnapshot, KEYS } from './inventory.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

/** A folder with one of every kind of secret; returns the secrets planted. */
function plantedFolder(): { dir: string; secrets: string[] } {
  const dir = tempDir('cw-secrets-cli-');
  const adminId = KEYS.admin;
  const adminSecret = fakeAwsSecret('cli-admin');
  const strayId = fakeAwsKeyId('cli-stray');
  const conn = fakeAzureConnectionString('cli');
  const sas = fakeSasUrl('cli');
  const pem = fakePemKey();
  const gcp = fakeGcpKeyFile('cli');
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'config', 'prod.env'), `AWS_ACCESS_KEY_ID=${adminId}\nAWS_SECRET_ACCESS_KEY=${adminSecret}\n`);
  writeFileSync(join(dir, 'config', 'other.sh'), `export AWS_ACCESS_KEY_ID=${strayId}\n`);
  writeFileSync(join(dir, 'config', 'storage.txt'), `${conn.text}\n${sas.text}\n`);
  writeFileSync(join(dir, 'id_ecdsa'), pem.text);
  writeFileSync(join(dir, 'sa.json'), gcp.text);
  writeFileSync(join(dir, 'docs.md'), `Example: ${EXAMPLE_KEY_ID} / ${EXAMPLE_SECRET}\n`);
  return { dir, secrets: [adminId, adminSecret, strayId, conn.key, sas.sig, encodeURIComponent(sas.sig), pem.body, gcp.keyId, gcp.privateKey, ...pem.body.match(/.{64}/g)!] };
}

test('exit 0 on a clean folder, 1 when leaks are found, --fail-on raises the bar', async () => {
  const clean = tempDir('cw-secrets-clean-');
  writeFileSync(join(clean, 'a.txt'), 'nothing to see; AKIAXXXXXXXXXXXXXXXX is a placeholder\n');
  writeFileSync(join(clean, 'docs.md'), `${EXAMPLE_KEY_ID}\n`);
  const ok = await runCli(['secrets', 'scan', clean]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /no leaked secrets found|1 leaked secret: 1 info/);
  const { dir } = plantedFolder();
  const leaks = await runCli(['secrets', 'scan', dir]);
  assert.equal(leaks.code, 1, leaks.stderr);
  // Without an inventory the AWS keys are medium; the GCP, Azure account and private keys are high.
  assert.equal((await runCli(['secrets', 'scan', dir, '--fail-on', 'critical'])).code, 0);
  assert.equal((await runCli(['secrets', 'scan', dir, '--fail-on', 'high'])).code, 1);
});

test('with --snapshot, the admin key is critical and the stray key medium', async () => {
  const { dir } = plantedFolder();
  const snap = join(tempDir('cw-secrets-snap-'), 'snapshot.json');
  await writeSnapshot(snap, inventorySnapshot());
  const r = await runCli(['secrets', 'scan', dir, '--snapshot', snap, '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout) as { findings: { policyId: string; severity: string; evidence: Record<string, unknown> }[] };
  const aws = doc.findings.filter((f) => f.policyId === 'secrets.aws_access_key_leaked');
  assert.deepEqual(aws.map((f) => [f.severity, f.evidence.keyStatus, f.evidence.privilege]), [['critical', 'active', 'admin'], ['medium', 'unknown', null]]);
  const kinds = doc.findings.map((f) => `${f.policyId}:${f.severity}`).sort();
  assert.deepEqual(kinds, [
    'secrets.aws_access_key_leaked:critical',
    'secrets.aws_access_key_leaked:medium',
    'secrets.azure_sas_token_leaked:medium',
    'secrets.azure_storage_key_leaked:high',
    'secrets.documentation_example_key:info',
    'secrets.gcp_service_account_key_leaked:high',
    'secrets.private_key_leaked:high',
  ]);
  const gate = await runCli(['secrets', 'scan', dir, '--snapshot', snap, '--fail-on', 'critical']);
  assert.equal(gate.code, 1);
});

test('no full secret in any output format, on stdout or in --out files', async () => {
  const { dir, secrets } = plantedFolder();
  const snap = join(tempDir('cw-secrets-snap-'), 'snapshot.json');
  await writeSnapshot(snap, inventorySnapshot());
  const outDir = tempDir('cw-secrets-out-');
  for (const format of ['text', 'json', 'sarif']) {
    const r = await runCli(['secrets', 'scan', dir, '--snapshot', snap, '--format', format]);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.length > 100);
    assertNoSecret(r.stdout + r.stderr, secrets, `stdout (${format})`);
    const file = join(outDir, `secrets.${format}`);
    const w = await runCli(['secrets', 'scan', dir, '--snapshot', snap, '--format', format, '--out', file]);
    assert.equal(w.code, 1);
    assertNoSecret(readFileSync(file, 'utf8') + w.stdout + w.stderr, secrets, `--out (${format})`);
  }
  const sarif = JSON.parse(readFileSync(join(outDir, 'secrets.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  assert.equal(sarif.version, '2.1.0');
  const prod = sarif.runs[0]?.results.find((x) => x.locations[0]?.physicalLocation.artifactLocation.uri === 'config/prod.env');
  assert.equal(prod?.locations[0]?.physicalLocation.region.startLine, 1);
  // The documentation example keys are not secrets: they may be named.
  assert.ok(!readFileSync(join(outDir, 'secrets.json'), 'utf8').includes(EXAMPLE_SECRET));
});

test('an allow-list silences matches and lists them with their reason', async () => {
  const { dir } = plantedFolder();
  const allow = join(tempDir('cw-secrets-allow-'), 'allow.yaml');
  writeFileSync(allow, 'allow:\n  - path: "config/*"\n    reason: rotated keys kept for the record\n  - path: "*"\n    detector: private-key\n    reason: test key\n');
  const r = await runCli(['secrets', 'scan', dir, '--allowlist', allow, '--format', 'json']);
  const doc = JSON.parse(r.stdout) as { findings: { policyId: string }[]; allowed: { file: string; reason: string; source: string }[] };
  assert.deepEqual(doc.findings.map((f) => f.policyId).sort(), ['secrets.documentation_example_key', 'secrets.gcp_service_account_key_leaked']);
  assert.deepEqual([...new Set(doc.allowed.map((a) => `${a.file}|${a.reason}`))].sort(), [
    'config/other.sh|rotated keys kept for the record',
    'config/prod.env|rotated keys kept for the record',
    'config/storage.txt|rotated keys kept for the record',
    'id_ecdsa|test key',
  ]);
  assert.equal(r.code, 1);
});

test('exit 2 on usage and input errors', async () => {
  const { dir } = plantedFolder();
  const badAllow = join(tempDir('cw-secrets-bad-'), 'allow.yaml');
  writeFileSync(badAllow, 'allow:\n  - path: x\n');
  const cases: [string[], RegExp][] = [
    [['secrets'], /missing scan PATH/],
    [['secrets', 'list', dir], /unknown subcommand 'list'/],
    [['secrets', 'scan', join(dir, 'nope')], /cannot read .*nope \(no such file or folder\)/],
    [['secrets', 'scan', dir, '--format', 'xml'], /--format: expected one of text, json, sarif/],
    [['secrets', 'scan', dir, '--fail-on', 'severe'], /--fail-on: expected one of/],
    [['secrets', 'scan', dir, '--allowlist', badAllow], /allow\.yaml:2:5: allow\[0\]: missing required setting "reason"/],
    [['secrets', 'scan', dir, '--allowlist', join(dir, 'missing.yaml')], /cannot read allow-list file \(no such file\)/],
    [['secrets', 'scan', dir, '--snapshot', join(dir, 'config', 'prod.env')], /./],
    [['secrets', 'scan', dir, '--git-history'], /not inside a git repository/],
    [['secrets', 'scan', dir, '--max-file-size', '-1'], /--max-file-size/],
    [['secrets', 'scan', dir, '--bogus'], /unknown option/i],
  ];
  for (const [argv, message] of cases) {
    const r = await runCli(argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, argv.join(' '));
  }
});

test('the walk skips node_modules, .git, binaries, large files and symlinks leaving the folder', async () => {
  const dir = tempDir('cw-secrets-walk-');
  const outside = tempDir('cw-secrets-outside-');
  const line = (seed: string): string => `key=${fakeAwsKeyId(seed)}\n`;
  writeFileSync(join(outside, 'creds'), line('outside'));
  mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'pkg', 'x.js'), line('nm'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'config'), line('git'));
  writeFileSync(join(dir, 'blob.bin'), Buffer.concat([Buffer.from(line('bin')), Buffer.from([0, 1, 2])]));
  writeFileSync(join(dir, 'big.txt'), line('big') + 'x'.repeat(5000));
  writeFileSync(join(dir, 'small.txt'), line('small'));
  symlinkSync(join(outside, 'creds'), join(dir, 'link-out'));
  symlinkSync(join(dir, 'small.txt'), join(dir, 'link-in'));
  symlinkSync(outside, join(dir, 'dir-link'));
  const r = await scanWorkingTree(dir, { maxFileBytes: 1000 });
  assert.deepEqual(r.hits.map((h) => h.location.file).sort(), ['link-in', 'small.txt']);
  assert.deepEqual(r.skipped.map((s) => `${s.file}:${s.reason}`).sort(), ['big.txt:too-large', 'blob.bin:binary', 'dir-link:symlink-outside', 'link-out:symlink-outside']);
  assert.equal(r.filesScanned, 2);
});

test('scan --scan-path merges the leaks into results.json beside the policy findings (and never writes a secret)', async () => {
  const { dir, secrets } = plantedFolder();
  const out = tempDir('cw-secrets-scan-');
  const r = await runCli(['scan', '--demo', '--out', out, '--no-history', '--format', 'json,sarif,csv', '--scan-path', dir]);
  assert.equal(r.code, 0, r.stderr);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { findings: { policyId: string; severity: string }[]; policies: { id: string }[] };
  const leaks = results.findings.filter((f) => f.policyId.startsWith('secrets.'));
  assert.equal(leaks.length, 7);
  assert.ok(results.findings.some((f) => f.policyId.startsWith('aws.')), 'the policy findings are still there');
  assert.ok(results.policies.some((p) => p.id === 'secrets.aws_access_key_leaked'));
  for (const file of ['results.json', 'results.sarif', 'findings.csv']) assertNoSecret(readFileSync(join(out, file), 'utf8'), secrets, file);
  assertNoSecret(r.stdout + r.stderr, secrets, 'scan output');
  const bad = await runCli(['scan', '--demo', '--out', out, '--no-history', '--scan-path', join(dir, 'missing')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--scan-path: cannot read/);
  const orphan = await runCli(['scan', '--demo', '--out', out, '--no-history', '--scan-path-history']);
  assert.equal(orphan.code, 2);
  assert.match(orphan.stderr, /need --scan-path PATH/);
});

test('secrets scan --git-history through the CLI names the commit and author date of a key removed since', async () => {
  const dir = tempDir('cw-secrets-cli-git-');
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com', GIT_AUTHOR_DATE: '2026-04-05T06:07:08Z', GIT_COMMITTER_DATE: '2026-04-05T06:07:08Z' };
  const git = (...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { env, encoding: 'utf8' }).trim();
  const keyId = fakeAwsKeyId('cli-git');
  const secret = fakeAwsSecret('cli-git');
  git('init', '-q');
  writeFileSync(join(dir, 'ci.yml'), `env:\n  AWS_ACCESS_KEY_ID: ${keyId}\n  AWS_SECRET_ACCESS_KEY: ${secret}\n`);
  git('add', 'ci.yml');
  git('commit', '-q', '-m', 'ci');
  const commit = git('rev-parse', 'HEAD');
  writeFileSync(join(dir, 'ci.yml'), 'env: {}\n');
  git('commit', '-q', '-am', 'use OIDC instead');
  assert.equal((await runCli(['secrets', 'scan', dir])).code, 0, 'the working tree is clean');
  const r = await runCli(['secrets', 'scan', dir, '--git-history']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /2 files? and 2 commits scanned|1 file and 2 commits scanned/);
  assert.ok(r.stdout.includes(`ci.yml:2 commit ${commit.slice(0, 12)} (2026-04-05T06:07:08.000Z)`), r.stdout);
  assertNoSecret(r.stdout + r.stderr, [keyId, secret], 'git history text');
});
