/**
 * `libvirt.networks`: virtual networks → `network.virtual_network`.
 * get: `net-list --all --uuid`, then per network `net-dumpxml` and `net-info`.
 */
import type { Collector, CollectContext, GraphFragment } from '../types.js';
import { registerCollector } from '../types.js';
import { valueOrNull, virsh } from './call.js';
import { checkedXml } from './checked-xml.js';
import type { NetworkFacts } from './model.js';
import { networkNode, networkNodeId } from './model.js';
import type { LibvirtTarget } from './target.js';
import { parseKeyValues, parseLines, parseYesNo } from './text.js';
import { parseXml } from './xml.js';

const SERVICE = 'networks';

export interface NetworkRaw {
  uuid: string;
  /** `net-dumpxml` output. */
  xml: string | null;
  /** `net-info` output. */
  info: string | null;
}

export interface NetworksRaw {
  networks: NetworkRaw[];
}

const UNKNOWN: NetworkFacts = { active: null, autostart: null, persistent: null };

async function getNetwork(ctx: CollectContext, target: LibvirtTarget, uuid: string): Promise<NetworkRaw> {
  const op = (operation: string) => ({ service: SERVICE, operation, resource: networkNodeId(target.host, uuid) });
  const [xml, info] = await Promise.all([
    virsh(ctx, target, op('net-dumpxml'), ['net-dumpxml', uuid]),
    virsh(ctx, target, op('net-info'), ['net-info', uuid]),
  ]);
  return {
    uuid,
    xml: checkedXml(ctx, op('net-dumpxml'), valueOrNull(xml), (root) => networkNode(root, UNKNOWN, target.host)),
    info: valueOrNull(info),
  };
}

export function networkFacts(raw: NetworkRaw): NetworkFacts {
  if (raw.info === null) return UNKNOWN;
  const info = parseKeyValues(raw.info);
  return { active: parseYesNo(info.get('Active')), autostart: parseYesNo(info.get('Autostart')), persistent: parseYesNo(info.get('Persistent')) };
}

export const networksCollector: Collector<LibvirtTarget, NetworksRaw> = {
  id: 'libvirt.networks',
  provider: 'libvirt',
  service: SERVICE,
  description: 'Virtual networks: forward mode (nat, route, bridge, isolated…), bridge, addresses and DHCP ranges, active/autostart',
  permissions: [
    { action: 'virsh net-list --all --uuid (read-only socket)', why: 'enumerate every virtual network, active or not' },
    { action: 'virsh net-dumpxml (read-only socket)', why: 'forward mode, bridge, IP ranges and DHCP' },
    { action: 'virsh net-info (read-only socket)', why: 'active, autostart and persistence' },
  ],

  async get(ctx, target) {
    const list = await virsh(ctx, target, { service: SERVICE, operation: 'net-list' }, ['net-list', '--all', '--uuid']);
    if (!list.ok) return { networks: [] };
    const uuids = parseLines(list.value).map((u) => u.toLowerCase());
    return { networks: await Promise.all(uuids.map((uuid) => getNetwork(ctx, target, uuid))) };
  },

  transform(raw, target): GraphFragment {
    const nodes = raw.networks.flatMap((n) => (n.xml === null ? [] : [networkNode(parseXml(n.xml), networkFacts(n), target.host)]));
    return { nodes, edges: [] };
  },
};

export const networks = registerCollector(networksCollector);
