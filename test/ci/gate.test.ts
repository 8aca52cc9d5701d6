import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { atOrAbove, evaluateGate, type GateOptions } from '../../src/ci/gate.js';
import type { Results } from '../../src/results/schema.js';
import { runCli } from '../cli/run-cli.js';
import { coverage, finding, makeResults } from '../report/fixtures.js';

const opts = (over: Partial<GateOptions> = {}): GateOptions => ({ failOn: 'high', newOnly: false, allowPartial: false, allowDenied: false, ...over });

test('severity order: critical is the highest', () => {
  assert.equal(atOrAbove('critical', 'high'), true);
  assert.equal(atOrAbove('high', 'high'), true);
  assert.equal(atOrAbove('medium', 'high'), false);
  assert.equal(atOrAbove('info', 'info'), true);
});

test('gate: findings at or above the threshold fail (1); suppressed ones and lower ones do not', () => {
  const r = makeResults({
    findings: [
      finding('aws.s3.bucket_public_acl', 'a', { severity: 'medium' }),
      finding('aws.s3.bucket_public_acl', 'b', { severity: 'critical', suppressed: { reason: 'x', owner: null, expires: null, source: 'f:1' } }),
    ],
  });
  assert.equal(evaluateGate(r, opts()).exitCode, 0);
  assert.equal(evaluateGate(r, opts({ failOn: 'medium' })).exitCode, 1);
  assert.equal(evaluateGate(r, opts({ failOn: null })).exitCode, 0);
  const v = evaluateGate(r, opts({ failOn: 'medium' }));
  assert.deepEqual(v.failing.map((f) => f.resourceId), ['a']);
});

test('gate: with a baseline and newOnly, only new findings fail', () => {
  const r = makeResults({ findings: [finding('aws.s3.bucket_public_acl', 'old', { baseline: 'existing' }), finding('aws.s3.bucket_public_acl', 'new', { baseline: 'new', severity: 'low' })] });
  assert.equal(evaluateGate(r, opts({ newOnly: true })).exitCode, 0);
  assert.equal(evaluateGate(r, opts({ newOnly: true, failOn: 'low' })).exitCode, 1);
  assert.equal(evaluateGate(r, opts()).exitCode, 1);
});

