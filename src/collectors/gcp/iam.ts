/** `gcp.iam`: service accounts and their user-managed keys (never key material). */
import { IAM_ASSET_TYPES } from './asset-types.js';
import { LIST_RESOURCE, registerAssetCollector } from './asset-collector.js';

export const iam = registerAssetCollector({
  id: 'gcp.iam',
  service: 'iam',
  description: 'IAM service accounts and their user-managed keys (creation time, type, status; no key material)',
  permissions: [LIST_RESOURCE],
  plan: IAM_ASSET_TYPES.map((assetType) => ({ assetType, contentTypes: ['RESOURCE'] as const })),
});
