/**
 * The offline importer: the demo node.xml gives the live graph except for the facts XML cannot
 * give; a folder of dumps is read by root element.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { importLibvirtXml } from '../../src/collectors/libvirt/index.js';
import type { GraphNode } from '../../src/graph/schema.js';
import { InputError } from '../../src/util/errors.js';
import { DEMO_HOST, DEMO_NODE_XML, DEMO_URI, SMALL_DUMPS, byId, collectLibvirt, sortEdges, virshMissingReason } from './helpers.js';

const skip = virshMissingReason();
if (skip) console.log(`# libvirt import-vs-live test skipped: ${skip}`);

/**
 * The facts a node.xml cannot give, by kind: they come from virsh's run-time answers
 * (dominfo, domstate --reason, net-info, pool-info, version) and are null on import.
 */
const NOT_IN_XML: Partial<Record<GraphNode['kind'], string[]>> = {
  'compute.instance': ['autostart', 'stateReason'],
  'network.virtual_network': ['active', 'autostart', 'persistent'],
  'storage.pool': ['active', 'autostart', 'persistent'],
  account: ['hypervisor'],
};

function withUnknowns(node: GraphNode): GraphNode {
  const unknown = Object.fromEntries((NOT_IN_XML[node.kind] ?? []).map((k) => [k, null]));
  return { ...node, attrs: { ...node.attrs, ...unknown } } as GraphNode;
}

describe('importLibvirtXml on the demo node.xml', () => {
  it('gives the live graph, except for the facts listed in NOT_IN_XML', { skip: skip ?? false }, async () => {
    const [imported, live] = await Promise.all([importLibvirtXml(DEMO_NODE_XML, { host: DEMO_HOST }), collectLibvirt([{ uri: DEMO_URI, name: DEMO_HOST }])]);
    assert.deepEqual([...imported.nodes].sort(byId), live.snapshot.nodes.map(withUnknowns).sort(byId));
    assert.deepEqual(sortEdges(imported.edges), sortEdges(live.snapshot.edges));
  });

  it('reads run states from <test:runstate> (none means running)', async () => {
    const imported = await importLibvirtXml(DEMO_NODE_XML, { host: DEMO_HOST });
    const states = Object.fromEntries(imported.nodes.flatMap((n) => (n.kind === 'compute.instance' ? [[n.name, n.attrs.state]] : [])));
    assert.deepEqual(states, {
      'web-01': 'running',
      'db-01': 'running',
      'build-runner-01': 'running',
      'build-runner-02': 'stopped',
      'old-centos7-test': 'stopped',
      'monitoring-01': 'paused',
    });
  });
});

