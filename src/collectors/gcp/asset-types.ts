/** The asset types each collector lists, by service (the collectors' tables). */

export const RESOURCEMANAGER_ASSET_TYPES = [
  'cloudresourcemanager.googleapis.com/Organization',
  'cloudresourcemanager.googleapis.com/Folder',
  'cloudresourcemanager.googleapis.com/Project',
] as const;

export const STORAGE_ASSET_TYPES = ['storage.googleapis.com/Bucket'] as const;

export const IAM_ASSET_TYPES = ['iam.googleapis.com/ServiceAccount', 'iam.googleapis.com/ServiceAccountKey'] as const;

export const COMPUTE_ASSET_TYPES = [
  'compute.googleapis.com/Address',
  'compute.googleapis.com/Disk',
  'compute.googleapis.com/Firewall',
  'compute.googleapis.com/ForwardingRule',
  'compute.googleapis.com/GlobalAddress',
  'compute.googleapis.com/GlobalForwardingRule',
  'compute.googleapis.com/Instance',
  'compute.googleapis.com/Snapshot',
] as const;

export const SUPPORTED_ASSET_TYPES: readonly string[] = [
  ...COMPUTE_ASSET_TYPES,
  ...IAM_ASSET_TYPES,
  ...RESOURCEMANAGER_ASSET_TYPES,
  ...STORAGE_ASSET_TYPES,
];
