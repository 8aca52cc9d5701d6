/** Public IP addresses reserved but used by nothing. */
import type { JsonObject } from '../../graph/schema.js';
import type { Saving } from '../../results/schema.js';
import { isPriced, publicIpMonthly } from '../price.js';
import { wholeCostSaving } from '../saving.js';
import type { CostRule } from '../types.js';

export const rule: CostRule<Record<string, never>> = {
  id: 'public_ip_unused',
  title: 'Unused public IP address',
  description: 'A reserved public IPv4 address associated with nothing bills by the hour. Release it. (AWS also bills in-use IPv4 addresses: that is stated in the evidence, but only unused ones are recommended for release.)',
  providers: ['aws', 'gcp', 'azure'],
  kinds: ['network.public_ip'],
  defaults: {},
  run(snapshot, pricing, _params, env) {
    const out: Saving[] = [];
    for (const n of snapshot.nodes) {
      if (n.kind !== 'network.public_ip' || n.attrs.associatedWith !== null) continue;
      const evidence: JsonObject = { address: n.attrs.address, associatedWith: null };
      const status = n.attrs['status'];
      if (typeof status === 'string') evidence['status'] = status;
      if (n.provider === 'aws') {
        const inUse = publicIpMonthly(env.index, pricing, n, true);
        evidence['inUseCharge'] = isPriced(inUse)
          ? `AWS bills every public IPv4 address, in use or not: ${inUse.monthly.toFixed(2)} USD/month per in-use address (${inUse.pricingSource}); only unused addresses are recommended for release`
          : 'AWS bills every public IPv4 address, in use or not; only unused addresses are recommended for release';
      }
      out.push(wholeCostSaving(this.id, n, env.common, `Release unused public IP ${n.attrs.address ?? n.name}`, publicIpMonthly(env.index, pricing, n, false), evidence));
    }
    return out;
  },
};
