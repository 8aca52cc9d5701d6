/** Data transfer spend from the billing rows, by service and usage type, with specific suggestions. */
import type { CostRecord, JsonObject } from '../../graph/schema.js';
import { fingerprintOf } from '../../policy/fingerprint.js';
import type { Saving } from '../../results/schema.js';
import { isFullMonth, splitAwsUsageType } from '../context.js';
import { CURRENCY } from '../pricing/index.js';
import { cents } from '../saving.js';
import type { CostRule } from '../types.js';

export interface EgressParams {
  /** Usage types costing less than this per month (USD) are not reported. */
  minMonthlyCost: number;
  /** Internet egress above this many GB a month suggests a CDN. */
  cdnMinGB: number;
  [k: string]: number;
}

const EGRESS = /DataTransfer|-AWS-Out-Bytes|NatGateway-Bytes|CloudFront-Out-Bytes|egress|data transfer out|bandwidth/i;

/** A specific suggestion for one usage type. */
function suggestion(provider: string, service: string, usage: string, gb: number | null, params: EgressParams): string {
  if (/NatGateway-Bytes/.test(usage)) {
    return 'Traffic through the NAT gateway is billed per GB processed on top of any transfer: send S3 and DynamoDB traffic through free gateway VPC endpoints, and other AWS services through interface endpoints where cheaper';
  }
  if (/-AWS-Out-Bytes|InterRegion|inter-region/i.test(usage)) return 'Inter-region transfer: place the consumers in the same region as the data (or replicate once instead of reading across regions)';
  if (/DataTransfer-Regional-Bytes|inter-zone|InterZone/i.test(usage)) return 'Inter-AZ transfer: keep chatty services in the same availability zone, or use AZ-aware routing';
  const heavy = gb !== null && gb >= params.cdnMinGB;
  if (/S3|Storage/i.test(service)) return `Internet egress from object storage${heavy ? ` (${Math.round(gb ?? 0)} GB/month)` : ''}: serve it through a CDN (CloudFront/Cloud CDN/Front Door), whose egress is cheaper and cached`;
  return heavy
    ? `Heavy internet egress (${Math.round(gb ?? 0)} GB/month): put a CDN in front of public content, compress responses, and check what sends it`
    : `Internet egress from ${provider} ${service}: check what sends it, compress it, cache it`;
}

export const rule: CostRule<EgressParams> = {
  id: 'egress',
  title: 'Data transfer spend',
  description:
    'Data transfer cost from billing rows (`snapshot.costs`) of the latest complete month, per account, service and usage type, with a specific suggestion (gateway endpoints for S3/DynamoDB through NAT, a CDN for heavy internet egress, same-region placement). No saving is estimated: the billing rows do not say how much of the traffic each change would remove, so `monthlySavings` is null and confidence low.',
  providers: ['aws', 'gcp', 'azure'],
  kinds: ['cost'],
  defaults: { minMonthlyCost: 10, cdnMinGB: 1000 },
  run(snapshot, _pricing, params) {
    const latest = new Map<string, string>();
    for (const r of snapshot.costs) {
      if (!isFullMonth(r.period)) continue;
      const k = `${r.provider}|${r.account}`;
      if ((latest.get(k) ?? '') < r.period.start) latest.set(k, r.period.start);
    }
    const rows = new Map<string, { rec: CostRecord; cost: number; usage: number | null; unit: string | null }>();
    for (const r of snapshot.costs) {
      if (!r.usageType || !EGRESS.test(r.usageType) || latest.get(`${r.provider}|${r.account}`) !== r.period.start || !isFullMonth(r.period)) continue;
      const key = `${r.provider}|${r.account}|${r.service}|${r.usageType}`;
      const row = rows.get(key) ?? { rec: r, cost: 0, usage: null, unit: null };
      if (r.metric === 'cost' && r.unit === CURRENCY) row.cost += r.amount;
      else if (r.metric === 'usage') {
        row.usage = (row.usage ?? 0) + r.amount;
        row.unit = r.unit;
      }
      rows.set(key, row);
    }
    const out: Saving[] = [];
    for (const { rec, cost, usage, unit } of rows.values()) {
      if (cost < params.minMonthlyCost) continue;
      const usageType = rec.usageType ?? '';
      const region = rec.region ?? (rec.provider === 'aws' ? splitAwsUsageType(usageType).region : 'global');
      const gb = usage !== null && unit !== null && /^GB|GiB$/i.test(unit) ? usage : null;
      const evidence: JsonObject = {
        service: rec.service,
        usageType,
        period: `${rec.period.start}..${rec.period.end}`,
        actualCost: cost,
        usageQuantity: usage,
        usageUnit: unit,
        unitCost: usage ? cost / usage : null,
        source: rec.source,
        whyNoSaving: 'the billing rows do not say what share of this traffic the change would remove',
      };
      const resourceId = `cost://${rec.provider}/${rec.account}/${encodeURIComponent(rec.service)}/${encodeURIComponent(usageType)}`;
      out.push({
        fingerprint: fingerprintOf('egress', resourceId),
        ruleId: 'egress',
        resourceId,
        resourceKind: null,
        resourceName: `${rec.service} / ${usageType}`,
        provider: rec.provider,
        account: rec.account,
        region,
        service: rec.service,
        tags: {},
        owner: null,
        recommendation: suggestion(rec.provider, rec.service, usageType, gb, params),
        monthlyCost: cents(cost),
        monthlySavings: null,
        currency: CURRENCY,
        confidence: 'low',
        pricingSource: rec.source.split(':')[0] ?? rec.source,
        evidence,
      });
    }
    return out.sort((a, b) => (b.monthlyCost ?? 0) - (a.monthlyCost ?? 0) || (a.resourceId < b.resourceId ? -1 : 1));
  },
};
