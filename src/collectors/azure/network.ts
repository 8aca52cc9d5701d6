/**
 * `azure.network`: network security groups (custom and default rules) and public IP addresses.
 * get: `networkSecurityGroups.listAll`, `publicIPAddresses.listAll`.
 */
import type { JsonObject } from '../../graph/schema.js';
import type { Collector, GraphFragment } from '../types.js';
import { registerCollector } from '../types.js';
import { clientsFor } from './clients.js';
import { nsgNode, publicIpNode } from './network-model.js';
import { firstPageOf, listAll } from './paging.js';
import type { AzureTarget } from './target.js';

const SERVICE = 'network';

export interface NetworkRaw {
  securityGroups: JsonObject[];
  publicIps: JsonObject[];
}

export const networkCollector: Collector<AzureTarget, NetworkRaw> = {
  id: 'azure.network',
  provider: 'azure',
  service: SERVICE,
  description: 'Network security groups with their rules, and public IP addresses (used or not)',
  permissions: [
    { action: 'Microsoft.Network/networkSecurityGroups/read', why: 'list NSGs with custom and default security rules, and the NICs/subnets they apply to' },
    { action: 'Microsoft.Network/publicIPAddresses/read', why: 'list public IP addresses and what uses them' },
  ],

  async get(ctx, target) {
    const { network } = clientsFor(target.connection, target.subscriptionId);
    const [securityGroups, publicIps] = await Promise.all([
      listAll(ctx, { service: SERVICE, operation: 'networkSecurityGroups.listAll' }, network.pipeline, firstPageOf((o) => network.networkSecurityGroups.listAll(o))),
      listAll(ctx, { service: SERVICE, operation: 'publicIPAddresses.listAll' }, network.pipeline, firstPageOf((o) => network.publicIPAddresses.listAll(o))),
    ]);
    return { securityGroups: securityGroups ?? [], publicIps: publicIps ?? [] };
  },

  transform(raw, target): GraphFragment {
    return {
      nodes: [...raw.securityGroups.map((n) => nsgNode(n, target.subscriptionId)), ...raw.publicIps.map((p) => publicIpNode(p, target.subscriptionId))],
      edges: [],
    };
  },
};

export const network = registerCollector(networkCollector);
