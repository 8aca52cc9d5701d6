/**
 * The Azure joins across collectors of one subscription, pure: run by the provider's `link` step on
 * the merged fragments, and by the offline importer.
 *
 * - a VM's `publicIps`: the addresses of the public IP nodes its NICs reference;
 * - a public IP's `associatedWith`: the VM owning the NIC it is configured on (else the NIC, load
 *   balancer or NAT gateway id from the transform);
 * - edges, only between nodes that exist (a failed collector loses its own nodes, never the
 *   snapshot's integrity): `contains` (subscription → every resource), `attached_to` (disk → VM),
 *   `snapshot_of` (snapshot → disk, only when that disk still exists), `protected_by` (VM → NSG of
 *   its NICs, or of its NICs' subnets), `runs_as` (VM → user-assigned identity);
 * - the subscription's `account` node, bare, when resources were read but the subscription itself
 *   could not be.
 *
 * The completed nodes are returned to replace the collectors' ones (same ids).
 */
import type { FirewallNode, GraphEdge, GraphNode, InstanceNode, PublicIpNode } from '../../graph/schema.js';
import type { GraphFragment } from '../types.js';
import { strs } from './arm.js';
import { subscriptionNodeId } from './ids.js';
import { subscriptionNode } from './subscription-model.js';

export function linkAzure(fragment: GraphFragment, subscriptionId: string): GraphFragment {
  const mine = fragment.nodes.filter((n) => n.provider === 'azure' && n.account === subscriptionId);
  const ids = new Set(mine.map((n) => n.id));
  const vms = mine.filter((n): n is InstanceNode => n.kind === 'compute.instance');
  const pips = mine.filter((n): n is PublicIpNode => n.kind === 'network.public_ip');
  const nsgs = mine.filter((n): n is FirewallNode => n.kind === 'network.firewall');
  const pipById = new Map(pips.map((p) => [p.id, p]));
  const vmByNic = new Map<string, string>();
  for (const vm of vms) for (const nic of strs(vm.attrs['networkInterfaceIds'])) vmByNic.set(nic, vm.id);

  const edges: GraphEdge[] = [];
  const linkedVms = vms.map((vm): InstanceNode => {
    const pipIds = strs(vm.attrs['publicIpIds']);
    const publicIps = pipIds.length > 0 ? pipIds.flatMap((id) => (pipById.get(id)?.attrs.address ? [pipById.get(id)?.attrs.address as string] : [])) : vm.attrs.publicIps;
    const nics = new Set(strs(vm.attrs['networkInterfaceIds']));
    const subnets = new Set(strs(vm.attrs['subnetIds']));
    const guarding = new Set(strs(vm.attrs['nicSecurityGroupIds']));
    for (const nsg of nsgs) {
      if (strs(nsg.attrs['networkInterfaceIds']).some((n) => nics.has(n)) || strs(nsg.attrs['subnetIds']).some((s) => subnets.has(s))) guarding.add(nsg.id);
    }
    for (const nsgId of [...guarding].sort()) if (ids.has(nsgId)) edges.push({ from: vm.id, to: nsgId, kind: 'protected_by' });
    for (const identity of strs(vm.attrs['userAssignedIdentityIds'])) if (ids.has(identity)) edges.push({ from: vm.id, to: identity, kind: 'runs_as' });
    return { ...vm, attrs: { ...vm.attrs, publicIps: [...new Set(publicIps)].sort() } };
  });
  const linkedPips = pips.map((p): PublicIpNode => {
    const holder = p.attrs.associatedWith;
    const vm = holder === null ? undefined : vmByNic.get(holder);
    return vm === undefined ? p : { ...p, attrs: { ...p.attrs, associatedWith: vm } };
  });
  for (const n of mine) {
    if (n.kind === 'compute.disk') for (const vm of n.attrs.attachedTo) if (ids.has(vm)) edges.push({ from: n.id, to: vm, kind: 'attached_to' });
    if (n.kind === 'compute.snapshot' && n.attrs.sourceDiskId !== null && ids.has(n.attrs.sourceDiskId)) edges.push({ from: n.id, to: n.attrs.sourceDiskId, kind: 'snapshot_of' });
  }

  const accountId = subscriptionNodeId(subscriptionId);
  const nodes: GraphNode[] = [...linkedVms, ...linkedPips];
  const resources = mine.filter((n) => n.id !== accountId);
  if (resources.length > 0 && !ids.has(accountId)) nodes.push(subscriptionNode(null, subscriptionId));
  for (const r of resources) edges.push({ from: accountId, to: r.id, kind: 'contains' });
  return { nodes, edges };
}
