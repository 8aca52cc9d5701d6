/** AWS io1 volumes: gp3 when its IOPS limits allow, else io2 when io2 is cheaper. */
import type { Saving } from '../../results/schema.js';
import { confidenceOf, diskMonthly } from '../price.js';
import { savingFor } from '../saving.js';
import type { CostRule } from '../types.js';
import { comparePrices } from './instance_rightsize.js';

export interface Io1MigrateParams {
  /** Most IOPS a gp3 volume can provision. */
  gp3MaxIops: number;
  /** Most IOPS per GiB a gp3 volume can provision. */
  gp3MaxIopsPerGiB: number;
  gp3BaselineThroughputMiBps: number;
  [k: string]: number;
}

export const rule: CostRule<Io1MigrateParams> = {
  id: 'disk_io1_migrate',
  title: 'io1 volume → gp3 or io2',
  description:
    'An EBS io1 volume whose provisioned IOPS fit gp3 (≤ 16,000 and ≤ 500 per GiB) moves to gp3 with the same IOPS; above that, to io2 when io2’s tiered IOPS price makes it cheaper. Savings = io1 price − target price; not reported when no target is cheaper.',
  providers: ['aws'],
  kinds: ['compute.disk'],
  defaults: { gp3MaxIops: 16000, gp3MaxIopsPerGiB: 500, gp3BaselineThroughputMiBps: 125 },
  run(snapshot, pricing, params, env) {
    const out: Saving[] = [];
    for (const n of snapshot.nodes) {
      if (n.kind !== 'compute.disk' || n.provider !== 'aws' || n.attrs.diskType !== 'io1' || n.attrs.sizeGiB === null) continue;
      const iops = n.attrs.iops ?? null;
      if (iops === null) {
        env.note(`${this.id}: ${n.id} has no provisioned IOPS in the snapshot: not priced`);
        continue;
      }
      const gp3Fits = iops <= params.gp3MaxIops && iops <= params.gp3MaxIopsPerGiB * n.attrs.sizeGiB;
      const target = gp3Fits ? { diskType: 'gp3', iops: Math.max(iops, 3000), throughputMiBps: params.gp3BaselineThroughputMiBps } : { diskType: 'io2', iops };
      const cmp = comparePrices((mode) => [diskMonthly(env.index, pricing, n, {}, mode), diskMonthly(env.index, pricing, n, target, mode)]);
      if ('reason' in cmp) {
        env.note(`${this.id}: ${n.id} not priced: ${cmp.reason}`);
        continue;
      }
      const savings = cmp.from.monthly - cmp.to.monthly;
      if (savings <= 0) {
        env.note(`${this.id}: ${n.id} (${iops} IOPS) is above gp3’s limits and io2 is not cheaper at that IOPS: not reported`);
        continue;
      }
      out.push(
        savingFor(this.id, n, env.common, {
          recommendation: `Change ${n.name} (${n.attrs.sizeGiB} GiB, ${iops} IOPS) from io1 to ${target.diskType}${gp3Fits ? ` with ${target.iops} IOPS` : ''}`,
          monthlyCost: cmp.from.monthly,
          monthlySavings: savings,
          confidence: confidenceOf(cmp.from),
          pricingSource: cmp.from.pricingSource,
          evidence: { sizeGiB: n.attrs.sizeGiB, iops, target: target.diskType, gp3Fits, io1Price: cmp.from.evidence, targetPrice: cmp.to.evidence, formula: 'monthlySavings = io1 monthly − target monthly' },
        }),
      );
    }
    return out;
  },
};
