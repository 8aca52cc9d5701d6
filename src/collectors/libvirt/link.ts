/**
 * The libvirt joins across collectors, pure: run by the provider's `link` step on the merged
 * fragments of one host, and by the offline importer on its own nodes.
 *
 * - a domain's `diskIds`: the volumes its disks use, in device order, matched by host path (file and
 *   block disks) or by pool and volume name (`type='volume'` disks);
 * - a volume's `attachedTo`: the domains using it (empty: orphaned);
 * - an interface's `networkId`: `type='network'` by network name; `type='bridge'` by the bridge the
 *   network owns (`<bridge name>`: the host bridge of a `forward mode='bridge'` network, or the
 *   virbrN of a NAT/routed/isolated one, since plugging into it is being on that network);
 * - edges `contains` (host → everything), `stored_in` (volume → pool), `attached_to`
 *   (volume → domain) and `in_network` (domain → network), only between nodes that exist, so a
 *   failed collector loses its own nodes, never the snapshot's integrity.
 *
 * The completed nodes are returned to replace the collectors' ones (same ids).
 */
import type { DiskNode, GraphEdge, GraphNode, InstanceNode, StoragePoolNode, VirtualNetworkNode } from '../../graph/schema.js';
import type { GraphFragment } from '../types.js';
import type { DomainDisk } from './model.js';
import { UNKNOWN_HOST_FACTS, hostNode, hostNodeId } from './model.js';

function isDomainDisk(v: unknown): v is DomainDisk {
  return typeof v === 'object' && v !== null && 'sourceType' in v && 'device' in v;
}

/** The disks recorded on a domain node by `domainNode`. */
export function disksOf(dom: InstanceNode): DomainDisk[] {
  const disks = dom.attrs['disks'];
  return Array.isArray(disks) ? disks.filter(isDomainDisk) : [];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function linkLibvirt(fragment: GraphFragment, host: string): GraphFragment {
  const ofHost = fragment.nodes.filter((n) => n.provider === 'libvirt' && n.account === host);
  const domains = ofHost.filter((n): n is InstanceNode => n.kind === 'compute.instance');
  const volumes = ofHost.filter((n): n is DiskNode => n.kind === 'compute.disk');
  const networks = ofHost.filter((n): n is VirtualNetworkNode => n.kind === 'network.virtual_network');
  const pools = ofHost.filter((n): n is StoragePoolNode => n.kind === 'storage.pool');
  const resources = [...domains, ...volumes, ...networks, ...pools];

  const volumeByPath = new Map<string, DiskNode>();
  const volumeByPoolAndName = new Map<string, DiskNode>();
  for (const v of volumes) {
    if (v.attrs.path) volumeByPath.set(v.attrs.path, v);
    volumeByPoolAndName.set(`${str(v.attrs['poolId'])}\u0000${v.name}`, v);
  }
  const poolIdByName = new Map(pools.map((p) => [p.name, p.id]));
  const networkByName = new Map(networks.map((n) => [n.name, n]));
  const networkByBridge = new Map<string, VirtualNetworkNode>();
  // A forward-mode bridge network names the host bridge; it wins over a network owning the same name.
  for (const n of [...networks].sort((a, b) => Number(a.attrs.forwardMode === 'bridge') - Number(b.attrs.forwardMode === 'bridge'))) {
    if (n.attrs.bridge) networkByBridge.set(n.attrs.bridge, n);
  }

  const volumeOfDisk = (d: DomainDisk): DiskNode | undefined =>
    d.path !== null
      ? volumeByPath.get(d.path)
      : d.pool !== null && d.volume !== null
        ? volumeByPoolAndName.get(`${poolIdByName.get(d.pool) ?? ''}\u0000${d.volume}`)
        : undefined;

  const edges: GraphEdge[] = [];
  const usersOfVolume = new Map<string, Set<string>>();
  const linkedDomains: InstanceNode[] = domains.map((dom) => {
    const diskIds: string[] = [];
    for (const d of disksOf(dom)) {
      const vol = volumeOfDisk(d);
      if (vol === undefined) continue;
      if (!diskIds.includes(vol.id)) diskIds.push(vol.id);
      const users = usersOfVolume.get(vol.id) ?? new Set<string>();
      users.add(dom.id);
      usersOfVolume.set(vol.id, users);
    }
    const interfaces = (dom.attrs.interfaces ?? []).map((i) => {
      const colon = i.source.indexOf(':');
      const [type, name] = colon === -1 ? [i.source, ''] : [i.source.slice(0, colon), i.source.slice(colon + 1)];
      const net = type === 'network' ? networkByName.get(name) : type === 'bridge' ? networkByBridge.get(name) : undefined;
      return { ...i, networkId: net?.id ?? null };
    });
    for (const networkId of new Set(interfaces.map((i) => i.networkId))) {
      if (networkId !== null) edges.push({ from: dom.id, to: networkId, kind: 'in_network' });
    }
    return { ...dom, attrs: { ...dom.attrs, diskIds, interfaces } };
  });

  const poolIds = new Set(pools.map((p) => p.id));
  const linkedVolumes: DiskNode[] = volumes.map((vol) => {
    const attachedTo = [...(usersOfVolume.get(vol.id) ?? [])].sort();
    for (const domainId of attachedTo) edges.push({ from: vol.id, to: domainId, kind: 'attached_to' });
    const poolId = str(vol.attrs['poolId']);
    if (poolId !== null && poolIds.has(poolId)) edges.push({ from: vol.id, to: poolId, kind: 'stored_in' });
    return { ...vol, attrs: { ...vol.attrs, attachedTo } };
  });

  // The host exists as soon as anything on it was read, even when `nodeinfo` itself failed.
  const nodes: GraphNode[] = [...linkedDomains, ...linkedVolumes];
  const accountId = hostNodeId(host);
  if (resources.length > 0 && !ofHost.some((n) => n.id === accountId)) nodes.push(hostNode(host, UNKNOWN_HOST_FACTS));
  for (const r of resources) edges.push({ from: accountId, to: r.id, kind: 'contains' });
  return { nodes, edges };
}
