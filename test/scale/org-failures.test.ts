/**
 * Organization-wide scans: one failing target (denied AssumeRole, a 403 subscription, a
 * PERMISSION_DENIED scope, throttling) never stops the others and shows in coverage; the per-target
 * concurrency cap keeps one huge account from starving the rest.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectWorld, DEMO_CREDENTIALS, DEMO_WORLD } from '../aws/helpers.js';
import { collectThroughFake as collectAzure, loadSmallWorld, SUB_A, SUB_B } from '../azure/helpers.js';
import { collectThroughFake as collectGcp, SMALL_WORLD as GCP_SMALL } from '../gcp/helpers.js';
import { startFakeGcp } from '../fake-clouds/gcp/server.js';
import { collectFake, fakeProvider, newGauge } from './helpers.js';

const MANAGEMENT = '111122223333';
const MEMBER = '222233334444';
const DENIED_MEMBER = '555566667777';

describe('AWS organization: failing members', () => {
  it('a member whose role is denied is a denied row; a throttled member is retried and complete', async () => {
    const run = await collectWorld(
      DEMO_WORLD,
      { credentials: DEMO_CREDENTIALS, organization: { roleName: 'OrganizationAccountAccessRole', accounts: [MEMBER, DENIED_MEMBER] } },
      { faults: [{ kind: 'throttle', service: 's3', accountId: MEMBER, times: 2 }] },
      { maxAttempts: 4 },
    );
    const snap = run.outcome.snapshot;
    const gaps = snap.coverage.filter((c) => c.status !== 'ok');
    assert.deepEqual(gaps.map((g) => [g.account, g.status, g.service, g.operation]), [[DENIED_MEMBER, 'denied', 'sts', 'AssumeRole']]);
    assert.deepEqual(run.outcome.unreachable, [`aws:${DENIED_MEMBER}`]);
    assert.deepEqual(snap.scope.accounts, [MANAGEMENT, MEMBER]);
    assert.ok(snap.nodes.some((n) => n.account === MEMBER && n.kind === 'storage.bucket'));
  });
});

describe('Azure: a subscription answering 403', () => {
  it('the other subscription is collected; the denied one is in coverage', async () => {
    const world = await loadSmallWorld();
    const run = await collectAzure({ world, faults: [{ kind: 'deny', subscription: SUB_B }] });
    const denied = run.snapshot.coverage.filter((r) => r.status === 'denied');
    assert.ok(denied.length > 0);
    assert.ok(denied.every((r) => r.account === SUB_B), JSON.stringify(denied.map((r) => r.account)));
    assert.ok(run.snapshot.nodes.some((n) => n.account === SUB_A));
    assert.ok(!run.snapshot.nodes.some((n) => n.account === SUB_B && n.kind !== 'account'));
    assert.ok(run.snapshot.coverage.some((r) => r.account === SUB_A && r.status === 'ok'));
  });
});

describe('GCP: a scope answering PERMISSION_DENIED', () => {
  it('the other project is collected; the denied scope is in coverage', async () => {
    const fake = await startFakeGcp({ world: GCP_SMALL, faults: { denied: [{ scope: 'projects/999999999999' }] } });
    try {
      const { snapshot, unreachable } = await collectGcp(fake, { scopes: ['projects/200000000001', 'projects/999999999999'] });
      const gaps = snapshot.coverage.filter((r) => r.status !== 'ok');
      assert.ok(gaps.length > 0);
      assert.ok(gaps.every((r) => r.account === '999999999999' && r.status === 'denied'), JSON.stringify(gaps.slice(0, 2)));
      assert.deepEqual(unreachable, ['gcp:999999999999']);
      assert.deepEqual(snapshot.scope.accounts, ['200000000001']);
      assert.ok(snapshot.nodes.length > 0);
    } finally {
      await fake.close();
    }
  });
});

describe('per-target concurrency cap', () => {
  it('no target exceeds the cap, the global limit holds, and small accounts are not starved by a huge one', async () => {
    const gauge = newGauge();
    const accounts: Record<string, number> = { huge: 2000 };
    for (let i = 0; i < 6; i++) accounts[`small-${i}`] = 20;
    const ends = new Map<string, number>();
    const t0 = performance.now();
    await collectFake([fakeProvider('aws', accounts, { delayMs: 5, gauge })], {
      concurrency: 12,
      perTargetConcurrency: 4,
      onProgress: (e) => {
        if (e.type === 'target-end') ends.set(e.account, performance.now() - t0);
      },
    });
    assert.ok(Math.max(...gauge.maxPerTarget.values()) <= 4, JSON.stringify([...gauge.maxPerTarget]));
    assert.equal(gauge.maxPerTarget.get('huge'), 4);
    assert.ok(gauge.maxTotal <= 12);
    // The huge account makes 200 calls; each small one 2. Without the cap they would queue behind it.
    const smallLast = Math.max(...[...ends].filter(([a]) => a.startsWith('small')).map(([, t]) => t));
    assert.ok(smallLast < (ends.get('huge') ?? 0) / 4, `small accounts ended at ${smallLast.toFixed(0)} ms, huge at ${(ends.get('huge') ?? 0).toFixed(0)} ms`);
  });

  it('defaults to 16 per target and never above the global concurrency', async () => {
    const gauge = newGauge();
    await collectFake([fakeProvider('gcp', { big: 500 }, { delayMs: 2, gauge })], { concurrency: 64 });
    assert.equal(gauge.maxPerTarget.get('big'), 16);
    const g2 = newGauge();
    await collectFake([fakeProvider('gcp', { big: 500 }, { delayMs: 2, gauge: g2 })], { concurrency: 6, perTargetConcurrency: 50 });
    assert.equal(g2.maxPerTarget.get('big'), 6);
  });

  it('a denied target is a coverage row; the others complete', async () => {
    const { snapshot, unreachable } = await collectFake([fakeProvider('azure', { a: 30, b: 30, c: 30 }, { deny: ['b'] })]);
    assert.deepEqual(unreachable, ['azure:b']);
    assert.equal(snapshot.nodes.length, 60);
    assert.ok(snapshot.coverage.filter((r) => r.status === 'denied').every((r) => r.account === 'b'));
  });
});
