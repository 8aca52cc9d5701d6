/** Interruptible workloads still running on demand. */
import type { JsonObject } from '../../graph/schema.js';
import type { Saving } from '../../results/schema.js';
import { HOURS_PER_MONTH } from '../pricing/index.js';
import { instanceMonthly, isPriced } from '../price.js';
import { savingFor } from '../saving.js';
import type { CostRule } from '../types.js';

export interface SpotCandidateParams {
  /** Scaling-group members with more attached disks than this (boot disk) are treated as stateful. */
  maxDisksForStateless: number;
  [k: string]: number;
}

const RISK = 'Spot/preemptible capacity can be reclaimed at short notice (AWS: 2 minutes; GCP and Azure: 30 seconds): only for workloads that tolerate interruption';

export const rule: CostRule<SpotCandidateParams> = {
  id: 'spot_candidate',
  title: 'Spot candidate',
  description:
    'A running on-demand instance that can be interrupted: a scaling group member (ASG/MIG/VMSS) with no stateful data disk, or tagged per `cost.spotCandidateTags` (default env in dev, test, ci, batch). Savings from the spot price the collector recorded, else the catalog’s typical spot discount for the family.',
  providers: ['aws', 'gcp', 'azure'],
  kinds: ['compute.instance'],
  defaults: { maxDisksForStateless: 1 },
  run(snapshot, pricing, params, env) {
    const out: Saving[] = [];
    const tagRules = Object.entries(env.common.spotCandidateTags);
    for (const n of snapshot.nodes) {
      if (n.kind !== 'compute.instance' || n.provider === 'libvirt' || n.attrs.state !== 'running' || n.attrs.lifecycle !== 'on-demand' || !n.attrs.instanceType) continue;
      const disks = n.attrs.diskIds?.length ?? 0;
      const byGroup = n.attrs.replaceable === true && disks <= params.maxDisksForStateless;
      const tagHit = tagRules.find(([k, values]) => n.tags[k] !== undefined && values.includes(n.tags[k] ?? ''));
      if (!byGroup && !tagHit) continue;
      const why = byGroup ? `scaling group member with ${disks} disk(s) (no stateful data disk)` : `tagged ${tagHit?.[0]}=${n.tags[tagHit?.[0] ?? '']}`;
      const onDemand = instanceMonthly(env.index, pricing, n);
      const evidence: JsonObject = { reason: why, instanceType: n.attrs.instanceType, interruptionRisk: RISK };
      if (!isPriced(onDemand)) {
        out.push(savingFor(this.id, n, env.common, { recommendation: `Run ${n.name} on spot capacity (${why})`, monthlyCost: null, monthlySavings: null, confidence: 'unknown', pricingSource: 'unpriced', evidence: { ...evidence, unpriced: onDemand.reason } }));
        continue;
      }
      const spot = n.attrs['spotPrice'];
      const spotHourly = spot && typeof spot === 'object' && !Array.isArray(spot) && typeof spot['usdPerHour'] === 'number' ? spot['usdPerHour'] : null;
      let savings: number | null = null;
      let confidence: Saving['confidence'] = 'low';
      if (spotHourly !== null && Number.isFinite(spotHourly)) {
        const spotMonthly = spotHourly * HOURS_PER_MONTH;
        savings = onDemand.monthly - spotMonthly;
        confidence = 'medium';
        Object.assign(evidence, { spotPriceUsdPerHour: spotHourly, spotPriceAt: spot && typeof spot === 'object' && !Array.isArray(spot) ? (spot['at'] ?? null) : null, spotMonthly, formula: 'monthlySavings = on-demand monthly − spot hourly × 730' });
      } else {
        const family = pricing.instanceSpec(n.provider, n.attrs.instanceType)?.family;
        const d = family ? pricing.spotDiscount(n.provider, n.region, family) : undefined;
        if (d) {
          savings = onDemand.monthly * d.value;
          Object.assign(evidence, { family, spotDiscount: d.value, spotDiscountRange: [d.stats.p25, d.stats.p75], spotDiscountSource: `${d.source.id}@${d.source.date}`, formula: 'monthlySavings = on-demand monthly × typical spot discount (median of the family)' });
        } else {
          Object.assign(evidence, { family: family ?? null, spotDiscount: null, unpriced: `no spot discount for ${family ?? n.attrs.instanceType} in ${n.region} in the catalog or the price sheet` });
          confidence = 'unknown';
        }
      }
      if (savings !== null && savings <= 0) continue;
      out.push(
        savingFor(this.id, n, env.common, {
          recommendation: `Run ${n.name} (${n.attrs.instanceType}) on spot capacity: ${why}. ${RISK}`,
          monthlyCost: onDemand.monthly,
          monthlySavings: savings,
          confidence,
          pricingSource: onDemand.pricingSource,
          evidence: { ...evidence, onDemandPrice: onDemand.evidence },
        }),
      );
    }
    return out;
  },
};
