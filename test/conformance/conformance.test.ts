/** Runs the OPA conformance runner; it fails when outcomes diverge from expected-failures.yaml. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

it('OPA v1 conformance cases match the expected-failures list', { timeout: 120_000 }, () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'conformance.ts')], { cwd: repo, encoding: 'utf8' });
  const out = `${r.stdout}\n${r.stderr}`;
  const last = out.trim().split('\n').filter((l) => l.startsWith('conformance:')).pop();
  assert.match(last ?? '', /^conformance: \d+ passed, \d+ failed, \d+ skipped$/, out);
  assert.equal(r.status, 0, out.split('\n').filter((l) => /UNEXPECTED|STALE/.test(l)).join('\n'));
});
