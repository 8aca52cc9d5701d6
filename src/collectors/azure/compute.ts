/**
 * `azure.compute`: managed disks, snapshots, virtual machines (model and instance view) and the
 * network interfaces the VMs use (for their addresses, NSGs and subnets).
 * get: `disks.list`, `snapshots.list`, `virtualMachines.listAll`, `virtualMachines.listAll`
 * with `statusOnly=true` (power states of all VMs in one list), `networkInterfaces.listAll`.
 */
import type { JsonObject } from '../../graph/schema.js';
import type { Collector, GraphFragment } from '../types.js';
import { registerCollector } from '../types.js';
import { str } from './arm.js';
import { clientsFor } from './clients.js';
import { diskNode, nicFacts, snapshotNode, vmNode } from './compute-model.js';
import { normId } from './ids.js';
import { firstPageOf, listAll } from './paging.js';
import type { AzureTarget } from './target.js';

const SERVICE = 'compute';

export interface ComputeRaw {
  disks: JsonObject[];
  snapshots: JsonObject[];
  virtualMachines: JsonObject[];
  /** The same VMs from the status-only list: `properties.instanceView`. */
  vmStatuses: JsonObject[];
  networkInterfaces: JsonObject[];
}

export const computeCollector: Collector<AzureTarget, ComputeRaw> = {
  id: 'azure.compute',
  provider: 'azure',
  service: SERVICE,
  description: 'Managed disks, snapshots and virtual machines (size, power state, Spot, scale set, identities, NICs)',
  permissions: [
    { action: 'Microsoft.Compute/disks/read', why: 'list managed disks: state, owner VM, SKU, size' },
    { action: 'Microsoft.Compute/snapshots/read', why: 'list snapshots and their source disks' },
    { action: 'Microsoft.Compute/virtualMachines/read', why: 'list VMs (model and, with statusOnly=true, instance view: power state)' },
    { action: 'Microsoft.Network/networkInterfaces/read', why: "the VMs' NICs: private addresses, public IP and NSG references, subnets" },
  ],

  async get(ctx, target) {
    const { compute, network } = clientsFor(target.connection, target.subscriptionId);
    const op = (operation: string) => ({ service: SERVICE, operation });
    const [disks, snapshots, virtualMachines, vmStatuses, networkInterfaces] = await Promise.all([
      listAll(ctx, op('disks.list'), compute.pipeline, firstPageOf((o) => compute.disks.list(o))),
      listAll(ctx, op('snapshots.list'), compute.pipeline, firstPageOf((o) => compute.snapshots.list(o))),
      listAll(ctx, op('virtualMachines.listAll'), compute.pipeline, firstPageOf((o) => compute.virtualMachines.listAll(o))),
      listAll(ctx, op('virtualMachines.listAll(statusOnly)'), compute.pipeline, firstPageOf((o) => compute.virtualMachines.listAll({ ...o, statusOnly: 'true' }))),
      listAll(ctx, op('networkInterfaces.listAll'), network.pipeline, firstPageOf((o) => network.networkInterfaces.listAll(o))),
    ]);
    return { disks: disks ?? [], snapshots: snapshots ?? [], virtualMachines: virtualMachines ?? [], vmStatuses: vmStatuses ?? [], networkInterfaces: networkInterfaces ?? [] };
  },

  transform(raw, target): GraphFragment {
    const sub = target.subscriptionId;
    const statuses = new Map(raw.vmStatuses.map((s) => [normId(str(s['id']) ?? ''), s]));
    const nics = new Map(raw.networkInterfaces.map((n) => [normId(str(n['id']) ?? ''), nicFacts(n)]));
    return {
      nodes: [
        ...raw.disks.map((d) => diskNode(d, sub)),
        ...raw.snapshots.map((s) => snapshotNode(s, sub)),
        ...raw.virtualMachines.map((vm) => vmNode(vm, statuses.get(normId(str(vm['id']) ?? '')), nics, sub)),
      ],
      edges: [],
    };
  },
};

export const compute = registerCollector(computeCollector);
