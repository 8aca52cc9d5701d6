/**
 * `aws.s3`: ListBuckets, the account's S3 Control public access block, and per bucket at most
 * GetBucketLocation (only when ListBuckets did not give BucketRegion), GetBucketAcl,
 * GetBucketPolicy, GetBucketPolicyStatus (only when there is a policy), GetPublicAccessBlock,
 * GetBucketEncryption, GetBucketVersioning, GetBucketLogging and GetBucketOwnershipControls, each
 * sent to the bucket's own region (a 301 naming another region in `x-amz-bucket-region` is
 * followed once). "Not configured" 404s are facts, not gaps.
 */
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
} from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type { Collector, CollectContext } from '../types.js';
import { registerCollector } from '../types.js';
import { bucketArn } from './arn.js';
import { toCliJson } from './cli-json.js';
import { errorHeader, isErrorCode } from './errors.js';
import type { Read, S3BucketRaw, S3Raw } from './map-s3.js';
import { mapS3, regionOfLocation } from './map-s3.js';
import type { AwsTarget } from './options.js';
import { allPages } from './paging.js';
import type { AwsSession } from './session.js';
import { withSession } from './session.js';

const SERVICE = 's3';

/** Where a bucket's calls go; corrected when S3 redirects (a stale BucketRegion). */
interface BucketRegion {
  current: string;
}

/** Sends to the bucket's region; follows one PermanentRedirect to the region S3 names, and remembers it. */
async function inBucketRegion<T>(s: AwsSession, region: BucketRegion, send: (c: S3Client) => Promise<T>): Promise<T> {
  const tried = region.current;
  try {
    return await send(s.clients.s3(tried));
  } catch (e) {
    const moved = errorHeader(e, 'x-amz-bucket-region');
    if (isErrorCode(e, 'PermanentRedirect', 'AuthorizationHeaderMalformed', 'IllegalLocationConstraintException') && moved && moved !== tried) {
      region.current = moved;
      return send(s.clients.s3(moved));
    }
    throw e;
  }
}

/** One bucket sub-resource: the value, `'none'` for the listed not-configured codes, null when the call failed. */
async function readSub<T>(ctx: CollectContext, s: AwsSession, bucket: string, region: BucketRegion, operation: string, send: (c: S3Client, signal: AbortSignal) => Promise<T>, notConfigured: string[] = []): Promise<Read<T>> {
  const r = await ctx.call({ service: SERVICE, operation, region: region.current, resource: bucketArn(bucket) }, async (signal) => {
    try {
      return await inBucketRegion(s, region, (c) => send(c, signal));
    } catch (e) {
      if (notConfigured.length > 0 && isErrorCode(e, ...notConfigured)) return 'none' as const;
      throw e;
    }
  });
  return r.ok ? r.value : null;
}

async function bucketRaw(ctx: CollectContext, s: AwsSession, target: AwsTarget, name: string, creationDate: string | null, listedRegion: string | undefined): Promise<S3BucketRaw | null> {
  let region = listedRegion && listedRegion !== '' ? listedRegion : null;
  if (region === null) {
    const loc = await ctx.call({ service: SERVICE, operation: 'GetBucketLocation', resource: bucketArn(name) }, (signal) =>
      s.clients.s3(target.region).send(new GetBucketLocationCommand({ Bucket: name }), { abortSignal: signal }),
    );
    if (loc.ok) region = regionOfLocation(loc.value.LocationConstraint);
  }
  const allow = target.options.regions;
  if (region !== null && allow && allow.length > 0 && !allow.includes(region)) return null;
  const base: S3BucketRaw = {
    name,
    creationDate,
    region,
    acl: null,
    policy: null,
    policyStatus: null,
    publicAccessBlock: null,
    encryption: null,
    versioning: null,
    logging: null,
    ownershipControls: null,
  };
  if (region === null) return base;
  const r: BucketRegion = { current: region };
  const Bucket = name;
  const sub = <T>(op: string, send: (c: S3Client, signal: AbortSignal) => Promise<T>, notConfigured?: string[]) => readSub(ctx, s, name, r, op, send, notConfigured);
  const nonNone = <T>(v: Read<T>): T | null => (v === 'none' ? null : v);
  const policyP = sub('GetBucketPolicy', async (c, signal) => (await c.send(new GetBucketPolicyCommand({ Bucket }), { abortSignal: signal })).Policy ?? '', ['NoSuchBucketPolicy']);
  const [acl, pab, enc, ver, log, own, policy] = await Promise.all([
    sub('GetBucketAcl', async (c, signal) => toCliJson(await c.send(new GetBucketAclCommand({ Bucket }), { abortSignal: signal }))),
    sub('GetPublicAccessBlock', async (c, signal) => toCliJson((await c.send(new GetPublicAccessBlockCommand({ Bucket }), { abortSignal: signal })).PublicAccessBlockConfiguration ?? {}), ['NoSuchPublicAccessBlockConfiguration']),
    sub('GetBucketEncryption', async (c, signal) => toCliJson((await c.send(new GetBucketEncryptionCommand({ Bucket }), { abortSignal: signal })).ServerSideEncryptionConfiguration ?? { Rules: [] }), ['ServerSideEncryptionConfigurationNotFoundError']),
    sub('GetBucketVersioning', async (c, signal) => toCliJson(await c.send(new GetBucketVersioningCommand({ Bucket }), { abortSignal: signal }))),
    sub('GetBucketLogging', async (c, signal) => toCliJson(await c.send(new GetBucketLoggingCommand({ Bucket }), { abortSignal: signal }))),
    sub('GetBucketOwnershipControls', async (c, signal) => toCliJson((await c.send(new GetBucketOwnershipControlsCommand({ Bucket }), { abortSignal: signal })).OwnershipControls ?? { Rules: [] }), ['OwnershipControlsNotFoundError']),
    policyP,
  ]);
  // Without a policy there is no policy status to ask for (S3 would answer NoSuchBucketPolicy).
  const status =
    policy === 'none' ? ('none' as const)
    : policy === null ? null
    : await sub('GetBucketPolicyStatus', async (c, signal) => toCliJson((await c.send(new GetBucketPolicyStatusCommand({ Bucket }), { abortSignal: signal })).PolicyStatus ?? {}), ['NoSuchBucketPolicy']);
  return {
    ...base,
    region: r.current,
    acl: nonNone(acl),
    policy,
    policyStatus: status,
    publicAccessBlock: pab,
    encryption: enc,
    versioning: nonNone(ver),
    logging: nonNone(log),
    ownershipControls: own,
  };
}

