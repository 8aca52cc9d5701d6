import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GraphNode } from '../../graph/schema.js';
import { linkLibvirt } from './link.js';
import type { DomainFacts } from './model.js';
import { domainNode, networkNode, poolNode, volumeNode } from './model.js';
import { parseXml } from './xml.js';

const H = 'h';
const FACTS: DomainFacts = { state: 'running', stateReason: null, autostart: null, persistent: null, passwordsVisible: null };
const RUN = { active: null, autostart: null, persistent: null };
const dom = (uuid: string, devices: string) => domainNode(parseXml(`<domain><name>${uuid}</name><uuid>${uuid}</uuid><devices>${devices}</devices></domain>`), FACTS, H);
const net = (name: string, forward: string, bridge: string) =>
  networkNode(parseXml(`<network><name>${name}</name><uuid>${name}</uuid>${forward}<bridge name='${bridge}'/></network>`), RUN, H);
const pool = poolNode(parseXml(`<pool type='dir'><name>p</name><uuid>p1</uuid><target><path>/i</path></target></pool>`), RUN, H);
const vol = (name: string, poolId: string | null = pool.id) => volumeNode(parseXml(`<volume><name>${name}</name></volume>`), { id: poolId, path: '/i' }, H);

function linked(nodes: GraphNode[]) {
  const out = linkLibvirt({ nodes, edges: [] }, H);
  const byId = new Map(out.nodes.map((n) => [n.id, n]));
  return { out, get: (id: string) => byId.get(id), edges: out.edges.map((e) => `${e.kind} ${e.from} ${e.to}`).sort() };
}

describe('linkLibvirt', () => {
  it('joins disks to volumes by path and by pool/volume name, both ways', () => {
    const a = dom('a', `<disk type='file'><source file='/i/shared.img'/></disk><disk type='volume' device='cdrom'><source pool='p' volume='x.iso'/></disk><disk type='file'><source file='/elsewhere/seed.iso'/></disk>`);
    const b = dom('b', `<disk type='file'><source file='/i/shared.img'/></disk>`);
    const { get, edges } = linked([b, a, pool, vol('shared.img'), vol('x.iso'), vol('orphan.img')]);
    const da = get(a.id);
    assert.ok(da?.kind === 'compute.instance');
    assert.deepEqual(da.attrs.diskIds, [vol('shared.img').id, vol('x.iso').id]);
    const shared = get(vol('shared.img').id);
    assert.ok(shared?.kind === 'compute.disk');
    assert.deepEqual(shared.attrs.attachedTo, [a.id, b.id]);
    const orphan = get(vol('orphan.img').id);
    assert.ok(orphan?.kind === 'compute.disk');
    assert.deepEqual(orphan.attrs.attachedTo, []);
    assert.ok(edges.includes(`attached_to ${vol('shared.img').id} ${b.id}`));
    assert.ok(edges.includes(`stored_in ${vol('orphan.img').id} ${pool.id}`));
    assert.ok(edges.includes(`contains libvirt://h ${orphan.id}`));
  });

  it('puts network interfaces on networks by name and bridge interfaces by bridge, preferring forward-mode bridge networks', () => {
    const nat = net('default', "<forward mode='nat'/>", 'virbr0');
    const lan = net('lan', "<forward mode='bridge'/>", 'br0');
    const shadow = net('shadow', '', 'br0'); // an isolated network that happens to name br0 too
    const d = dom('d', `<interface type='network'><source network='default'/></interface><interface type='bridge'><source bridge='br0'/></interface><interface type='bridge'><source bridge='virbr0'/></interface><interface type='bridge'><source bridge='br9'/></interface><interface type='network'><source network='gone'/></interface>`);
    const { get, edges } = linked([shadow, lan, nat, d]);
    const n = get(d.id);
    assert.ok(n?.kind === 'compute.instance');
    assert.deepEqual(n.attrs.interfaces?.map((i) => i.networkId), [nat.id, lan.id, nat.id, null, null]);
    assert.deepEqual(edges.filter((e) => e.startsWith('in_network')), [`in_network ${d.id} ${lan.id}`, `in_network ${d.id} ${nat.id}`].sort());
  });

  it('never makes an edge to a node that is not there, and adds the host only when something was found', () => {
    const { out, edges } = linked([vol('v.img', 'libvirt://h/pool/missing')]);
    assert.deepEqual(edges, [`contains libvirt://h ${vol('v.img').id}`]);
    assert.ok(out.nodes.some((n) => n.id === 'libvirt://h' && n.kind === 'account'));
    assert.deepEqual(linkLibvirt({ nodes: [], edges: [] }, H), { nodes: [], edges: [] });
  });
});
