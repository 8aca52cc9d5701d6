import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorClass, ProgressEvent } from '../types.js';
import { backoffDelayMs } from './backoff.js';
import { CallStats, createCollectContext } from './context.js';
import { CoverageRecorder } from './coverage.js';
import { ConcurrencyLimiter } from './limiter.js';

test('the limiter never runs more than its limit at once and runs everything', async () => {
  const limiter = new ConcurrencyLimiter(3);
  let running = 0;
  let peak = 0;
  const done: number[] = [];
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2 + (i % 3)));
        running--;
        done.push(i);
      }),
    ),
  );
  assert.equal(peak, 3);
  assert.equal(done.length, 20);
  assert.equal(limiter.running, 0);
});

test('a failing task frees its slot', async () => {
  const limiter = new ConcurrencyLimiter(1);
  await assert.rejects(limiter.run(() => Promise.reject(new Error('x'))));
  assert.equal(await limiter.run(() => Promise.resolve(7)), 7);
});

test('backoff: full jitter under an exponential ceiling, capped, with Retry-After as a floor', () => {
  const p = { baseDelayMs: 100, maxDelayMs: 1000 };
  assert.equal(backoffDelayMs(p, 1, () => 0.999999), 99);
  assert.equal(backoffDelayMs(p, 3, () => 0.5), 200);
  assert.equal(backoffDelayMs(p, 10, () => 0.999999), 999);
  assert.equal(backoffDelayMs(p, 1, () => 0), 0);
  assert.equal(backoffDelayMs(p, 1, () => 0, 600), 600);
  assert.equal(backoffDelayMs(p, 1, () => 0, 60_000), 1000);
});

class Throttled extends Error {}
class Denied extends Error {}
const classify = (e: unknown): ErrorClass =>
  e instanceof Throttled ? { kind: 'throttled' } : e instanceof Denied ? { kind: 'denied' } : { kind: 'fatal' };

function makeContext(overrides: { maxAttempts?: number; callTimeoutMs?: number } = {}) {
  const coverage = new CoverageRecorder();
  const stats = new CallStats();
  const events: ProgressEvent[] = [];
  const ctx = createCollectContext({
    provider: 'aws',
    account: '111122223333',
    region: 'us-east-1',
    options: { concurrency: 4, maxAttempts: overrides.maxAttempts ?? 4, callTimeoutMs: overrides.callTimeoutMs ?? 1000, retryBaseDelayMs: 1, retryMaxDelayMs: 5 },
    limiter: new ConcurrencyLimiter(4),
    coverage,
    stats,
    classifyError: classify,
    onProgress: (e) => events.push(e),
    signal: new AbortController().signal,
  });
  return { ctx, coverage, stats, events };
}

test('throttling is retried until success; the row is ok and the attempts are counted', async () => {
  const { ctx, coverage, stats, events } = makeContext();
  let n = 0;
  const r = await ctx.call({ service: 's3', operation: 'ListBuckets' }, async () => {
    n++;
    if (n < 3) throw new Throttled('SlowDown');
    return 'buckets';
  });
  assert.deepEqual(r, { ok: true, value: 'buckets' });
  assert.equal(stats.toJSON()['aws:s3'], 3);
  assert.equal(events.filter((e) => e.type === 'retry').length, 2);
  assert.deepEqual(
    coverage.rows().map((row) => [row.operation, row.status, row.calls]),
    [['ListBuckets', 'ok', 1]],
  );
});

test('a denied call becomes a denied row for its resource, without retries, and the caller carries on', async () => {
  const { ctx, coverage, stats } = makeContext();
  const r = await ctx.call({ service: 's3', operation: 'GetBucketPolicy', resource: 'arn:aws:s3:::b1' }, () => Promise.reject(new Denied('AccessDenied: no')));
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.status, 'denied');
  await ctx.call({ service: 's3', operation: 'GetBucketPolicy', resource: 'arn:aws:s3:::b2' }, () => Promise.resolve('{}'));
  assert.equal(stats.total, 2);
  const rows = coverage.rows();
  assert.deepEqual(
    rows.map((row) => [row.status, row.resource, row.calls]),
    [
      ['denied', 'arn:aws:s3:::b1', 1],
      ['ok', null, 1],
    ],
  );
  assert.match(rows[0]!.message ?? '', /AccessDenied: no/);
});

test('persistent throttling gives up after maxAttempts with an error row saying so', async () => {
  const { ctx, coverage, stats } = makeContext({ maxAttempts: 3 });
  const r = await ctx.call({ service: 'ec2', operation: 'DescribeInstances', region: 'eu-west-1' }, () => Promise.reject(new Throttled('RequestLimitExceeded')));
  assert.equal(r.ok, false);
  assert.equal(stats.total, 3);
  const [row] = coverage.rows();
  assert.equal(row?.status, 'error');
  assert.equal(row?.region, 'eu-west-1');
  assert.match(row?.message ?? '', /RequestLimitExceeded.*gave up after 3 attempts/);
});

test('a call that hangs times out, is retried, and ends as an error row', async () => {
  const { ctx, coverage } = makeContext({ maxAttempts: 2, callTimeoutMs: 20 });
  const r = await ctx.call({ service: 'libvirt', operation: 'dumpxml' }, () => new Promise(() => undefined));
  assert.equal(r.ok, false);
  assert.match(coverage.rows()[0]?.message ?? '', /timed out after 20 ms.*gave up after 2 attempts/);
});

test('skips are recorded with zero calls', () => {
  const { ctx, coverage } = makeContext();
  ctx.skip({ service: 'ce', operation: 'GetCostAndUsage' }, 'cost collection disabled');
  assert.deepEqual(
    coverage.rows().map((r) => [r.status, r.calls, r.message]),
    [['skipped', 0, 'cost collection disabled']],
  );
});
