/** `gcp.compute`: instances, disks, snapshots, external addresses, firewall rules and forwarding rules. */
import { COMPUTE_ASSET_TYPES } from './asset-types.js';
import { LIST_RESOURCE, registerAssetCollector } from './asset-collector.js';

export const compute = registerAssetCollector({
  id: 'gcp.compute',
  service: 'compute',
  description: 'Compute Engine instances, disks, snapshots, reserved external addresses, firewall rules and forwarding rules (load balancers)',
  permissions: [LIST_RESOURCE],
  plan: COMPUTE_ASSET_TYPES.map((assetType) => ({ assetType, contentTypes: ['RESOURCE'] as const })),
});
