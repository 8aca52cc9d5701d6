/**
 * How the libvirt provider fails: bad input is an InputError before anything runs; an unreachable
 * host, a failing call or a read-only connection become coverage rows and the rest goes on.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { libvirtProvider } from '../../src/collectors/libvirt/index.js';
import type { InstanceNode } from '../../src/graph/schema.js';
import { InputError } from '../../src/util/errors.js';
import { DEMO_HOST, DEMO_URI, byId, collectLibvirt, expectedDemoGraph, realVirshPath, sortEdges, virshMissingReason } from './helpers.js';

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
    const wrapper = join(dir, 'virsh-failing-one-dumpxml');
    writeFileSync(
      wrapper,
      `#!/bin/sh\ncase " $* " in\n  *" dumpxml "*"${failing}"*) echo "error: simulated failure of dumpxml for ${failing}" >&2; exit 1 ;;\nesac\nexec '${realVirshPath()}' "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    const outcome = await collectLibvirt([{ uri: DEMO_URI, name: DEMO_HOST }], wrapper);
    const domainId = `libvirt://${DEMO_HOST}/domain/${failing}`;
    const gaps = outcome.snapshot.coverage.filter((r) => r.status !== 'ok');
    assert.equal(gaps.length, 1);
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
