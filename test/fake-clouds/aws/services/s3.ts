// S3 (REST-XML) and S3 Control. Path-style and virtual-hosted addressing; a bucket addressed in
// a region other than its own answers 301 PermanentRedirect with x-amz-bucket-region, as S3's
// regional endpoints do (the region of a request is its SigV4 credential scope region).
import { AwsError, decodeToken, encodeToken, num } from '../context.js';
import type { Ctx, RawReply } from '../context.js';
import type { AwsS3Bucket } from '../model.js';
import { elem, esc, isRecord, leaf, xmlTimestamp, isTimestamp } from '../wire.js';

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const S3CONTROL_NS = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const SUBRESOURCES: [string, string][] = [
  ['location', 'GetBucketLocation'],
  ['acl', 'GetBucketAcl'],
  ['policyStatus', 'GetBucketPolicyStatus'],
  ['policy', 'GetBucketPolicy'],
  ['publicAccessBlock', 'GetPublicAccessBlock'],
  ['encryption', 'GetBucketEncryption'],
  ['versioning', 'GetBucketVersioning'],
  ['logging', 'GetBucketLogging'],
  ['ownershipControls', 'GetBucketOwnershipControls'],
];

/** Bucket name from a virtual-hosted Host header, if the request is virtual-hosted. */
export function bucketFromHost(hostHeader: string): string | undefined {
  const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
  const aws = /^(.+)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com$/.exec(host);
  if (aws?.[1]) return aws[1];
  if (host.endsWith('.localhost')) return host.slice(0, -'.localhost'.length);
  return undefined;
}

// Generic S3 XML: element names are the member names, except these; lists have named members.
const S3_NAMES: Record<string, string> = { MFADelete: 'MfaDelete' };
const S3_LIST_MEMBER: Record<string, string> = { Grants: 'Grant', TargetGrants: 'Grant', Buckets: 'Bucket' };
const S3_FLATTENED: Record<string, string> = { Rules: 'Rule' };

function s3Scalar(v: unknown): string {
  if (typeof v === 'string') return isTimestamp(v) ? xmlTimestamp(v) : v;
  return String(v);
}

function grantee(v: Record<string, unknown>): string {
  const type = typeof v.Type === 'string' ? v.Type : 'CanonicalUser';
  const inner = ['ID', 'DisplayName', 'URI', 'EmailAddress']
    .filter((k) => typeof v[k] === 'string')
    .map((k) => leaf(k, String(v[k])))
    .join('');
  return `<Grantee xmlns:xsi="${XSI}" xsi:type="${esc(type)}">${inner}</Grantee>`;
}

function s3Xml(key: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (key === 'Grantee' && isRecord(value)) return grantee(value);
  const name = S3_NAMES[key] ?? key;
  if (Array.isArray(value)) {
    const flat = S3_FLATTENED[key];
    if (flat) return value.map((v) => s3Xml(flat, v)).join('');
    const member = S3_LIST_MEMBER[key] ?? 'member';
    return elem(name, value.map((v) => s3Xml(member, v)).join(''));
  }
  if (isRecord(value)) return elem(name, s3Members(value));
  return leaf(name, s3Scalar(value));
}

function s3Members(obj: Record<string, unknown>): string {
  return Object.entries(obj)
    .map(([k, v]) => s3Xml(k, v))
    .join('');
}

function xmlReply(ctx: Ctx, rootAndBody: string, extraHeaders: Record<string, string> = {}): RawReply {
  return { headers: { 'content-type': 'application/xml', ...s3Headers(ctx), ...extraHeaders }, body: XML_DECL + rootAndBody };
}

function s3Headers(ctx: Ctx): Record<string, string> {
  const rid = ctx.requestId.replace(/-/g, '').slice(-16).toUpperCase();
  return { 'x-amz-request-id': rid, 'x-amz-id-2': Buffer.from(`fake-aws-host-${rid}`).toString('base64') };
}

function root(name: string, inner: string, ns = S3_NS): string {
  return elem(name, inner, ` xmlns="${ns}"`);
}

