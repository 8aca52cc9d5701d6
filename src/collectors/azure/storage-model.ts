/**
 * Storage accounts and blob containers → `storage.bucket`.
 *
 * The bucket is the blob container, not the storage account: a container is the unit that holds
 * objects and that anonymous access is granted on (`publicAccess` None/Blob/Container), as an S3 or
 * GCS bucket is. The account is a namespace with settings that decide what a container's level means:
 * `allowBlobPublicAccess: false` overrides every container level, so each container node carries the
 * account facts it depends on (`publicAccessAllowed`, minimum TLS, HTTPS-only, network default
 * action, encryption) and `effectivePublicAccess`, their result. A storage account without
 * containers gives no node (there is no blob to expose); its settings are still in the raw responses.
 */
import type { BucketNode } from '../../graph/schema.js';
import type { ArmObject } from './arm.js';
import { bool, field, obj, props, str } from './arm.js';
import { normId, parentOf } from './ids.js';
import { baseOf } from './node-base.js';

export const CONTAINER_TYPE = 'Microsoft.Storage/storageAccounts/blobServices/containers';
export const STORAGE_ACCOUNT_TYPE = 'Microsoft.Storage/storageAccounts';

export interface StorageAccountFacts {
  id: string;
  name: string;
  location: ArmObject['location'];
  tags: ArmObject['tags'];
  /** `allowBlobPublicAccess`; null where the account does not say (older API versions). */
  publicAccessAllowed: boolean | null;
  minimumTlsVersion: string | null;
  httpsOnly: boolean | null;
  networkDefaultAction: string | null;
  publicNetworkAccess: string | null;
  allowSharedKeyAccess: boolean | null;
  encryption: string | null;
  createdAt: string | null;
}

export function storageAccountFacts(a: ArmObject): StorageAccountFacts {
  const p = props(a);
  const acl = obj(field(p, 'networkAcls', 'networkRuleSet'));
  const enc = obj(p['encryption']);
  return {
    id: normId(str(a['id']) ?? ''),
    name: str(a['name']) ?? '',
    location: a['location'] ?? null,
    tags: a['tags'] ?? null,
    publicAccessAllowed: bool(p['allowBlobPublicAccess']),
    minimumTlsVersion: str(p['minimumTlsVersion']),
    httpsOnly: bool(field(p, 'supportsHttpsTrafficOnly', 'enableHttpsTrafficOnly')),
    networkDefaultAction: str(acl['defaultAction']),
    publicNetworkAccess: str(p['publicNetworkAccess']),
    allowSharedKeyAccess: bool(p['allowSharedKeyAccess']),
    encryption: str(enc['keySource']),
    createdAt: str(p['creationTime']),
  };
}

/** The container's anonymous access level, lower-case (`none`, `blob`, `container`), or null when absent. */
export function accessLevelOf(c: ArmObject): string | null {
  const level = str(props(c)['publicAccess']);
  return level === null ? null : level.toLowerCase();
}

/** What anonymous users can actually read: the container level where the account allows it. */
export function effectiveAccess(allowed: boolean | null, level: string | null): string | null {
  if (allowed === false || level === 'none') return 'none';
  if (allowed === null || level === null) return null;
  return level;
}

export const storageAccountIdOf = (containerId: string): string => normId(parentOf(containerId, 'blobServices'));

export function containerNode(c: ArmObject, account: StorageAccountFacts | undefined, subscriptionId: string): BucketNode {
  const accountId = storageAccountIdOf(str(c['id']) ?? '');
  const base = baseOf({ ...c, location: account?.location ?? null, tags: c['tags'] ?? null }, subscriptionId, CONTAINER_TYPE, c);
  const level = accessLevelOf(c);
  const allowed = account?.publicAccessAllowed ?? null;
  const accountName = account?.name ?? accountId.split('/').pop() ?? '';
  return {
    ...base,
    name: `${accountName}/${base.name}`,
    kind: 'storage.bucket',
    attrs: {
      aclGrants: null,
      policyStatements: [],
      publicAccessBlock: null,
      publicAccessAllowed: allowed,
      anonymousAccessLevel: level,
      effectivePublicAccess: effectiveAccess(allowed, level),
      encryption: account?.encryption ?? null,
      versioning: null,
      logging: null,
      storageAccountId: accountId,
      storageAccountName: accountName,
      minimumTlsVersion: account?.minimumTlsVersion ?? null,
      httpsOnly: account?.httpsOnly ?? null,
      networkDefaultAction: account?.networkDefaultAction ?? null,
      publicNetworkAccess: account?.publicNetworkAccess ?? null,
      allowSharedKeyAccess: account?.allowSharedKeyAccess ?? null,
    },
  };
}
