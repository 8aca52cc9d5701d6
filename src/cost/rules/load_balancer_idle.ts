/** Load balancers with no healthy target: they bill by the hour and serve nothing. */
import type { Saving } from '../../results/schema.js';
import { loadBalancerMonthly } from '../price.js';
import { wholeCostSaving } from '../saving.js';
import type { CostRule } from '../types.js';

export const rule: CostRule<Record<string, never>> = {
  id: 'load_balancer_idle',
  title: 'Idle load balancer',
  description: 'A load balancer with no healthy target (`healthyTargets: 0`). Delete it, or fix its targets. Load balancers with an unknown target count are not reported.',
  providers: ['aws', 'gcp', 'azure'],
  kinds: ['network.load_balancer'],
  defaults: {},
  run(snapshot, _pricing, _params, env) {
    const out: Saving[] = [];
    for (const n of snapshot.nodes) {
      if (n.kind !== 'network.load_balancer' || n.attrs.healthyTargets !== 0) continue;
      out.push(wholeCostSaving(this.id, n, env.common, `Delete load balancer ${n.name}: it has no healthy target`, loadBalancerMonthly(env.index, n), { healthyTargets: 0, scheme: n.attrs.scheme, type: n.attrs['type'] ?? null }));
    }
    return out;
  },
};