export function bucketRegion(b: AwsS3Bucket): string {
  const lc: string | null | undefined = b.location?.LocationConstraint;
  if (lc === undefined || lc === null || lc === '') return 'us-east-1';
  return lc === 'EU' ? 'eu-west-1' : lc;
}

function listBuckets(ctx: Ctx): RawReply {
  const lb = ctx.account.s3.listBuckets;
  const prefix = ctx.query.get('prefix') ?? undefined;
  const region = ctx.query.get('bucket-region') ?? undefined;
  const max = num(ctx.query.get('max-buckets'));
  if (max !== undefined && (max < 1 || max > 10000)) {
    throw new AwsError('InvalidArgument', 'Argument max-buckets must be an integer between 1 and 10000.', 400);
  }
  const all = (lb.Buckets ?? []).filter(
    (b) => (prefix === undefined || (b.Name ?? '').startsWith(prefix)) && (region === undefined || b.BucketRegion === region),
  );
  const start = decodeToken(ctx.operation, ctx.query.get('continuation-token') ?? undefined, () =>
    new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400));
  const size = ctx.pageSize(max, 10000);
  const items = all.slice(start, start + size);
  const next = start + items.length < all.length ? encodeToken(ctx.operation, start + items.length) : undefined;
  const inner =
    s3Xml('Owner', lb.Owner) +
    s3Xml('Buckets', items) +
    (next !== undefined ? leaf('ContinuationToken', next) : '') +
    (prefix !== undefined ? leaf('Prefix', prefix) : '');
  return xmlReply(ctx, root('ListAllMyBucketsResult', inner));
}

function notConfigured(code: string, message: string, bucket: string): AwsError {
  return new AwsError(code, message, 404, { extraXml: leaf('BucketName', bucket) });
}

function bucketOperation(ctx: Ctx, bucketName: string, operation: string): RawReply {
  ctx.resource(bucketName);
  const bucket = ctx.account.s3.buckets[bucketName];
  if (!bucket) {
    const elsewhere = Object.values(ctx.world.accounts).some((a) => a.s3.buckets[bucketName] !== undefined);
    if (elsewhere) throw new AwsError('AccessDenied', 'Access Denied', 403);
    throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { extraXml: leaf('BucketName', bucketName) });
  }
  const region = bucketRegion(bucket);
  const regionHeader = { 'x-amz-bucket-region': region };
  // GetBucketLocation answers from any regional endpoint; everything else must use the bucket's region.
  if (operation !== 'GetBucketLocation' && region !== ctx.region) {
    throw new AwsError(
      'PermanentRedirect',
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
      301,
      { headers: regionHeader, extraXml: leaf('Endpoint', `${bucketName}.s3.${region}.amazonaws.com`) + leaf('Bucket', bucketName) },
    );
  }
  switch (operation) {
    case 'HeadBucket':
      return { headers: { ...s3Headers(ctx), ...regionHeader, 'x-amz-access-point-alias': 'false' }, body: '' };
    case 'GetBucketLocation': {
      const lc = bucket.location?.LocationConstraint;
      return xmlReply(ctx, root('LocationConstraint', lc ? esc(lc) : ''));
    }
    case 'GetBucketAcl': {
      const acl = bucket.acl ?? { Owner: ctx.account.s3.listBuckets.Owner, Grants: [] };
      const grants = (acl.Grants ?? []).map((g) => s3Xml('Grant', g)).join('');
      return xmlReply(ctx, root('AccessControlPolicy', s3Xml('Owner', acl.Owner) + elem('AccessControlList', grants)));
    }
    case 'GetBucketPolicy': {
      const policy = bucket.policy?.Policy;
      if (policy === undefined) throw notConfigured('NoSuchBucketPolicy', 'The bucket policy does not exist', bucketName);
      return { headers: { 'content-type': 'application/json', ...s3Headers(ctx) }, body: policy };
    }
    case 'GetBucketPolicyStatus': {
      if (bucket.policy === undefined || bucket.policyStatus?.PolicyStatus === undefined) {
        throw notConfigured('NoSuchBucketPolicy', 'The bucket policy does not exist', bucketName);
      }
      return xmlReply(ctx, root('PolicyStatus', s3Members(bucket.policyStatus.PolicyStatus)));
    }
    case 'GetPublicAccessBlock': {
      const cfg = bucket.publicAccessBlock?.PublicAccessBlockConfiguration;
      if (!cfg) throw notConfigured('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', bucketName);
      return xmlReply(ctx, root('PublicAccessBlockConfiguration', s3Members(cfg)));
    }
    case 'GetBucketEncryption': {
      const cfg = bucket.encryption?.ServerSideEncryptionConfiguration;
      if (!cfg) {
        throw notConfigured('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', bucketName);
      }
      return xmlReply(ctx, root('ServerSideEncryptionConfiguration', s3Members(cfg)));
    }
    case 'GetBucketVersioning':
      return xmlReply(ctx, root('VersioningConfiguration', s3Members(bucket.versioning ?? {})));
    case 'GetBucketLogging':
      return xmlReply(ctx, root('BucketLoggingStatus', s3Members(bucket.logging ?? {})));
    case 'GetBucketOwnershipControls': {
      const cfg = bucket.ownershipControls?.OwnershipControls;
      if (!cfg) throw notConfigured('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', bucketName);
      return xmlReply(ctx, root('OwnershipControls', s3Members(cfg)));
    }
    default:
      throw new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501);
  }
}

