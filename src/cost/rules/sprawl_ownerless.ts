/** Untagged or ownerless resources, with what they cost, grouped by account and region. */
import type { CostRule } from '../types.js';
import { sprawlSavings } from '../sprawl.js';

export const rule: CostRule<Record<string, never>> = {
  id: 'sprawl_ownerless',
  title: 'Untagged or ownerless resource',
  description:
    'A billable resource (instance, disk, snapshot, public IP, NAT gateway, load balancer) with no tags at all, or none of the owner tag keys (`cost.ownerTagKeys`, default owner, Owner, team). Reported with its monthly cost and its account/region group total; no saving is claimed (monthlySavings null). libvirt has no tags and is skipped.',
  providers: ['aws', 'gcp', 'azure'],
  kinds: ['compute.instance', 'compute.disk', 'compute.snapshot', 'network.public_ip', 'network.nat_gateway', 'network.load_balancer'],
  defaults: {},
  run(snapshot, pricing, _params, env) {
    const keys = env.common.ownerTagKeys;
    return sprawlSavings(this.id, snapshot, pricing, env, (n) => {
      const tagKeys = Object.keys(n.tags).filter((k) => k !== 'Name');
      if (keys.some((k) => (n.tags[k] ?? '').trim() !== '')) return undefined;
      const untagged = tagKeys.length === 0;
      return {
        recommendation: untagged ? `Tag ${n.name} with an owner (${keys.join(', ')}): it has no tags` : `Tag ${n.name} with an owner: none of ${keys.join(', ')} is set`,
        evidence: { untagged, tagKeys, ownerTagKeys: keys },
      };
    });
  },
};