test('gate: error or denied coverage makes the run incomplete (2) unless accepted; skipped never does; 2 beats 1', () => {
  const withRows = (status: 'error' | 'denied' | 'skipped'): Results => makeResults({ coverage: [coverage(), coverage({ status, message: 'boom' })], findings: [finding('aws.s3.bucket_public_acl', 'a')] });
  assert.equal(evaluateGate(withRows('error'), opts()).exitCode, 2);
  assert.match(evaluateGate(withRows('error'), opts()).reasons.join('\n'), /incomplete: 1 failed collector call\(s\) \(pass --allow-partial/);
  assert.match(evaluateGate(withRows('error'), opts()).reasons.join('\n'), /1 unsuppressed finding\(s\) at or above high/);
  assert.equal(evaluateGate(withRows('error'), opts({ allowDenied: true })).exitCode, 2);
  assert.equal(evaluateGate(withRows('error'), opts({ allowPartial: true })).exitCode, 1);
  assert.equal(evaluateGate(withRows('denied'), opts({ failOn: null })).exitCode, 2);
  assert.equal(evaluateGate(withRows('denied'), opts({ failOn: null, allowDenied: true })).exitCode, 0);
  assert.equal(evaluateGate(withRows('denied'), opts({ failOn: null, allowPartial: true })).acceptedGaps.length, 1);
  assert.equal(evaluateGate(withRows('skipped'), opts({ failOn: null })).exitCode, 0);
});

test('gate: a check that failed to evaluate is an error (2) whatever the flags', () => {
  const r = makeResults({ policyErrors: [{ policyId: 'aws.s3.bucket_public_acl', rule: 'data.x.deny', message: 'boom' }] });
  assert.equal(evaluateGate(r, opts({ failOn: null, allowPartial: true })).exitCode, 2);
});

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-gate-'));
  const write = (name: string, r: Results): Promise<void> => writeFile(join(dir, name), JSON.stringify(r));
  await write('clean.json', makeResults());
  await write('high.json', makeResults({ findings: [finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::a', { severity: 'high' })] }));
  await write('partial.json', makeResults({ coverage: [coverage({ status: 'error', message: 'throttled for good' })] }));
  await write('denied.json', makeResults({ coverage: [coverage({ status: 'denied', message: 'AccessDenied' })] }));
  await write('check-error.json', makeResults({ policyErrors: [{ policyId: 'aws.s3.bucket_public_acl', rule: 'data.x.deny', message: 'boom' }] }));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('CLI gate exit codes through `report`: 0 passed, 1 gate failed, 2 incomplete or broken', async () => {
  const run = async (...args: string[]): Promise<number> => (await runCli(['report', ...args, '--out', join(dir, 'out'), '--format', 'md'], { cwd: dir })).code;
  assert.equal(await run('clean.json', '--fail-on', 'high'), 0);
  assert.equal(await run('high.json', '--fail-on', 'high'), 1);
  assert.equal(await run('high.json', '--fail-on', 'critical'), 0);
  assert.equal(await run('high.json'), 0);
  assert.equal(await run('partial.json'), 2);
  assert.equal(await run('partial.json', '--allow-partial'), 0);
  assert.equal(await run('denied.json'), 2);
  assert.equal(await run('denied.json', '--allow-denied'), 0);
  assert.equal(await run('check-error.json', '--allow-partial'), 2);
  const r = await runCli(['report', 'high.json', '--out', join(dir, 'out'), '--format', 'md', '--fail-on', 'high'], { cwd: dir });
  assert.match(r.stderr, /Gate: failed \(exit 1\): 1 unsuppressed finding\(s\) at or above high/);
  const md = await readFile(join(dir, 'out', 'summary.md'), 'utf8');
  assert.match(md, /\*\*Gate: FAILED\*\*/);
});

test('CLI gate flags are checked: bad severity, --fail-on-new-only without a baseline, bad format', async () => {
  const bad = await runCli(['report', 'clean.json', '--out', 'o', '--fail-on', 'severe'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--fail-on: expected one of critical, high, medium, low, info, got 'severe'/);
  const noBase = await runCli(['report', 'clean.json', '--out', 'o', '--fail-on', 'high', '--fail-on-new-only'], { cwd: dir });
  assert.equal(noBase.code, 2);
  assert.match(noBase.stderr, /--fail-on-new-only needs --baseline FILE/);
  const fmt = await runCli(['report', 'clean.json', '--out', 'o', '--format', 'pdf'], { cwd: dir });
  assert.equal(fmt.code, 2);
  assert.match(fmt.stderr, /--format: unknown report format 'pdf'/);
  const help = await runCli(['scan', '--help']);
  assert.match(help.stdout, /--allow-partial/);
  assert.match(help.stdout, /Exit codes: 0 passed; 1 the --fail-on gate failed; 2 error/);
});

test('CLI: scan applies the gate after writing every report (demo world: critical findings → exit 1)', async () => {
  const r = await runCli(['scan', '--demo', '--out', 'scan-out', '--fail-on', 'critical', '--no-history', '--quiet'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /Gate: failed \(exit 1\): \d+ unsuppressed finding\(s\) at or above critical/);
  for (const f of ['report.html', 'findings.csv', 'savings.csv', 'results.json', 'results.sarif', 'junit.xml', 'summary.md', 'snapshot.json']) {
    assert.ok((await readFile(join(dir, 'scan-out', f))).length > 0, f);
  }
  assert.match(await readFile(join(dir, 'scan-out', 'summary.md'), 'utf8'), /\*\*Gate: FAILED\*\* \(fail on critical, exit code 1\)/);
  assert.equal(existsSync(join(dir, '.cloudwarden')), false, '--no-history leaves no database');
});
