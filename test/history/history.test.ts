import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { HistoryDb, HistoryError, withFirstSeen } from '../../src/history/history-db.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/history/migrations.js';
import { resultsValidator } from '../../src/results/results-io.js';
import type { Results } from '../../src/results/schema.js';
import { runCli } from '../cli/run-cli.js';
import { finding, makeResults, saving } from '../report/fixtures.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-history-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (at: string, ids: string[], over: Partial<Results> = {}): Results => ({
  ...makeResults({ findings: ids.map((id) => finding('aws.s3.bucket_public_acl', id, { fingerprint: `fp-${id}` })), savings: [saving('vol-1', 10)] }),
  generatedAt: at,
  ...over,
});

test('migrations: an empty database is created at the latest version, each migration recorded', () => {
  const db = HistoryDb.open(join(dir, 'new', 'history.db'));
  try {
    assert.equal(db.version, LATEST_VERSION);
    assert.deepEqual(db.appliedMigrations(), MIGRATIONS.map((m) => m.version));
    assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1), 'versions are 1, 2, 3, … in order');
  } finally {
    db.close();
  }
});

test('migrations: a version-1 database is brought up to date, keeping its rows; a newer one is refused', () => {
  const path = join(dir, 'v1.db');
  const raw = new Database(path);
  raw.exec(MIGRATIONS[0]?.sql ?? '');
  raw.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run('v1', '2026-01-01T00:00:00Z');
  raw.pragma('user_version = 1');
  raw.close();
  const db = HistoryDb.open(path);
  db.recordRun(run('2026-11-01T00:00:00.000Z', ['a']));
  db.close();
  const again = HistoryDb.open(path);
  assert.equal(again.version, LATEST_VERSION);
  assert.deepEqual(again.appliedMigrations(), MIGRATIONS.map((m) => m.version));
  assert.equal(again.trends().length, 1);
  again.close();
  const newer = new Database(path);
  newer.pragma('user_version = 99');
  newer.close();
  assert.throws(() => HistoryDb.open(path), /schema version 99 is newer than this cloudwarden understands/);
});

test('two runs: first seen kept, new and resolved counted, savings per run, trends oldest first', () => {
  const db = HistoryDb.open(join(dir, 'two.db'));
  try {
    const first = run('2026-11-01T00:00:00.000Z', ['a', 'b']);
    assert.deepEqual(db.recordRun(withFirstSeen(first, db.firstSeen(['fp-a', 'fp-b']))), { runId: 1, newFindings: 2, resolvedFindings: 0 });
    const second = run('2026-11-02T00:00:00.000Z', ['b', 'c']);
    const known = db.firstSeen(second.findings.map((f) => f.fingerprint));
    const enriched = withFirstSeen(second, known);
    assert.deepEqual(enriched.findings.map((f) => [f.resourceId, f.firstSeen]), [['b', '2026-11-01T00:00:00.000Z'], ['c', '2026-11-02T00:00:00.000Z']]);
    assert.deepEqual(db.recordRun(enriched), { runId: 2, newFindings: 1, resolvedFindings: 1 });
    assert.deepEqual(db.finding('fp-a'), { firstSeen: '2026-11-01T00:00:00.000Z', lastSeen: '2026-11-01T00:00:00.000Z', resolvedAt: '2026-11-02T00:00:00.000Z' });
    assert.equal(db.finding('fp-b')?.resolvedAt, null);
    // A resolved finding that comes back is reopened with its first-seen date; it counts as new in that run.
    const third = run('2026-11-03T00:00:00.000Z', ['a', 'b', 'c']);
    assert.equal(withFirstSeen(third, db.firstSeen(['fp-a'])).findings[0]?.firstSeen, '2026-11-01T00:00:00.000Z');
    assert.deepEqual(db.recordRun(third), { runId: 3, newFindings: 1, resolvedFindings: 0 });
    assert.equal(db.finding('fp-a')?.resolvedAt, null);
    // A run over another account resolves nothing of this one.
    const other = run('2026-11-04T00:00:00.000Z', [], { snapshot: { ...third.snapshot, scope: { providers: ['aws'], accounts: ['999999999999'], regions: [] } } });
    assert.equal(db.recordRun(other).resolvedFindings, 0);
    const t = db.trends();
    assert.deepEqual(t.map((r) => [r.runId, r.open.high, r.newFindings, r.resolvedFindings, r.monthlySavingsTotal]), [
      [1, 2, 2, 0, 10],
      [2, 2, 1, 1, 10],
      [3, 3, 1, 0, 10],
      [4, 0, 0, 0, 10],
    ]);
    assert.deepEqual(db.trends(2).map((r) => r.runId), [3, 4]);
  } finally {
    db.close();
  }
});

test('a corrupt database file gives a clear error naming the file', async () => {
  const path = join(dir, 'corrupt.db');
  await writeFile(path, 'this is not sqlite at all, just text '.repeat(200));
  assert.throws(
    () => HistoryDb.open(path),
    (e: unknown) => e instanceof HistoryError && /^history database .*corrupt\.db: the file is not a cloudwarden history database or is corrupt \(file is not a database\); move it away/.test(e.message),
  );
});

