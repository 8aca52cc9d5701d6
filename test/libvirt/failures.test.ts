/**
 * How the libvirt provider fails: bad input is an InputError before anything runs; an unreachable
 * host, a failing call or a read-only connection become coverage rows and the rest goes on.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { libvirtProvider } from '../../src/collectors/libvirt/index.js';
import type { InstanceNode } from '../../src/graph/schema.js';
import { InputError } from '../../src/util/errors.js';
import { DEMO_HOST, DEMO_URI, byId, collectLibvirt, expectedDemoGraph, fakeVirsh, sortEdges, virshMissingReason } from './helpers.js';

const skip = virshMissingReason();
if (skip) console.log(`# libvirt failure tests that run virsh skipped: ${skip}`);
const resolveCtx = { signal: new AbortController().signal, debug: () => {} };

describe('libvirt target resolution', () => {
  for (const [uri, why] of [
    ['kvm01', /not of the form driver\[\+transport\]:\/\/…\/path/],
    ['qemu://system', /path is missing/],
    ['qemu:/system', /not of the form/],
    ['kvm:///system', /unknown driver 'kvm'/],
    ['qemu+telnet://host/system', /unknown transport 'telnet'/],
    ['qemu+ssh:///system', /transport 'ssh' needs a host/],
    ['qemu:///sys', /must be \/system, \/session or \/embed/],
    ['test://host/tmp/node.xml', /the test driver is local/],
  ] as const) {
    it(`rejects '${uri}' with a message saying what was expected`, async () => {
      await assert.rejects(libvirtProvider.resolveTargets({ connections: [{ uri }] }, resolveCtx), (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, new RegExp(`invalid libvirt URI '${uri.replace(/[+]/g, '\\+')}'`));
        assert.match(error.message, why);
        assert.match(error.message, /qemu:\/\/\/system/);
        assert.match(error.message, /qemu\+ssh:\/\/user@kvm01\/system/);
        assert.match(error.message, /test:\/\/\/abs\/path/);
        return true;
      });
    });
  }

  it('says to install libvirt-clients when virsh is missing', async () => {
    await assert.rejects(
      libvirtProvider.resolveTargets({ connections: [{ uri: 'qemu:///system' }], virshPath: '/nonexistent/bin/virsh' }, resolveCtx),
      (error: unknown) => error instanceof InputError && /libvirt-clients/.test(error.message) && /\/nonexistent\/bin\/virsh/.test(error.message),
    );
  });

  it('rejects an empty connection list and a host name unfit for ids', async () => {
    await assert.rejects(libvirtProvider.resolveTargets({ connections: [] }, resolveCtx), InputError);
    await assert.rejects(libvirtProvider.resolveTargets({ connections: [{ uri: 'qemu:///system', name: 'bad/name' }] }, resolveCtx), /invalid libvirt host name 'bad\/name'/);
  });

  it('derives the host from the name, else the URI host', { skip: skip ?? false }, async () => {
    const targets = await libvirtProvider.resolveTargets(
      { connections: [{ uri: 'qemu+ssh://admin@kvm01.example.org:2222/system', readOnly: true }, { uri: DEMO_URI, name: DEMO_HOST }] },
      resolveCtx,
    );
    assert.deepEqual(
      targets.map((t) => [t.host, t.account, t.readOnly, t.region]),
      [
        ['kvm01.example.org', 'kvm01.example.org', true, 'global'],
        [DEMO_HOST, DEMO_HOST, false, 'global'],
      ],
    );
  });

  it('asks virsh for the host name when neither a name nor a URI host is given', { skip: skip ?? false }, async () => {
    const [target] = await libvirtProvider.resolveTargets({ connections: [{ uri: DEMO_URI }] }, resolveCtx);
    // The test driver runs inside virsh, so its host is the machine running the test.
    assert.equal(target?.host, hostname());
  });

  it('refuses two connections that resolve to the same host', { skip: skip ?? false }, async () => {
    await assert.rejects(
      libvirtProvider.resolveTargets({ connections: [{ uri: DEMO_URI, name: 'h1' }, { uri: 'test:///default', name: 'h1' }] }, resolveCtx),
      /both resolve to host 'h1'/,
    );
  });

  it('lists its collectors sorted by id, each with permissions', () => {
    const ids = libvirtProvider.collectors.map((c) => c.id);
    assert.deepEqual(ids, ['libvirt.domains', 'libvirt.host', 'libvirt.networks', 'libvirt.storage']);
    for (const c of libvirtProvider.collectors) assert.ok(c.permissions.length > 0 && c.permissions.every((p) => p.action.startsWith('virsh ')), c.id);
  });
});

describe('libvirt collection failures', { skip: skip ?? false }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudwarden-libvirt-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('turns an unreachable host into error coverage rows with virsh’s message, without throwing', async () => {
    const outcome = await collectLibvirt([{ uri: `test://${join(dir, 'no-such-node.xml')}`, name: 'ghost' }]);
    assert.deepEqual(outcome.unreachable, ['libvirt:ghost']);
    assert.deepEqual(outcome.snapshot.nodes, []);
    assert.deepEqual(outcome.snapshot.edges, []);
    const rows = outcome.snapshot.coverage;
    assert.deepEqual(rows.map((r) => `${r.service}/${r.operation}`).sort(), ['domains/list', 'host/nodeinfo', 'host/version', 'networks/net-list', 'storage/pool-list']);
    for (const r of rows) {
      assert.equal(r.status, 'error');
      assert.equal(r.account, 'ghost');
      assert.match(r.message ?? '', /failed to connect to the hypervisor/);
      assert.match(r.message ?? '', /no-such-node\.xml/);
    }
  });

  it('keeps one failing call to one coverage row and collects the rest', async () => {
    const failing = 'b1d0c9e2-4a7f-4c35-8e12-6f9a3b5d7403'; // build-runner-01
    const wrapper = fakeVirsh(dir, 'virsh-failing-one-dumpxml', [[`*" dumpxml "*"${failing}"*`, `echo "error: simulated failure of dumpxml for ${failing}" >&2; exit 1`]]);
    const outcome = await collectLibvirt([{ uri: DEMO_URI, name: DEMO_HOST }], wrapper);
    const domainId = `libvirt://${DEMO_HOST}/domain/${failing}`;
    const gaps = outcome.snapshot.coverage.filter((r) => r.status !== 'ok');
    assert.equal(gaps.length, 1, JSON.stringify(gaps));
    assert.deepEqual(
      { ...gaps[0], message: undefined },
      { provider: 'libvirt', account: DEMO_HOST, region: 'global', service: 'domains', operation: 'dumpxml', status: 'error', calls: 1, resource: domainId, message: undefined },
    );
    assert.match(gaps[0]?.message ?? '', /simulated failure of dumpxml/);
    // Everything else is as expected; the domain without XML is missing, and with it its joins.
    const expected = expectedDemoGraph();
    const volume = `libvirt://${DEMO_HOST}/volume/%2Fsrv%2Ffast-ssd%2Fimages%2Fbuild-runner-01.qcow2`;
    const expectedNodes = expected.nodes.filter((n) => n.id !== domainId).map((n) => (n.id === volume && n.kind === 'compute.disk' ? { ...n, attrs: { ...n.attrs, attachedTo: [] } } : n));
    assert.deepEqual([...outcome.snapshot.nodes].sort(byId), expectedNodes.sort(byId));
    assert.deepEqual(sortEdges(outcome.snapshot.edges), sortEdges(expected.edges.filter((e) => e.from !== domainId && e.to !== domainId)));
  });

  it('falls back to a plain dumpxml when --security-info is denied, with passwords unknown', async () => {
    const wrapper = fakeVirsh(dir, 'virsh-no-secure-dump', [['*" --security-info "*', 'echo "error: operation forbidden: virDomainGetXMLDesc with secure flag" >&2; exit 1']]);
    const outcome = await collectLibvirt([{ uri: DEMO_URI, name: DEMO_HOST }], wrapper);
    const instances = outcome.snapshot.nodes.filter((n): n is InstanceNode => n.kind === 'compute.instance');
    assert.equal(instances.length, 6, JSON.stringify(outcome.snapshot.coverage.filter((r) => r.status !== 'ok')));
    assert.deepEqual(
      instances.flatMap((n) => n.attrs.remoteConsoles ?? []).map((c) => c.passwordSet),
      [null, null, null],
    );
    const gaps = outcome.snapshot.coverage.filter((r) => r.status !== 'ok');
    assert.equal(gaps.length, 6);
    for (const g of gaps) {
      assert.equal(g.status, 'denied');
      assert.equal(g.operation, 'dumpxml');
      assert.match(g.resource ?? '', /^libvirt:\/\/kvm-demo-01\/domain\//);
      assert.match(g.message ?? '', /operation forbidden/);
    }
  });

  it('skips the volumes of an inactive pool with a row saying why', async () => {
    const ssd = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e02';
    const wrapper = fakeVirsh(dir, 'virsh-inactive-pool', [[`*" pool-info ${ssd} "*`, 'printf "Name:           fast-ssd\\nState:          inactive\\nPersistent:     yes\\nAutostart:      no\\n"; exit 0']]);
    const outcome = await collectLibvirt([{ uri: DEMO_URI, name: DEMO_HOST }], wrapper);
    const poolId = `libvirt://${DEMO_HOST}/pool/${ssd}`;
    const pool = outcome.snapshot.nodes.find((n) => n.id === poolId);
    assert.ok(pool?.kind === 'storage.pool');
    assert.equal(pool.attrs.active, false);
    assert.ok(!outcome.snapshot.nodes.some((n) => n.kind === 'compute.disk' && n.attrs['poolId'] === poolId));
    const gaps = outcome.snapshot.coverage.filter((r) => r.status !== 'ok');
    assert.deepEqual(gaps.map((g) => [g.service, g.operation, g.status, g.resource]), [['storage', 'vol-list', 'skipped', poolId]], JSON.stringify(gaps));
    assert.match(gaps[0]?.message ?? '', /inactive/);
  });

  it('stops a call that exceeds the timeout and records it', async () => {
    // The timeout leaves room for the other calls on a loaded machine; the slow one would take a minute.
    const wrapper = fakeVirsh(dir, 'virsh-slow-nodeinfo', [['*" nodeinfo "*', 'exec sleep 60']]);
    const started = Date.now();
    const outcome = await collectLibvirt([{ uri: DEMO_URI, name: DEMO_HOST }], wrapper, 6_000);
    assert.ok(Date.now() - started < 45_000, 'the slow call was not cut short');
    const gaps = outcome.snapshot.coverage.filter((r) => r.status !== 'ok');
    assert.deepEqual(gaps.map((g) => `${g.service}/${g.operation} ${g.status}`), ['host/nodeinfo error'], JSON.stringify(gaps));
    assert.match(gaps[0]?.message ?? '', /timed out|abort/i);
    // The host is still there (from `version` and the rest), without the facts nodeinfo gives.
    const host = outcome.snapshot.nodes.find((n) => n.id === `libvirt://${DEMO_HOST}`);
    assert.ok(host?.kind === 'account');
    assert.equal(host.attrs['cpus'], null);
    assert.equal(host.attrs['hypervisor'], 'TEST 0.0.2');
  });

  it('with readOnly, records passwordSet as unknown and a gap saying why', async () => {
    const outcome = await collectLibvirt([{ uri: DEMO_URI, name: DEMO_HOST, readOnly: true }]);
    const consoles = outcome.snapshot.nodes.flatMap((n) => (n.kind === 'compute.instance' ? ((n as InstanceNode).attrs.remoteConsoles ?? []) : []));
    assert.equal(consoles.length, 3);
    assert.ok(consoles.every((c) => c.passwordSet === null));
    const gaps = outcome.snapshot.coverage.filter((r) => r.status !== 'ok');
    assert.equal(gaps.length, 1);
    assert.equal(gaps[0]?.status, 'skipped');
    assert.equal(gaps[0]?.operation, 'dumpxml --security-info');
    assert.match(gaps[0]?.message ?? '', /read-only connection/);
    assert.match(gaps[0]?.message ?? '', /passwordSet is null/);
    assert.deepEqual(outcome.unreachable, []);
  });
});
