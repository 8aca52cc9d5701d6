import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { groupLeaks, leakFindings, parseGitLog, scanGitHistory, scanPath } from '../../src/secrets/scan/index.js';
import { assertNoSecret, fakeAwsKeyId, fakeAwsSecret } from './fake-keys.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const gitEnv = (date: string): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_AUTHOR_DATE: date,
  GIT_COMMITTER_DATE: date,
});

function git(dir: string, args: string[], date = '2026-03-01T10:00:00Z'): string {
  return execFileSync('git', ['-C', dir, ...args], { env: gitEnv(date), encoding: 'utf8' }).trim();
}

/** A repository whose second commit adds a key pair and whose third removes it again. */
export function repoWithRemovedKey(keyId: string, secret: string): { dir: string; added: string; removed: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cw-secrets-git-'));
  dirs.push(dir);
  git(dir, ['init', '-q', '-b', 'main']);
  writeFileSync(join(dir, 'README.md'), '# app\n');
  git(dir, ['add', 'README.md']);
  git(dir, ['commit', '-q', '-m', 'initial'], '2026-03-01T10:00:00Z');
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'config', 'deploy.env'), `REGION=eu-west-1\nBUCKET=b\nAWS_ACCESS_KEY_ID=${keyId}\nAWS_SECRET_ACCESS_KEY=${secret}\n`);
  git(dir, ['add', 'config/deploy.env']);
  git(dir, ['commit', '-q', '-m', 'deploy settings'], '2026-03-02T11:30:00Z');
  const added = git(dir, ['rev-parse', 'HEAD']);
  writeFileSync(join(dir, 'config', 'deploy.env'), 'REGION=eu-west-1\nBUCKET=b\n');
  git(dir, ['commit', '-q', '-am', 'remove the key'], '2026-03-03T09:00:00Z');
  const removed = git(dir, ['rev-parse', 'HEAD']);
  return { dir, added, removed };
}

test('a key added then removed is found in the history, at the commit that added it', async () => {
  const keyId = fakeAwsKeyId('history');
  const secret = fakeAwsSecret('history');
  const { dir, added } = repoWithRemovedKey(keyId, secret);
  const tree = await scanPath(dir);
  assert.deepEqual(tree.hits, [], 'the working tree no longer holds the key');
  const history = await scanGitHistory(dir);
  assert.equal(history.commitsScanned, 3);
  assert.deepEqual(
    history.hits.map((h) => [h.detector, h.location.file, h.location.line, h.location.commit, h.location.authorDate]),
    [
      ['aws-access-key-id', 'config/deploy.env', 3, added, '2026-03-02T11:30:00.000Z'],
      ['aws-secret-access-key', 'config/deploy.env', 4, added, '2026-03-02T11:30:00.000Z'],
    ],
  );
  const findings = leakFindings(groupLeaks(history.hits), null);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.evidence?.inGitHistoryOnly, true);
  assert.equal(findings[0]?.evidence?.secretKeyExposed, true);
  assert.match(findings[0]?.message ?? '', new RegExp(`config/deploy\\.env:3 \\(commit ${added.slice(0, 12)}\\)`));
  assertNoSecret(JSON.stringify(findings), [keyId, secret], 'history findings');
});

test('--git-history on a folder that is not a repository is an input error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-secrets-nogit-'));
  dirs.push(dir);
  await assert.rejects(scanGitHistory(dir), /not inside a git repository/);
});

test('the log parser follows hunks: added lines only, line numbers of the new file, deletions and binaries ignored', () => {
  const mark = '\u0000cw-commit ';
  const log = [
    `${mark}aaa 2026-01-01T00:00:00Z`,
    '',
    'diff --git a/x.txt b/x.txt',
    '--- a/x.txt',
    '+++ b/x.txt',
    '@@ -2,0 +3,2 @@',
    '+one',
    '+++ two',
    '@@ -9 +10 @@',
    '-old',
    '+new',
    'diff --git a/gone.txt b/gone.txt',
    'deleted file mode 100644',
    '--- a/gone.txt',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-bye',
    'diff --git a/img.png b/img.png',
    'Binary files a/img.png and b/img.png differ',
  ].join('\n');
  assert.deepEqual(parseGitLog(log), [{ commit: 'aaa', authorDate: '2026-01-01T00:00:00Z', file: 'x.txt', lines: [{ line: 3, text: 'one' }, { line: 4, text: '++ two' }, { line: 10, text: 'new' }] }]);
});
