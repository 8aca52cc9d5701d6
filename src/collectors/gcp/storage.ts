/** `gcp.storage`: Cloud Storage buckets with their IAM policies. */
import { LIST_IAM_POLICY, LIST_RESOURCE, registerAssetCollector } from './asset-collector.js';

export const storage = registerAssetCollector({
  id: 'gcp.storage',
  service: 'storage',
  description: 'Cloud Storage buckets: uniform access, public access prevention, IAM members, retention, encryption, versioning, logging',
  permissions: [LIST_RESOURCE, LIST_IAM_POLICY],
  plan: [{ assetType: 'storage.googleapis.com/Bucket', contentTypes: ['RESOURCE', 'IAM_POLICY'] }],
});
