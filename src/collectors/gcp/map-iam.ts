/**
 * Service accounts → `iam.service_account`; their user-managed keys → `iam.access_key`.
 * System-managed keys (rotated by Google, never downloadable) are not nodes. Keys carry their creation
 * time (`validAfterTime`), type and status, and a masked key id; CAI never returns key material, and
 * nothing here would copy it (`privateKeyData` is dropped from `raw` should a file carry it).
 */
import type { AccessKeyNode, JsonObject, ServiceAccountNode } from '../../graph/schema.js';
import type { CaiAsset } from './asset.js';
import { GcpAssetError } from './asset.js';
import { bool, str, time } from './json.js';
import { lastSegment, maskId, segmentAfter } from './names.js';

export function serviceAccountNode(a: CaiAsset): ServiceAccountNode {
  const data = a.resource?.data ?? {};
  const email = str(data, 'email');
  const project = str(data, 'projectId') ?? segmentAfter(a.name, 'projects');
  if (email === null || project === null) throw new GcpAssetError(`service account '${a.name}' has no email or project`);
  return {
    id: a.name,
    provider: 'gcp',
    account: project,
    region: 'global',
    kind: 'iam.service_account',
    nativeType: a.assetType,
    name: email.toLowerCase(),
    tags: {},
    createdAt: null,
    attrs: {
      email: email.toLowerCase(),
      displayName: str(data, 'displayName'),
      uniqueId: str(data, 'uniqueId'),
      disabled: bool(data, 'disabled') ?? false,
    },
    raw: data,
  };
}

export const isUserManagedKey = (a: CaiAsset): boolean => str(a.resource?.data, 'keyType') === 'USER_MANAGED';

const SECRET_FIELDS = ['privateKeyData', 'publicKeyData'];

function withoutKeyData(data: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(data).filter(([k]) => !SECRET_FIELDS.includes(k)));
}

export function accessKeyNode(a: CaiAsset): AccessKeyNode {
  const data = a.resource?.data ?? {};
  const project = segmentAfter(a.name, 'projects');
  const keyId = segmentAfter(a.name, 'keys') ?? lastSegment(str(data, 'name') ?? '');
  if (project === null || keyId === null || keyId === '') throw new GcpAssetError(`service account key '${a.name}' has no project or key id`);
  const disabled = bool(data, 'disabled') ?? false;
  // The owning service account's full name: the resource parent, else the key name without `/keys/ID`.
  const serviceAccountId = a.resource?.parent ?? a.name.replace(/\/keys\/[^/]+$/, '');
  const email = segmentAfter(str(data, 'name') ?? '', 'serviceAccounts');
  return {
    id: a.name,
    provider: 'gcp',
    account: project,
    region: 'global',
    kind: 'iam.access_key',
    nativeType: a.assetType,
    name: maskId(keyId),
    tags: {},
    createdAt: time(data, 'validAfterTime'),
    attrs: {
      keyIdMasked: maskId(keyId),
      active: !disabled,
      lastUsedAt: null,
      keyType: str(data, 'keyType'),
      keyOrigin: str(data, 'keyOrigin'),
      keyAlgorithm: str(data, 'keyAlgorithm'),
      disabled,
      expiresAt: time(data, 'validBeforeTime'),
      serviceAccountId,
      serviceAccountEmail: email === null || !email.includes('@') ? null : email.toLowerCase(),
    },
    raw: withoutKeyData(data),
  };
}
