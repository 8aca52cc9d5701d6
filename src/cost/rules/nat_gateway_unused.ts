/** NAT gateways nothing sends traffic through. */
import type { JsonObject } from '../../graph/schema.js';
import type { Saving } from '../../results/schema.js';
import { natGatewayMonthly } from '../price.js';
import { wholeCostSaving } from '../saving.js';
import type { CostRule } from '../types.js';

export interface NatGatewayUnusedParams {
  /** Unused when the bytes processed over the metric window (attrs `bytesProcessed`) are at most this. */
  maxBytesProcessed: number;
  [k: string]: number;
}

export const rule: CostRule<NatGatewayUnusedParams> = {
  id: 'nat_gateway_unused',
  title: 'Unused NAT gateway',
  description: 'A NAT gateway that processed no traffic (when the collector records `bytesProcessed`) or, without that metric, sits in a network with no running instance. Delete it.',
  providers: ['aws', 'gcp', 'azure'],
  kinds: ['network.nat_gateway', 'compute.instance'],
  defaults: { maxBytesProcessed: 0 },
  run(snapshot, pricing, params, env) {
    const out: Saving[] = [];
    for (const n of snapshot.nodes) {
      if (n.kind !== 'network.nat_gateway') continue;
      if (n.attrs.state !== null && !['available', 'active', 'succeeded'].includes(n.attrs.state.toLowerCase())) continue;
      const bytes = n.attrs['bytesProcessed'];
      const vpc = n.attrs['vpcId'];
      let evidence: JsonObject;
      if (typeof bytes === 'number') {
        if (bytes > params.maxBytesProcessed) continue;
        evidence = { bytesProcessed: bytes, maxBytesProcessed: params.maxBytesProcessed, basis: 'bytes processed over the metric window' };
      } else if (typeof vpc === 'string') {
        if ((env.index.runningInVpc.get(vpc) ?? 0) > 0) continue;
        evidence = { vpcId: vpc, runningInstancesInVpc: 0, basis: 'no running instance in its network (no traffic metric collected)' };
      } else continue;
      out.push(wholeCostSaving(this.id, n, env.common, `Delete NAT gateway ${n.name}: nothing uses it`, natGatewayMonthly(env.index, pricing, n), evidence));
    }
    return out;
  },
};