test('a locked database gives a clear error after the busy timeout, and nothing half-recorded', () => {
  const path = join(dir, 'locked.db');
  HistoryDb.open(path).close();
  const holder = new Database(path);
  holder.exec('BEGIN EXCLUSIVE');
  try {
    assert.throws(
      () => {
        const db = HistoryDb.open(path, { timeoutMs: 50 });
        try {
          db.recordRun(run('2026-11-01T00:00:00.000Z', ['a']));
        } finally {
          db.close();
        }
      },
      (e: unknown) => e instanceof HistoryError && /locked\.db: the database is locked by another process \(another cloudwarden run\?\)/.test(e.message),
    );
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  const db = HistoryDb.open(path);
  assert.equal(db.trends().length, 0);
  db.close();
});

test('CLI: scan records the run and sets first seen; `history` prints trends; corrupt history → exit 2 with every results file intact', async () => {
  const cwd = join(dir, 'cli');
  const first = await runCli(['scan', '--demo', '--out', 'out1', '--quiet'], { cwd });
  assert.equal(first.code, 0, first.stderr);
  assert.ok(existsSync(join(cwd, '.cloudwarden', 'history.db')), 'default history file');
  const r1 = JSON.parse(await readFile(join(cwd, 'out1', 'results.json'), 'utf8')) as Results;
  assert.ok(r1.findings.length > 0);
  assert.ok(r1.findings.every((f) => f.firstSeen === r1.generatedAt));
  const hist = await runCli(['history'], { cwd });
  assert.equal(hist.code, 0, hist.stderr);
  assert.match(hist.stdout, /Run history \(\.cloudwarden\/history\.db, last 1 run\(s\)/);
  assert.match(hist.stdout, /run +date +critical +high +medium +low +info +suppr +new +resolved +gaps +savings\/month/);
  const json = JSON.parse((await runCli(['history', '--format', 'json'], { cwd })).stdout) as { runs: { newFindings: number }[] };
  assert.equal(json.runs[0]?.newFindings, new Set(r1.findings.map((f) => f.fingerprint)).size);
  // The scan's resources per target are kept, for --shard-weights: they add up to the snapshot.
  const recorded = HistoryDb.open(join(cwd, '.cloudwarden', 'history.db'), { readonly: true });
  const weights = recorded.latestTargetWeights()?.weights;
  recorded.close();
  assert.equal([...(weights?.values() ?? [])].reduce((a, b) => a + b, 0), r1.snapshot.resources);
  assert.ok(weights?.has('libvirt:kvm-demo-01'), [...(weights?.keys() ?? [])].join(' '));

  await writeFile(join(cwd, 'broken.db'), 'garbage '.repeat(1000));
  const broken = await runCli(['scan', '--demo', '--out', 'out2', '--history', 'broken.db', '--quiet'], { cwd });
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /history database .*broken\.db: the file is not a cloudwarden history database or is corrupt.*The report files were written; the run was not recorded in the history\./s);
  const files = await readdir(join(cwd, 'out2'));
  for (const f of ['findings.csv', 'junit.xml', 'report.html', 'results.json', 'results.sarif', 'savings.csv', 'snapshot.json', 'summary.md']) assert.ok(files.includes(f), `${f} written`);
  assert.deepEqual(files.filter((f) => f.endsWith('.tmp')), []);
  assert.match(await readFile(join(cwd, 'out2', 'summary.md'), 'utf8'), /\*\*Warning:\*\* history database .*broken\.db: the file is not a cloudwarden history database/);
  const validate = resultsValidator();
  assert.equal(validate(JSON.parse(await readFile(join(cwd, 'out2', 'results.json'), 'utf8'))), true);

  const none = await runCli(['scan', '--demo', '--out', 'out3', '--no-history', '--history', 'broken.db', '--quiet'], { cwd });
  assert.equal(none.code, 0, none.stderr);

  const missing = await runCli(['history', '--history', 'nope.db'], { cwd });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.db: no run history yet/);
  const corrupt = await runCli(['history', '--history', 'broken.db'], { cwd });
  assert.equal(corrupt.code, 2);
  assert.match(corrupt.stderr, /broken\.db: the file is not a cloudwarden history database/);
});

test('per-target counts: resources from the snapshot, else API calls; --shard-weights reads them from the history', async () => {
  const { readShardWeights } = await import('../../src/scale/shard-weights.js');
  const path = join(dir, 'targets', 'history.db');
  const db = HistoryDb.open(path);
  assert.equal(db.latestTargetWeights(), undefined);
  const coverage = (account: string, calls: number): Results['coverage'][number] => ({ provider: 'aws', account, region: 'us-east-1', service: 's3', operation: 'ListBuckets', status: 'ok', calls, resource: null, message: null });
  // A run from a results file only (no snapshot): the calls per target weigh.
  db.recordRun(run('2026-11-20T00:00:00Z', ['a'], { coverage: [coverage('111111111111', 40), coverage('222222222222', 3), coverage('111111111111', 2)] }));
  assert.deepEqual(Object.fromEntries(db.latestTargetWeights()?.weights ?? []), { 'aws:111111111111': 42, 'aws:222222222222': 3 });
  // A later scan with its snapshot: resources per target, a target with calls but no resources weighs 1.
  db.recordRun(run('2026-11-21T00:00:00Z', ['a'], { coverage: [coverage('111111111111', 40), coverage('333333333333', 5)] }), new Map([['aws:111111111111', 900], ['gcp:proj-a', 120]]));
  const latest = db.latestTargetWeights();
  assert.equal(latest?.generatedAt, '2026-11-21T00:00:00Z');
  assert.deepEqual(Object.fromEntries(latest?.weights ?? []), { 'aws:111111111111': 900, 'gcp:proj-a': 120, 'aws:333333333333': 1 });
  db.close();
  assert.deepEqual(Object.fromEntries(await readShardWeights(path, 'history.db')), { 'aws:111111111111': 900, 'gcp:proj-a': 120, 'aws:333333333333': 1 });
  const empty = join(dir, 'targets', 'empty.db');
  HistoryDb.open(empty).close();
  await assert.rejects(readShardWeights(empty, 'empty.db'), /--shard-weights empty\.db: the history holds no run with per-target counts yet/);
});
