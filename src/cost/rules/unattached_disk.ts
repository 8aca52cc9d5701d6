/** Disks attached to nothing: they bill every month for capacity nobody uses. */
import type { DiskNode } from '../../graph/schema.js';
import type { Saving } from '../../results/schema.js';
import { diskMonthly } from '../price.js';
import { daysBetween, wholeCostSaving } from '../saving.js';
import type { CostRule } from '../types.js';

export interface UnattachedDiskParams {
  /** Only disks created at least this many days ago (0: every unattached disk). */
  minAgeDays: number;
  [k: string]: number;
}

export const rule: CostRule<UnattachedDiskParams> = {
  id: 'unattached_disk',
  title: 'Unattached disk',
  description: 'A block volume attached to no instance keeps billing for its capacity. Snapshot it if the data matters, then delete it.',
  providers: ['aws', 'gcp', 'azure', 'libvirt'],
  kinds: ['compute.disk'],
  defaults: { minAgeDays: 0 },
  run(snapshot, pricing, params, env) {
    const out: Saving[] = [];
    for (const n of snapshot.nodes) {
      if (n.kind !== 'compute.disk' || n.attrs.attachedTo.length > 0) continue;
      const disk: DiskNode = n;
      const age = disk.createdAt ? daysBetween(disk.createdAt, env.now) : null;
      if (age !== null && age < params.minAgeDays) continue;
      const price = diskMonthly(env.index, pricing, disk);
      const size = disk.attrs.sizeGiB;
      out.push(
        wholeCostSaving(this.id, disk, env.common, `Delete unattached disk ${disk.name} (${size ?? '?'} GiB ${disk.attrs.diskType ?? ''}); snapshot it first if its data is needed`.replace(' )', ')'), price, {
          sizeGiB: size,
          diskType: disk.attrs.diskType,
          attachedTo: [],
          createdAt: disk.createdAt ?? null,
          ageDays: age,
          minAgeDays: params.minAgeDays,
        }),
      );
    }
    return out;
  },
};
