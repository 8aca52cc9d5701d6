/**
 * `libvirt.host`: the host itself → the `account` node `libvirt://HOST`.
 * get: `nodeinfo` (CPUs, memory) and `version` (the running hypervisor). The client-side versions
 * `virsh version` also prints are left out: they describe the scanning machine, not the host.
 */
import type { Collector, GraphFragment } from '../types.js';
import { registerCollector } from '../types.js';
import { valueOrNull, virsh } from './call.js';
import type { HostFacts } from './model.js';
import { UNKNOWN_HOST_FACTS, hostNode } from './model.js';
import type { LibvirtTarget } from './target.js';
import { parseKeyValues, parseLeadingInt } from './text.js';

const SERVICE = 'host';

export interface HostRaw {
  /** `nodeinfo` output. */
  nodeinfo: string | null;
  /** `version` output. */
  version: string | null;
}

export function hostFacts(raw: HostRaw): HostFacts {
  const info = raw.nodeinfo === null ? undefined : parseKeyValues(raw.nodeinfo);
  const kib = parseLeadingInt(info?.get('Memory size'));
  const hypervisor = raw.version === null ? undefined : parseKeyValues(raw.version).get('Running hypervisor');
  return {
    ...UNKNOWN_HOST_FACTS,
    cpus: parseLeadingInt(info?.get('CPU(s)')),
    cpuModel: info?.get('CPU model') || null,
    cpuMHz: parseLeadingInt(info?.get('CPU frequency')),
    cpuSockets: parseLeadingInt(info?.get('CPU socket(s)')),
    coresPerSocket: parseLeadingInt(info?.get('Core(s) per socket')),
    threadsPerCore: parseLeadingInt(info?.get('Thread(s) per core')),
    numaCells: parseLeadingInt(info?.get('NUMA cell(s)')),
    memoryMiB: kib === null ? null : kib / 1024,
    hypervisor: hypervisor || null,
  };
}

export const hostCollector: Collector<LibvirtTarget, HostRaw> = {
  id: 'libvirt.host',
  provider: 'libvirt',
  service: SERVICE,
  description: 'The hypervisor host: CPUs, memory and hypervisor version',
  permissions: [
    { action: 'virsh nodeinfo (read-only socket)', why: 'CPU count, model and memory of the host' },
    { action: 'virsh version (read-only socket)', why: 'the running hypervisor and its version' },
  ],

  async get(ctx, target) {
    const [nodeinfo, version] = await Promise.all([
      virsh(ctx, target, { service: SERVICE, operation: 'nodeinfo' }, ['nodeinfo']),
      virsh(ctx, target, { service: SERVICE, operation: 'version' }, ['version']),
    ]);
    return { nodeinfo: valueOrNull(nodeinfo), version: valueOrNull(version) };
  },

  transform(raw, target): GraphFragment {
    // No answer at all: no node, so an unreachable host stays visibly unreachable.
    if (raw.nodeinfo === null && raw.version === null) return { nodes: [], edges: [] };
    return { nodes: [hostNode(target.host, hostFacts(raw))], edges: [] };
  },
};

export const host = registerCollector(hostCollector);
