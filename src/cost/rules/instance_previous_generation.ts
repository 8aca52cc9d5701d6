/** Previous-generation instance types whose current-generation equivalent is cheaper. */
import type { Saving } from '../../results/schema.js';
import { confidenceOf, instanceMonthly } from '../price.js';
import { savingFor } from '../saving.js';
import type { CostRule } from '../types.js';
import { comparePrices } from './instance_rightsize.js';

export const rule: CostRule<Record<string, never>> = {
  id: 'instance_previous_generation',
  title: 'Previous-generation instance type',
  description: 'A running instance of a previous-generation type, reported **only when** its current-generation equivalent (catalog `currentGenerationEquivalent`: same role, same CPU vendor, same or next larger shape) is cheaper. Newer types are often dearer per hour.',
  providers: ['aws', 'gcp', 'azure'],
  kinds: ['compute.instance'],
  defaults: {},
  run(snapshot, pricing, _params, env) {
    const out: Saving[] = [];
    for (const n of snapshot.nodes) {
      if (n.kind !== 'compute.instance' || n.attrs.state !== 'running' || !n.attrs.instanceType) continue;
      const type = n.attrs.instanceType;
      const target = pricing.currentGenerationEquivalent(n.provider, type);
      if (!target) continue;
      const cmp = comparePrices((mode) => [instanceMonthly(env.index, pricing, n, type, mode), instanceMonthly(env.index, pricing, n, target.instanceType, mode)]);
      if ('reason' in cmp) {
        env.note(`${this.id}: ${n.id} (${type} → ${target.instanceType}) not priced: ${cmp.reason}`);
        continue;
      }
      const savings = cmp.from.monthly - cmp.to.monthly;
      if (savings <= 0) {
        env.note(`${this.id}: ${n.id} is ${type} (previous generation) but ${target.instanceType} costs ${cmp.to.monthly.toFixed(2)} vs ${cmp.from.monthly.toFixed(2)} USD/month: not cheaper, not reported`);
        continue;
      }
      out.push(
        savingFor(this.id, n, env.common, {
          recommendation: `Move ${n.name} from previous-generation ${type} to ${target.instanceType} (${target.vcpus} vCPU, ${target.memoryGiB} GiB)`,
          monthlyCost: cmp.from.monthly,
          monthlySavings: savings,
          confidence: confidenceOf(cmp.from),
          pricingSource: cmp.from.pricingSource,
          evidence: { instanceType: type, targetType: target.instanceType, currentPrice: cmp.from.evidence, targetPrice: cmp.to.evidence, formula: 'monthlySavings = current monthly − target monthly (> 0 only)' },
        }),
      );
    }
    return out;
  },
};
