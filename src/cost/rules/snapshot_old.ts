/** Snapshots older than a retention threshold. */
import type { Saving } from '../../results/schema.js';
import { snapshotBilledGiB, snapshotMonthly } from '../price.js';
import { daysBetween, wholeCostSaving } from '../saving.js';
import type { CostRule } from '../types.js';

export interface SnapshotOldParams {
  /** Snapshots taken more than this many days ago are reported. */
  maxAgeDays: number;
  [k: string]: number;
}

export const rule: CostRule<SnapshotOldParams> = {
  id: 'snapshot_old',
  title: 'Old snapshot',
  description: 'A disk snapshot older than the retention threshold. Snapshots an image is made from are skipped (the image needs them).',
  providers: ['aws', 'gcp', 'azure', 'libvirt'],
  kinds: ['compute.snapshot'],
  defaults: { maxAgeDays: 90 },
  run(snapshot, pricing, params, env) {
    const out: Saving[] = [];
    for (const n of snapshot.nodes) {
      if (n.kind !== 'compute.snapshot' || !n.createdAt) continue;
      const age = daysBetween(n.createdAt, env.now);
      if (age === null || age <= params.maxAgeDays) continue;
      const image = env.index.imageOfSnapshot.get(n.id);
      if (image) {
        env.note(`${this.id}: ${n.id} is ${age} days old but backs image ${image}: not reported`);
        continue;
      }
      out.push(
        wholeCostSaving(this.id, n, env.common, `Delete snapshot ${n.name}, taken ${n.createdAt.slice(0, 10)} (${age} days ago, retention ${params.maxAgeDays} days), or move it to archive storage`, snapshotMonthly(env.index, pricing, n), {
          createdAt: n.createdAt,
          ageDays: age,
          maxAgeDays: params.maxAgeDays,
          billedGiB: snapshotBilledGiB(n),
          sourceDiskId: n.attrs.sourceDiskId,
        }),
      );
    }
    return out;
  },
};
