/** AWS gp2 volumes: gp3 gives the same baseline for less. */
import type { Saving } from '../../results/schema.js';
import { confidenceOf, diskMonthly } from '../price.js';
import { savingFor } from '../saving.js';
import type { CostRule } from '../types.js';
import { comparePrices } from './instance_rightsize.js';

export interface Gp2ToGp3Params {
  /** gp3 baseline IOPS included in its capacity price. */
  gp3BaselineIops: number;
  /** gp3 baseline throughput (MiB/s) included in its capacity price. */
  gp3BaselineThroughputMiBps: number;
  [k: string]: number;
}

export const rule: CostRule<Gp2ToGp3Params> = {
  id: 'disk_gp2_to_gp3',
  title: 'gp2 volume → gp3',
  description:
    'An EBS gp2 volume converted in place to gp3 (no downtime). gp3 is priced with its baseline (3,000 IOPS, 125 MiB/s) or, when the gp2 volume has more baseline IOPS (3 per GiB), with the extra IOPS to match. Savings = gp2 price − gp3 price.',
  providers: ['aws'],
  kinds: ['compute.disk'],
  defaults: { gp3BaselineIops: 3000, gp3BaselineThroughputMiBps: 125 },
  run(snapshot, pricing, params, env) {
    const out: Saving[] = [];
    for (const n of snapshot.nodes) {
      if (n.kind !== 'compute.disk' || n.provider !== 'aws' || n.attrs.diskType !== 'gp2' || n.attrs.sizeGiB === null) continue;
      const gp2Iops = n.attrs.iops ?? Math.min(16000, Math.max(100, 3 * n.attrs.sizeGiB));
      const iops = Math.max(params.gp3BaselineIops, gp2Iops);
      const thr = params.gp3BaselineThroughputMiBps;
      const cmp = comparePrices((mode) => [diskMonthly(env.index, pricing, n, {}, mode), diskMonthly(env.index, pricing, n, { diskType: 'gp3', iops, throughputMiBps: thr }, mode)]);
      if ('reason' in cmp) {
        out.push(savingFor(this.id, n, env.common, { recommendation: `Convert ${n.name} from gp2 to gp3`, monthlyCost: null, monthlySavings: null, confidence: 'unknown', pricingSource: 'unpriced', evidence: { sizeGiB: n.attrs.sizeGiB, unpriced: cmp.reason } }));
        continue;
      }
      const savings = cmp.from.monthly - cmp.to.monthly;
      if (savings <= 0) continue;
      out.push(
        savingFor(this.id, n, env.common, {
          recommendation: `Convert ${n.name} (${n.attrs.sizeGiB} GiB) from gp2 to gp3 at ${iops} IOPS and ${thr} MiB/s (an in-place change, no downtime)`,
          monthlyCost: cmp.from.monthly,
          monthlySavings: savings,
          confidence: confidenceOf(cmp.from),
          pricingSource: cmp.from.pricingSource,
          evidence: {
            sizeGiB: n.attrs.sizeGiB,
            gp2Iops,
            gp3Iops: iops,
            gp3ThroughputMiBps: thr,
            gp2Price: cmp.from.evidence,
            gp3Price: cmp.to.evidence,
            note: 'gp2 volumes over 170 GiB can burst to 250 MiB/s; raise gp3 throughput if the workload needs it',
            formula: 'monthlySavings = gp2 monthly − gp3 monthly',
          },
        }),
      );
    }
    return out;
  },
};
