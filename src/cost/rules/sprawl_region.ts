/** Resources outside the allowed regions, with what they cost, grouped by account and region. */
import type { CostRule } from '../types.js';
import { sprawlSavings } from '../sprawl.js';

export const rule: CostRule<Record<string, never>> = {
  id: 'sprawl_region',
  title: 'Resource outside the allowed regions',
  description:
    'A billable resource in a region not in `cost.allowedRegions` (the rule is off when the list is empty; `global` resources are never reported). Reported with its monthly cost and its account/region group total; no saving is claimed.',
  providers: ['aws', 'gcp', 'azure'],
  kinds: ['compute.instance', 'compute.disk', 'compute.snapshot', 'network.public_ip', 'network.nat_gateway', 'network.load_balancer'],
  defaults: {},
  run(snapshot, pricing, _params, env) {
    const allowed = env.common.allowedRegions;
    if (allowed.length === 0) return [];
    return sprawlSavings(this.id, snapshot, pricing, env, (n) => {
      if (n.region === 'global' || allowed.includes(n.region)) return undefined;
      return { recommendation: `${n.name} is in ${n.region}, outside the allowed regions (${allowed.join(', ')}): move or delete it`, evidence: { region: n.region, allowedRegions: allowed } };
    });
  },
};