async function get(ctx: CollectContext, target: AwsTarget, s: AwsSession): Promise<S3Raw> {
  const accountBlockP = ctx.call({ service: 's3control', operation: 'GetPublicAccessBlock', region: target.region }, async (signal) => {
    try {
      const out = await s.clients.s3control().send(new GetAccountPublicAccessBlockCommand({ AccountId: target.account }), { abortSignal: signal });
      return toCliJson(out.PublicAccessBlockConfiguration ?? {});
    } catch (e) {
      if (isErrorCode(e, 'NoSuchPublicAccessBlockConfiguration')) return 'none' as const;
      throw e;
    }
  });
  const listing = await allPages(
    ctx,
    { service: SERVICE, operation: 'ListBuckets' },
    (token, signal) => s.clients.s3(target.region).send(new ListBucketsCommand({ MaxBuckets: 1000, ...(token ? { ContinuationToken: token } : {}) }), { abortSignal: signal }),
    (p) => p.ContinuationToken,
  );
  const listed = listing.pages.flatMap((p) => p.Buckets ?? []);
  const buckets = await Promise.all(listed.map((b) => bucketRaw(ctx, s, target, b.Name ?? '', b.CreationDate ? b.CreationDate.toISOString() : null, b.BucketRegion)));
  const accountBlock = await accountBlockP;
  const kept = buckets.filter((b): b is S3BucketRaw => b !== null);
  if (kept.length < buckets.length) ctx.skip({ service: SERVICE, operation: 'GetBucket*' }, `${buckets.length - kept.length} bucket(s) outside the region allow-list`);
  return { account: target.account, accountPublicAccessBlock: accountBlock.ok ? accountBlock.value : null, buckets: kept };
}


export const s3Collector: Collector<AwsTarget, S3Raw> = {
  id: 'aws.s3',
  provider: 'aws',
  service: SERVICE,
  description: 'S3 buckets: region, ACL grants, bucket policy and its status, public access block (bucket and account), encryption, versioning, logging, object ownership',
  permissions: [
    { action: 's3:ListAllMyBuckets', why: 'ListBuckets' },
    { action: 's3:GetBucketLocation', why: "a bucket's region when ListBuckets does not say" },
    { action: 's3:GetBucketAcl', why: 'ACL grants (AllUsers / AuthenticatedUsers)' },
    { action: 's3:GetBucketPolicy', why: 'bucket policy statements' },
    { action: 's3:GetBucketPolicyStatus', why: "S3's own verdict on whether the policy is public" },
    { action: 's3:GetBucketPublicAccessBlock', why: 'bucket-level public access block (GetPublicAccessBlock)' },
    { action: 's3:GetAccountPublicAccessBlock', why: 'account-level public access block (S3 Control GetPublicAccessBlock)' },
    { action: 's3:GetEncryptionConfiguration', why: 'default encryption (GetBucketEncryption)' },
    { action: 's3:GetBucketVersioning', why: 'versioning and MFA delete' },
    { action: 's3:GetBucketLogging', why: 'server access logging' },
    { action: 's3:GetBucketOwnershipControls', why: 'object ownership (whether ACLs are disabled)' },
  ],
  get: (ctx, target) => withSession(ctx, target, { account: target.account, accountPublicAccessBlock: null, buckets: [] }, (s) => get(ctx, target, s)),
  transform: (raw) => ({ nodes: mapS3(raw), edges: [] }),
};

export const s3 = registerCollector(s3Collector);
