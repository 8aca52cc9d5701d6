/** Running instances using little CPU: one size down in the same family. */
import type { Saving } from '../../results/schema.js';
import { confidenceOf, instanceMonthly, isPriced } from '../price.js';
import type { Figure, Priced } from '../price.js';
import { savingFor } from '../saving.js';
import type { CostRule } from '../types.js';

export interface InstanceRightsizeParams {
  /** Oversized when the CPU p95 is below this percentage. */
  maxCpuP95: number;
  minWindowDays: number;
  /** Never suggest a target with less memory than this (GiB). */
  minTargetMemoryGiB: number;
  [k: string]: number;
}

/**
 * Prices a change from one configuration to another on the same basis: actual rates for both when
 * billing rows give both, else the catalog for both. Never mixes an actual figure with a list price.
 */
export function comparePrices(price: (mode: 'any' | 'catalog') => [Priced, Priced]): { from: Figure; to: Figure } | { reason: string } {
  const [a, b] = price('any');
  if (isPriced(a) && isPriced(b) && a.basis === b.basis) return { from: a, to: b };
  const [c, d] = price('catalog');
  if (isPriced(c) && isPriced(d)) return { from: c, to: d };
  return { reason: !isPriced(c) ? c.reason : !isPriced(d) ? d.reason : 'no price' };
}

export const rule: CostRule<InstanceRightsizeParams> = {
  id: 'instance_rightsize',
  title: 'Oversized instance',
  description: 'A running instance whose CPU p95 stayed under the threshold: the next size down in the same family (catalog `nextSizeDown`). Savings = price difference. Scaling group members are sized at the group and skipped.',
  providers: ['aws', 'gcp', 'azure'],
  kinds: ['compute.instance'],
  defaults: { maxCpuP95: 40, minWindowDays: 14, minTargetMemoryGiB: 1 },
  run(snapshot, pricing, params, env) {
    const out: Saving[] = [];
    for (const n of snapshot.nodes) {
      if (n.kind !== 'compute.instance' || n.attrs.state !== 'running' || !n.attrs.instanceType) continue;
      const u = n.attrs.utilization;
      const p95 = u?.cpu?.p95 ?? null;
      if (!u || p95 === null || u.windowDays < params.minWindowDays || p95 >= params.maxCpuP95) continue;
      if (n.attrs.replaceable === true) {
        env.note(`${this.id}: ${n.id} is a scaling group member (CPU p95 ${p95}%): size it at the group`);
        continue;
      }
      const type = n.attrs.instanceType;
      const target = pricing.nextSizeDown(n.provider, type);
      if (!target) continue;
      if (target.memoryGiB < params.minTargetMemoryGiB) continue;
      const cmp = comparePrices((mode) => [instanceMonthly(env.index, pricing, n, type, mode), instanceMonthly(env.index, pricing, n, target.instanceType, mode)]);
      if ('reason' in cmp) {
        out.push(savingFor(this.id, n, env.common, { recommendation: `Resize ${n.name} from ${type} to ${target.instanceType} (CPU p95 ${p95}%)`, monthlyCost: null, monthlySavings: null, confidence: 'unknown', pricingSource: 'unpriced', evidence: { instanceType: type, target: target.instanceType, cpuP95: p95, unpriced: cmp.reason } }));
        continue;
      }
      const savings = cmp.from.monthly - cmp.to.monthly;
      if (savings <= 0) continue;
      out.push(
        savingFor(this.id, n, env.common, {
          recommendation: `Resize ${n.name} from ${type} to ${target.instanceType} (${target.vcpus} vCPU, ${target.memoryGiB} GiB): CPU p95 ${p95}% over ${u.windowDays} days`,
          monthlyCost: cmp.from.monthly,
          monthlySavings: savings,
          confidence: confidenceOf(cmp.from),
          pricingSource: cmp.from.pricingSource,
          evidence: { instanceType: type, targetType: target.instanceType, cpuP95: p95, windowDays: u.windowDays, maxCpuP95: params.maxCpuP95, currentPrice: cmp.from.evidence, targetPrice: cmp.to.evidence, formula: 'monthlySavings = current monthly − target monthly' },
        }),
      );
    }
    return out;
  },
};