describe('importLibvirtXml on a folder of dumps', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cloudwarden-libvirt-import-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const H = 'kvm-small-01';
  const id = (rest: string) => `libvirt://${H}/${rest}`;

  it('maps each file by its root element, with the documented unknowns', async () => {
    const g = await importLibvirtXml(SMALL_DUMPS, { host: H });
    const node = (nodeId: string) => g.nodes.find((n) => n.id === nodeId);
    const app01 = node(id('domain/c0ffee00-0001-4a1b-8c2d-000000000001'));
    const app02 = node(id('domain/c0ffee00-0001-4a1b-8c2d-000000000002'));
    assert.ok(app01?.kind === 'compute.instance' && app02?.kind === 'compute.instance');
    assert.equal(app01.attrs.state, 'running'); // has id='3'
    assert.equal(app02.attrs.state, 'stopped'); // no id
    assert.equal(app01.attrs.autostart, null);
    assert.equal(app01.attrs.persistent, null);
    assert.deepEqual(app01.attrs.remoteConsoles, [{ protocol: 'vnc', listen: '0.0.0.0', port: 5900, autoport: true, passwordSet: true }]);
    assert.deepEqual(app02.attrs.remoteConsoles, [{ protocol: 'spice', listen: '0.0.0.0', port: null, autoport: true, passwordSet: null }]);
    assert.equal(app01.attrs.memoryMiB, 2048);
    assert.equal(app01.attrs.interfaces?.[0]?.networkId, id('network/c0ffee00-0002-4a1b-8c2d-000000000001'));

    const pool = id('pool/c0ffee00-0003-4a1b-8c2d-000000000001');
    const vol = (name: string) => id(`volume/%2Fvar%2Flib%2Flibvirt%2Fimages%2F${name}`);
    const scratch = node(vol('scratch.qcow2'));
    assert.ok(scratch?.kind === 'compute.disk');
    assert.deepEqual(scratch.attrs.attachedTo, []);
    assert.equal(scratch.attrs.sizeGiB, 20);
    assert.equal(scratch.attrs.allocationGiB, 7);
    assert.equal(scratch.attrs['poolId'], pool);
    const net = node(id('network/c0ffee00-0002-4a1b-8c2d-000000000001'));
    assert.ok(net?.kind === 'network.virtual_network');
    assert.equal(net.attrs.active, null);
    assert.equal(net.attrs.autostart, null);
    assert.ok(!JSON.stringify(g).includes('small-fixture-pw'), 'a password leaked');

    const edges = sortEdges(g.edges).map((e) => `${e.kind} ${e.from.slice(id('').length)} → ${e.to.slice(id('').length)}`);
    assert.deepEqual(
      edges.filter((e) => !e.startsWith('contains')).sort(),
      [
        'in_network domain/c0ffee00-0001-4a1b-8c2d-000000000001 → network/c0ffee00-0002-4a1b-8c2d-000000000001',
        'in_network domain/c0ffee00-0001-4a1b-8c2d-000000000002 → network/c0ffee00-0002-4a1b-8c2d-000000000001',
        'attached_to volume/%2Fvar%2Flib%2Flibvirt%2Fimages%2Fapp-01.qcow2 → domain/c0ffee00-0001-4a1b-8c2d-000000000001',
        'stored_in volume/%2Fvar%2Flib%2Flibvirt%2Fimages%2Fapp-01.qcow2 → pool/c0ffee00-0003-4a1b-8c2d-000000000001',
        'attached_to volume/%2Fvar%2Flib%2Flibvirt%2Fimages%2Fapp-02.qcow2 → domain/c0ffee00-0001-4a1b-8c2d-000000000002',
        'stored_in volume/%2Fvar%2Flib%2Flibvirt%2Fimages%2Fapp-02.qcow2 → pool/c0ffee00-0003-4a1b-8c2d-000000000001',
        'stored_in volume/%2Fvar%2Flib%2Flibvirt%2Fimages%2Fscratch.qcow2 → pool/c0ffee00-0003-4a1b-8c2d-000000000001',
      ].sort(),
    );
    assert.equal(edges.filter((e) => e.startsWith('contains')).length, 7);
    // The host exists because things were found on it; a folder of dumps says nothing about its CPUs.
    const host = node(`libvirt://${H}`);
    assert.ok(host?.kind === 'account');
    assert.equal(host.attrs['cpus'], null);
  });

  it('rejects a missing path, an empty folder and a foreign root element with InputError', async () => {
    await assert.rejects(importLibvirtXml(join(tmp, 'nope'), { host: H }), (e: unknown) => e instanceof InputError && /does not exist/.test(e.message));
    await assert.rejects(importLibvirtXml(tmp, { host: H }), (e: unknown) => e instanceof InputError && /no \.xml files/.test(e.message));
    const foreign = join(tmp, 'foreign.xml');
    writeFileSync(foreign, '<capabilities><host/></capabilities>');
    await assert.rejects(importLibvirtXml(foreign, { host: H }), (e: unknown) => e instanceof InputError && /<capabilities> is not a libvirt domain/.test(e.message));
    const broken = join(tmp, 'broken.xml');
    writeFileSync(broken, '<domain><name>x</domain>');
    await assert.rejects(importLibvirtXml(broken, { host: H }), (e: unknown) => e instanceof InputError && /broken\.xml/.test(e.message));
  });
});

describe('importLibvirtXml on a node file with file= references', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cloudwarden-libvirt-node-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads objects kept in their own files, relative to the node file', async () => {
    writeFileSync(join(tmp, 'vm.xml'), `<domain type='test'><name>vm</name><uuid>d0d0d0d0-0000-4000-8000-000000000001</uuid><devices><disk type='file'><source file='/p/vm.img'/></disk></devices></domain>`);
    writeFileSync(join(tmp, 'vol.xml'), `<volume><name>vm.img</name><capacity unit='GiB'>2</capacity></volume>`);
    writeFileSync(join(tmp, 'node.xml'), `<node><domain file='vm.xml'/><pool type='dir'><name>p</name><uuid>p0000000-0000-4000-8000-000000000001</uuid><target><path>/p</path></target><volume file='vol.xml'/></pool></node>`);
    const g = await importLibvirtXml(join(tmp, 'node.xml'), { host: 'h' });
    const vm = g.nodes.find((n) => n.name === 'vm');
    assert.ok(vm?.kind === 'compute.instance');
    assert.equal(vm.attrs.state, 'running');
    assert.deepEqual(vm.attrs.diskIds, ['libvirt://h/volume/%2Fp%2Fvm.img']);
  });
});