export interface S3Route {
  operation: string;
  bucket?: string;
  run: (ctx: Ctx) => Promise<RawReply>;
}

export function routeS3(method: string, url: URL, host: string): S3Route {
  const vhost = bucketFromHost(host);
  const segments = url.pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  const bucket = vhost ?? segments[0];
  const key = (vhost !== undefined ? segments : segments.slice(1)).join('/');
  const notImplemented = (operation: string): S3Route => ({
    operation,
    ...(bucket !== undefined ? { bucket } : {}),
    run: () => Promise.reject(new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501)),
  });
  if (bucket === undefined) {
    return method === 'GET' ? { operation: 'ListBuckets', run: async (ctx) => listBuckets(ctx) } : notImplemented('Unknown');
  }
  if (key !== '') return notImplemented(method === 'GET' ? 'GetObject' : 'Unknown');
  let operation: string | undefined;
  if (method === 'HEAD') operation = 'HeadBucket';
  else if (method === 'GET') operation = SUBRESOURCES.find(([q]) => url.searchParams.has(q))?.[1];
  if (operation === undefined) return notImplemented(method === 'GET' ? 'ListObjects' : 'Unknown');
  const op = operation;
  return { operation: op, bucket, run: async (ctx) => bucketOperation(ctx, bucket, op) };
}

export function routeS3Control(method: string, path: string): S3Route {
  if (method === 'GET' && path === '/v20180820/configuration/publicAccessBlock') {
    return {
      operation: 'GetPublicAccessBlock',
      run: async (ctx) => {
        const target = ctx.headers['x-amz-account-id'];
        if (typeof target !== 'string' || target === '') {
          throw new AwsError('InvalidRequest', 'Missing required header for this request: x-amz-account-id', 400);
        }
        ctx.resource(target);
        if (target !== ctx.accountId) throw new AwsError('AccessDenied', 'Access Denied', 403);
        const cfg = ctx.account.s3control.publicAccessBlock?.PublicAccessBlockConfiguration;
        if (!cfg) {
          throw new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404, {
            extraXml: leaf('AccountId', target),
          });
        }
        return xmlReply(ctx, root('PublicAccessBlockConfiguration', s3Members(cfg), S3CONTROL_NS));
      },
    };
  }
  return {
    operation: 'Unknown',
    run: () => Promise.reject(new AwsError('NotImplemented', 'This operation is not implemented by the fake AWS', 501)),
  };
}
