/** Snapshots whose source disk no longer exists. */
import type { Saving } from '../../results/schema.js';
import { snapshotBilledGiB, snapshotMonthly } from '../price.js';
import { daysBetween, wholeCostSaving } from '../saving.js';
import type { CostRule } from '../types.js';

export interface SnapshotOrphanedParams {
  /** Grace period: snapshots younger than this many days are left alone (a fresh final backup). */
  minAgeDays: number;
  [k: string]: number;
}

export const rule: CostRule<SnapshotOrphanedParams> = {
  id: 'snapshot_orphaned',
  title: 'Snapshot of a deleted disk',
  description: 'A snapshot whose source disk is gone (no such disk in the snapshot and no snapshot_of edge): often a forgotten final backup. Keep it only if a retention policy requires it.',
  providers: ['aws', 'gcp', 'azure', 'libvirt'],
  kinds: ['compute.snapshot'],
  defaults: { minAgeDays: 0 },
  run(snapshot, pricing, params, env) {
    const out: Saving[] = [];
    for (const n of snapshot.nodes) {
      if (n.kind !== 'compute.snapshot') continue;
      const src = n.attrs.sourceDiskId;
      if (!src || env.index.snapshotOf.has(n.id) || env.index.node(src)) continue;
      if (env.index.imageOfSnapshot.has(n.id)) continue;
      const age = n.createdAt ? daysBetween(n.createdAt, env.now) : null;
      if (age !== null && age < params.minAgeDays) continue;
      out.push(
        wholeCostSaving(this.id, n, env.common, `Delete snapshot ${n.name}: its source disk ${src} no longer exists (keep it only if a retention policy requires it)`, snapshotMonthly(env.index, pricing, n), {
          sourceDiskId: src,
          sourceDiskExists: false,
          createdAt: n.createdAt ?? null,
          ageDays: age,
          billedGiB: snapshotBilledGiB(n),
        }),
      );
    }
    return out;
  },
};
