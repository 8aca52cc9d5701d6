/** `gcp.resourcemanager`: projects, and the IAM policies of the organization, folders and projects. */
import { LIST_IAM_POLICY, LIST_RESOURCE, registerAssetCollector } from './asset-collector.js';

export const resourcemanager = registerAssetCollector({
  id: 'gcp.resourcemanager',
  service: 'resourcemanager',
  description: 'Projects (accounts) and the IAM policy bindings of the organization, folders and projects',
  permissions: [LIST_RESOURCE, LIST_IAM_POLICY],
  plan: [
    { assetType: 'cloudresourcemanager.googleapis.com/Folder', contentTypes: ['IAM_POLICY'] },
    { assetType: 'cloudresourcemanager.googleapis.com/Organization', contentTypes: ['IAM_POLICY'] },
    { assetType: 'cloudresourcemanager.googleapis.com/Project', contentTypes: ['RESOURCE', 'IAM_POLICY'] },
  ],
});
