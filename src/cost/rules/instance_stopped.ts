/** Instances stopped for a long time: compute is not billed, but their disks still are. */
import type { DiskNode } from '../../graph/schema.js';
import type { Saving } from '../../results/schema.js';
import { diskMonthly, instanceMonthly } from '../price.js';
import { daysBetween, wholeCostSaving } from '../saving.js';
import type { CostRule } from '../types.js';

export interface InstanceStoppedParams {
  /** Instances stopped for more than this many days are reported. */
  maxStoppedDays: number;
  [k: string]: number;
}

export const rule: CostRule<InstanceStoppedParams> = {
  id: 'instance_stopped',
  title: 'Instance stopped for a long time',
  description:
    'A stopped (deallocated) instance is not billed for compute, but its disks are. After the threshold, snapshot what is needed and delete the instance and its disks. One saving is reported per disk (the disk is what costs). An Azure VM stopped but not deallocated (`powerState: stopped`) is still billed for compute: that is reported on the VM at once.',
  providers: ['aws', 'gcp', 'azure', 'libvirt'],
  kinds: ['compute.instance', 'compute.disk'],
  defaults: { maxStoppedDays: 30 },
  run(snapshot, pricing, params, env) {
    const out: Saving[] = [];
    const attached = new Map<string, DiskNode[]>();
    for (const n of snapshot.nodes) {
      if (n.kind !== 'compute.disk') continue;
      for (const i of n.attrs.attachedTo) {
        const list = attached.get(i) ?? [];
        list.push(n);
        attached.set(i, list);
      }
    }
    for (const n of snapshot.nodes) {
      if (n.kind !== 'compute.instance' || n.attrs.state !== 'stopped') continue;
      if (n.provider === 'azure' && n.attrs['powerState'] === 'stopped') {
        // Stopped from inside the guest but not deallocated: Azure still bills the VM's compute.
        out.push(
          wholeCostSaving(this.id, n, env.common, `Deallocate VM ${n.name}: it is stopped but not deallocated, so its compute is still billed`, instanceMonthly(env.index, pricing, n), {
            powerState: 'stopped',
            deallocated: false,
            instanceType: n.attrs.instanceType,
            stoppedSince: n.attrs.stateSince,
          }),
        );
      }
      if (!n.attrs.stateSince) {
        env.note(`${this.id}: ${n.id} (${n.name}) is stopped but its state has no date (stateSince unknown): cannot tell whether it has been stopped for more than ${params.maxStoppedDays} days, not reported`);
        continue;
      }
      const days = daysBetween(n.attrs.stateSince, env.now);
      if (days === null || days <= params.maxStoppedDays) continue;
      const disks = new Map<string, DiskNode>();
      for (const id of n.attrs.diskIds ?? []) {
        const d = env.index.node(id);
        if (d?.kind === 'compute.disk') disks.set(d.id, d);
      }
      for (const d of attached.get(n.id) ?? []) disks.set(d.id, d);
      if (disks.size === 0) {
        env.note(`${this.id}: ${n.id} stopped ${days} days, but no disk of it is in the snapshot: nothing billed to report`);
        continue;
      }
      for (const d of [...disks.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
        out.push(
          wholeCostSaving(this.id, d, env.common, `Instance ${n.name} has been stopped since ${n.attrs.stateSince.slice(0, 10)} (${days} days): snapshot disk ${d.name} if needed, then delete the instance and the disk`, diskMonthly(env.index, pricing, d), {
            instanceId: n.id,
            instanceName: n.name,
            instanceType: n.attrs.instanceType,
            state: n.attrs.state,
            stoppedSince: n.attrs.stateSince,
            stoppedDays: days,
            maxStoppedDays: params.maxStoppedDays,
            sizeGiB: d.attrs.sizeGiB,
            diskType: d.attrs.diskType,
          }),
        );
      }
    }
    return out;
  },
};
