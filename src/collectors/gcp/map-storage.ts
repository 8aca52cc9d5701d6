/**
 * Cloud Storage buckets → `storage.bucket`.
 *
 * - `iamMembers`: the bucket IAM policy's bindings; [] when the policy listing succeeded and CAI has no
 *   policy for the bucket; null when the IAM policies could not be listed.
 * - `publicAccessAllowed`: false when public access prevention is `enforced`; null otherwise, since
 *   `inherited` defers to the organization policy `storage.publicAccessPrevention`, which is not read.
 * - `aclGrants`: [] with uniform bucket-level access (ACLs do not apply); the legacy ACL entries when
 *   the record carries them; null when it does not.
 * - `encryption`: `cmek` with a default KMS key, else `google-managed`.
 */
import type { AclGrant, BucketNode, JsonObject } from '../../graph/schema.js';
import type { CaiAsset } from './asset.js';
import { GcpAssetError } from './asset.js';
import { bool, num, obj, objs, str, labels, time } from './json.js';
import { bucketId, bucketNameOf, containerOf } from './names.js';

function aclGrantee(entity: string): string {
  if (entity === 'allUsers') return 'AllUsers';
  if (entity === 'allAuthenticatedUsers') return 'AuthenticatedUsers';
  if (entity.startsWith('user-')) return `Email:${entity.slice(5)}`;
  if (entity.startsWith('group-')) return `Group:${entity.slice(6)}`;
  if (entity.startsWith('domain-')) return `Domain:${entity.slice(7)}`;
  if (entity.startsWith('project-')) return `Project:${entity.slice(8)}`;
  return entity;
}

function aclGrants(data: JsonObject, uniform: boolean): AclGrant[] | null {
  if (uniform) return [];
  if (!Array.isArray(data['acl'])) return null;
  return objs(data, 'acl').flatMap((e) => {
    const entity = str(e, 'entity');
    return entity === null ? [] : [{ grantee: aclGrantee(entity), permission: str(e, 'role') ?? 'UNKNOWN' }];
  });
}

/** The project number a bucket belongs to. */
function bucketProjectNumber(a: CaiAsset, data: JsonObject): string | null {
  const fromData = str(data, 'projectNumber');
  if (fromData !== null) return fromData;
  const parent = a.resource?.parent ? containerOf(a.resource.parent) : null;
  const fromParent = parent?.startsWith('projects/') ? parent.slice('projects/'.length) : null;
  return fromParent ?? a.ancestors.find((x) => x.startsWith('projects/'))?.slice('projects/'.length) ?? null;
}

/**
 * @param policy the bucket's IAM policy record, if any
 * @param iamKnown whether bucket IAM policies were listed completely
 */
export function bucketNode(a: CaiAsset, policy: CaiAsset | undefined, iamKnown: boolean): BucketNode {
  const data = a.resource?.data ?? {};
  const name = bucketNameOf(a.name) ?? str(data, 'name');
  if (name === null) throw new GcpAssetError(`bucket asset '${a.name}' has no bucket name`);
  const project = bucketProjectNumber(a, data);
  if (project === null) throw new GcpAssetError(`bucket '${name}' names no project`);
  const iamConfig = obj(data, 'iamConfiguration');
  const uniform = bool(obj(iamConfig, 'uniformBucketLevelAccess'), 'enabled') ?? bool(obj(iamConfig, 'bucketPolicyOnly'), 'enabled') ?? false;
  const pap = str(iamConfig, 'publicAccessPrevention');
  const kmsKey = str(obj(data, 'encryption'), 'defaultKmsKeyName');
  const retention = obj(data, 'retentionPolicy');
  const loggingBucket = str(obj(data, 'logging'), 'logBucket');
  const iamMembers = policy?.iamPolicy
    ? policy.iamPolicy.bindings.map((b) => ({ role: b.role, members: [...b.members] }))
    : iamKnown
      ? []
      : null;
  return {
    id: bucketId(name),
    provider: 'gcp',
    account: project,
    region: (a.resource?.location ?? str(data, 'location') ?? 'global').toLowerCase(),
    kind: 'storage.bucket',
    nativeType: a.assetType,
    name,
    tags: labels(data),
    createdAt: time(data, 'timeCreated'),
    attrs: {
      aclGrants: aclGrants(data, uniform),
      policyStatements: [],
      publicAccessBlock: null,
      iamMembers,
      publicAccessAllowed: pap === 'enforced' ? false : null,
      encryption: kmsKey !== null ? 'cmek' : 'google-managed',
      versioning: bool(obj(data, 'versioning'), 'enabled') ?? false,
      logging: loggingBucket !== null,
      uniformBucketLevelAccess: uniform,
      publicAccessPrevention: pap,
      kmsKeyName: kmsKey,
      logBucket: loggingBucket,
      retentionPeriodSeconds: num(retention, 'retentionPeriod'),
      retentionLocked: retention === null ? null : (bool(retention, 'isLocked') ?? false),
      storageClass: str(data, 'storageClass'),
      locationType: str(data, 'locationType'),
      projectNumber: project,
    },
    raw: data,
  };
}
