/** Pure: S3 responses (CLI JSON) → `storage.bucket` nodes with their public-access inputs. */
import type {
  GetBucketAclOutput,
  GetBucketLoggingOutput,
  GetBucketVersioningOutput,
  OwnershipControls,
  PolicyStatus,
  PublicAccessBlockConfiguration,
  ServerSideEncryptionConfiguration,
} from '@aws-sdk/client-s3';
import type { AclGrant, GraphNode, PublicAccessBlock } from '../../graph/schema.js';
import { bucketArn } from './arn.js';
import type { CliJson } from './cli-json.js';
import { isoTime } from './cli-json.js';
import { normalizePolicyOrNull } from './policy.js';

/** A sub-resource read: the document, `'none'` when it is not configured (the 404 S3 gives), null when unreadable. */
export type Read<T> = T | 'none' | null;

export interface S3BucketRaw {
  name: string;
  creationDate: string | null;
  /** The bucket's region (ListBuckets BucketRegion or GetBucketLocation); null when unknown. */
  region: string | null;
  acl: CliJson<GetBucketAclOutput> | null;
  /** Policy JSON text. */
  policy: Read<string>;
  policyStatus: Read<CliJson<PolicyStatus>>;
  publicAccessBlock: Read<CliJson<PublicAccessBlockConfiguration>>;
  encryption: Read<CliJson<ServerSideEncryptionConfiguration>>;
  versioning: CliJson<GetBucketVersioningOutput> | null;
  logging: CliJson<GetBucketLoggingOutput> | null;
  ownershipControls: Read<CliJson<OwnershipControls>>;
}

export interface S3Raw {
  account: string;
  /** S3 Control GetPublicAccessBlock for the account. */
  accountPublicAccessBlock: Read<CliJson<PublicAccessBlockConfiguration>>;
  buckets: S3BucketRaw[];
}

/** `LocationConstraint` → region: empty/null is us-east-1, `EU` is eu-west-1. */
export function regionOfLocation(lc: string | null | undefined): string {
  if (lc === undefined || lc === null || lc === '') return 'us-east-1';
  return lc === 'EU' ? 'eu-west-1' : lc;
}

const GROUPS: Record<string, string> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers',
  'http://acs.amazonaws.com/groups/s3/LogDelivery': 'LogDelivery',
};

export function aclGrants(acl: CliJson<GetBucketAclOutput>): AclGrant[] {
  return (acl.Grants ?? []).map((g) => {
    const ge = g.Grantee;
    let grantee = 'Unknown';
    if (ge?.Type === 'Group') grantee = GROUPS[ge.URI ?? ''] ?? `Group:${ge.URI ?? ''}`;
    else if (ge?.Type === 'CanonicalUser') grantee = `CanonicalUser:${ge.ID ?? ''}`;
    else if (ge?.Type === 'AmazonCustomerByEmail') grantee = `Email:${ge.EmailAddress ?? ''}`;
    return { grantee, permission: g.Permission ?? '' };
  });
}

export function publicAccessBlock(r: Read<CliJson<PublicAccessBlockConfiguration>>): PublicAccessBlock | null {
  if (r === 'none') return null;
  if (r === null) return { blockPublicAcls: null, ignorePublicAcls: null, blockPublicPolicy: null, restrictPublicBuckets: null };
  return {
    blockPublicAcls: r.BlockPublicAcls ?? false,
    ignorePublicAcls: r.IgnorePublicAcls ?? false,
    blockPublicPolicy: r.BlockPublicPolicy ?? false,
    restrictPublicBuckets: r.RestrictPublicBuckets ?? false,
  };
}

export function mapBucket(b: S3BucketRaw, account: string, accountBlock: Read<CliJson<PublicAccessBlockConfiguration>>): GraphNode {
  const encryption =
    b.encryption === 'none' ? 'none' : b.encryption === null ? null : (b.encryption.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? 'none');
  const ownership = b.ownershipControls === 'none' ? 'ObjectWriter' : b.ownershipControls === null ? null : (b.ownershipControls.Rules?.[0]?.ObjectOwnership ?? null);
  return {
    id: bucketArn(b.name),
    provider: 'aws',
    account,
    region: b.region ?? 'unknown',
    kind: 'storage.bucket',
    nativeType: 'AWS::S3::Bucket',
    name: b.name,
    tags: {},
    createdAt: isoTime(b.creationDate),
    attrs: {
      aclGrants: b.acl === null ? null : aclGrants(b.acl),
      policyStatements: b.policy === 'none' ? [] : b.policy === null ? null : normalizePolicyOrNull(b.policy),
      publicAccessBlock: { bucket: publicAccessBlock(b.publicAccessBlock), account: publicAccessBlock(accountBlock) },
      encryption,
      versioning: b.versioning === null ? null : b.versioning.Status === 'Enabled',
      logging: b.logging === null ? null : b.logging.LoggingEnabled !== undefined,
      policyIsPublic: b.policy === 'none' ? false : b.policyStatus === null || b.policyStatus === 'none' ? null : (b.policyStatus.IsPublic ?? null),
      objectOwnership: ownership,
      mfaDelete: b.versioning === null ? null : b.versioning.MFADelete === 'Enabled',
      loggingTarget: b.logging?.LoggingEnabled?.TargetBucket ?? null,
      kmsKeyId: b.encryption !== null && b.encryption !== 'none' ? (b.encryption.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? null) : null,
    },
  };
}

export function mapS3(raw: S3Raw): GraphNode[] {
  return raw.buckets.map((b) => mapBucket(b, raw.account, raw.accountPublicAccessBlock));
}
