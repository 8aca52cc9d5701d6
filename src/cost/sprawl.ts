/** Shared by the sprawl rules: resources with their monthly cost, grouped by account and region. */
import type { GraphNode, JsonObject, Snapshot } from '../graph/schema.js';
import type { Saving } from '../results/schema.js';
import type { PricingCatalog } from './pricing/index.js';
import { confidenceOf, resourceMonthly } from './price.js';
import { savingFor } from './saving.js';
import type { RuleEnv } from './types.js';

/** One saving per resource picked, with `monthlySavings: null` (sprawl is about accountability), sorted by account, region, cost. */
export function sprawlSavings(ruleId: string, snapshot: Snapshot, pricing: PricingCatalog, env: RuleEnv, pick: (n: GraphNode) => { recommendation: string; evidence: JsonObject } | undefined): Saving[] {
  const rows: { n: GraphNode; s: Saving; group: string }[] = [];
  const groups = new Map<string, { cost: number; resources: number; unpriced: number }>();
  for (const n of snapshot.nodes) {
    if (n.provider === 'libvirt') continue;
    const hit = pick(n);
    if (!hit) continue;
    const price = resourceMonthly(env.index, pricing, n);
    if (!price) continue;
    const group = `${n.account}/${n.region}`;
    const g = groups.get(group) ?? { cost: 0, resources: 0, unpriced: 0 };
    g.resources++;
    if (price.monthly === null) g.unpriced++;
    else g.cost += price.monthly;
    groups.set(group, g);
    const s = savingFor(ruleId, n, env.common, {
      recommendation: hit.recommendation,
      monthlyCost: price.monthly,
      monthlySavings: null,
      confidence: confidenceOf(price),
      pricingSource: price.monthly === null ? 'unpriced' : price.pricingSource,
      evidence: { ...hit.evidence, group, ...(price.monthly === null ? { unpriced: price.reason } : { price: price.evidence }) },
    });
    rows.push({ n, s, group });
  }
  const totals = new Map<string, JsonObject>();
  for (const [k, g] of groups) totals.set(k, { resources: g.resources, monthlyCost: Math.round(g.cost * 100) / 100, unpricedResources: g.unpriced, currency: 'USD' });
  for (const r of rows) {
    const t = totals.get(r.group);
    if (t && r.s.evidence) r.s.evidence['groupTotal'] = t;
  }
  rows.sort((a, b) => (a.n.account < b.n.account ? -1 : a.n.account > b.n.account ? 1 : a.n.region < b.n.region ? -1 : a.n.region > b.n.region ? 1 : (b.s.monthlyCost ?? -1) - (a.s.monthlyCost ?? -1) || (a.n.id < b.n.id ? -1 : 1)));
  return rows.map((r) => r.s);
}
