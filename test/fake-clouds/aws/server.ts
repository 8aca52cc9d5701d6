// A fake AWS: one HTTP server on 127.0.0.1 serving a fixture world to the real AWS SDK v3 clients
// in AWS's wire protocols (awsQuery XML, EC2 query XML, REST-XML for S3 / S3 Control, JSON 1.0
// and 1.1). Routing: the SigV4 credential scope's service name in the Authorization header, then
// X-Amz-Target, the query Action and the path/Host. Signatures are not verified.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError } from './context.js';
import type { Ctx, OpHandler, OpResult, Principal, Protocol, RawReply, ServerState } from './context.js';
import { emptyAccount } from './model.js';
import type { AwsWorld } from './model.js';
import { ec2Members, elem, jsonWire, leaf, queryMembers } from './wire.js';
import type { QueryXmlOptions } from './wire.js';
import { iamOperations, iamXmlOptions } from './services/iam.js';
import { stsOperations } from './services/sts.js';
import { ec2Operations } from './services/ec2.js';
import { elbv2Operations } from './services/elbv2.js';
import { autoscalingOperations } from './services/autoscaling.js';
import { cloudwatchOperations } from './services/cloudwatch.js';
import { ceOperations } from './services/ce.js';
import { organizationsOperations } from './services/organizations.js';
import { routeS3, routeS3Control } from './services/s3.js';

export interface FaultRule {
  /**
   * throttle: the first `times` (default 1) matching calls fail with the protocol's throttling
   * error, then calls succeed. deny: matching calls fail with the protocol's access-denied error.
   * truncate: the first `times` (default: all) matching successful responses are cut in half.
   * latency: matching calls are delayed by `ms`.
   */
  kind: 'throttle' | 'deny' | 'truncate' | 'latency';
  /** Signing name (iam, sts, ec2, s3, s3control, elasticloadbalancing, autoscaling, monitoring, ce, organizations). */
  service?: string;
  operation?: string;
  region?: string;
  accountId?: string;
  /** deny only: one resource (bucket name, instance id, user name, target group ARN, role ARN …). */
  resource?: string;
  times?: number;
  ms?: number;
  /** Override the error code / HTTP status / message. */
  code?: string;
  status?: number;
  message?: string;
}

export interface FakeAwsOptions {
  world: AwsWorld;
  /** Delay added to every request. */
  latencyMs?: number;
  faults?: FaultRule[];
  /** Forced page sizes ("service:Operation" → n), on top of the world's. */
  pageSizes?: Record<string, number>;
}

export interface FakeAws {
  endpoint: string;
  port: number;
  /** Calls per "service:Operation" (faulted calls included). */
  callCounts: Record<string, number>;
  close(): Promise<void>;
}

const QUERY_NAMESPACES: Record<string, string> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  autoscaling: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
  elasticloadbalancing: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  monitoring: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
};
const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const VERSION_TO_SERVICE: Record<string, string> = {
  '2010-05-08': 'iam',
  '2011-06-15': 'sts',
  '2016-11-15': 'ec2',
  '2011-01-01': 'autoscaling',
  '2015-12-01': 'elasticloadbalancing',
  '2010-08-01': 'monitoring',
};
const TARGET_TO_SERVICE: Record<string, string> = {
  AWSInsightsIndexService: 'ce',
  AWSOrganizationsV20161128: 'organizations',
  GraniteServiceVersion20100801: 'monitoring',
};
const OPERATIONS: Record<string, Record<string, OpHandler>> = {
  iam: iamOperations,
  sts: stsOperations,
  ec2: ec2Operations,
  elasticloadbalancing: elbv2Operations,
  autoscaling: autoscalingOperations,
  monitoring: cloudwatchOperations,
  ce: ceOperations,
  organizations: organizationsOperations,
};
const QUERY_OPTIONS: Record<string, QueryXmlOptions> = { iam: iamXmlOptions };
/** IAM action prefixes where they differ from the signing name (for access-denied messages). */
const IAM_SERVICE_PREFIX: Record<string, string> = { monitoring: 'cloudwatch', s3control: 's3' };
/** IAM action names where they differ from the operation name. */
const IAM_ACTION: Record<string, string> = {
  's3:ListBuckets': 'ListAllMyBuckets',
  's3:HeadBucket': 'ListBucket',
  's3:GetBucketEncryption': 'GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 'GetBucketPublicAccessBlock',
  's3control:GetPublicAccessBlock': 'GetAccountPublicAccessBlock',
};

interface Credential {
  accessKeyId: string;
  region: string;
  service: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/20261120/us-east-1/iam/aws4_request, …` (or presigned query auth). */
function parseCredential(req: IncomingMessage, query: URLSearchParams): Credential | undefined {
  const auth = req.headers.authorization;
  let scope: string | undefined;
  if (typeof auth === 'string') {
    scope = /Credential=([^,\s]+)/.exec(auth)?.[1];
  } else {
    scope = query.get('X-Amz-Credential') ?? undefined;
  }
  if (!scope) return undefined;
  const parts = scope.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return undefined;
  const [accessKeyId, , region, service] = parts;
  if (!accessKeyId || !region || !service) return undefined;
  return { accessKeyId, region, service };
}

function errorForProtocol(
  protocol: Protocol,
  service: string,
  kind: 'missing' | 'badkey' | 'throttle' | 'deny',
  principal: Principal | undefined,
  operation: string,
  resource: string | undefined,
): AwsError {
  const action = `${IAM_SERVICE_PREFIX[service] ?? service}:${IAM_ACTION[`${service}:${operation}`] ?? operation}`;
  if (resource !== undefined && service === 's3') resource = `"arn:aws:s3:::${resource}"`;
  const who = principal?.arn ?? 'anonymous';
  const onRes = resource ? ` on resource: ${resource}` : '';
  const denyMsg = `User: ${who} is not authorized to perform: ${action}${onRes} because no identity-based policy allows the ${action} action`;
  switch (protocol) {
    case 'query':
      if (kind === 'missing') return new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
      if (kind === 'badkey') return new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
      if (kind === 'throttle') return new AwsError('Throttling', 'Rate exceeded', 400);
      return new AwsError('AccessDenied', denyMsg, 403);
    case 'ec2':
      if (kind === 'missing') return new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 401);
      if (kind === 'badkey') return new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
      if (kind === 'throttle') return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
      return new AwsError('UnauthorizedOperation', `You are not authorized to perform this operation. ${denyMsg}`, 403);
    case 'json1.0':
    case 'json1.1':
      if (kind === 'missing') return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
      if (kind === 'badkey') return new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
      if (kind === 'throttle') {
        if (service === 'ce') return new AwsError('LimitExceededException', 'You have exceeded the rate limit.', 400);
        if (service === 'organizations') return new AwsError('TooManyRequestsException', 'AWS Organizations can\'t complete your request because it has too many requests. Try again later.', 400);
        if (service === 'monitoring') return new AwsError('Throttling', 'Rate exceeded', 400);
        return new AwsError('ThrottlingException', 'Rate exceeded', 400);
      }
      if (service === 'monitoring') return new AwsError('AccessDenied', denyMsg, 403);
      return new AwsError('AccessDeniedException', denyMsg, 400);
    case 's3':
    case 's3control':
      if (kind === 'missing') return new AwsError('AccessDenied', 'Access Denied', 403);
      if (kind === 'badkey') return new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
      if (kind === 'throttle') return new AwsError('SlowDown', 'Please reduce your request rate.', 503);
      return new AwsError('AccessDenied', denyMsg, 403);
  }
}

function faultMatches(rule: FaultRule, service: string, operation: string, region: string, accountId: string | undefined): boolean {
  return (
    (rule.service === undefined || rule.service === service) &&
    (rule.operation === undefined || rule.operation === operation) &&
    (rule.region === undefined || rule.region === region) &&
    (rule.accountId === undefined || rule.accountId === accountId)
  );
}

function withOverrides(err: AwsError, rule: FaultRule): AwsError {
  if (rule.code === undefined && rule.status === undefined && rule.message === undefined) return err;
  return new AwsError(rule.code ?? err.code, rule.message ?? err.message, rule.status ?? err.status, err.opts);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface Routed {
  protocol: Protocol;
  service: string;
  operation: string;
  run: (ctx: Ctx) => Promise<RawReply>;
  bucket?: string;
}

export async function startFakeAws(options: FakeAwsOptions): Promise<FakeAws> {
  const world = options.world;
  const faults = (options.faults ?? []).map((rule) => ({ rule, hits: 0 }));
  const callCounts: Record<string, number> = {};
  const state: ServerState = { sessions: new Map(), credentialReports: new Map(), sessionCounter: 0 };
  const pageSizes: Record<string, number> = { ...world.pageSizes, ...(options.pageSizes ?? {}) };
  let requestCounter = 0;

  function resolvePrincipal(accessKeyId: string, sessionToken: string | undefined): Principal | undefined {
    const session = state.sessions.get(accessKeyId);
    if (session) return session.sessionToken === sessionToken ? session : undefined;
    const id = world.identities.find((i) => i.accessKeyId === accessKeyId);
    return id ? { accountId: id.accountId, arn: id.arn, userId: id.userId } : undefined;
  }

  function route(req: IncomingMessage, url: URL, body: string, cred: Credential | undefined): Routed | AwsError {
    const target = req.headers['x-amz-target'];
    const path = url.pathname;
    const form = new URLSearchParams(
      String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? body : url.search,
    );
    let service = cred?.service;
    if (typeof target === 'string') service = TARGET_TO_SERVICE[target.split('.')[0] ?? ''] ?? service;
    else if (form.has('Action')) service = VERSION_TO_SERVICE[form.get('Version') ?? ''] ?? service;
    if (path.startsWith('/v20180820/')) service = 's3control';
    if (service === undefined) service = 's3';

    if (service === 's3control') {
      const r = routeS3Control(req.method ?? 'GET', path);
      return { protocol: 's3control', service, operation: r.operation, run: r.run };
    }
    if (service === 's3') {
      const r = routeS3(req.method ?? 'GET', url, String(req.headers.host ?? ''));
      return { protocol: 's3', service, operation: r.operation, run: r.run, ...(r.bucket !== undefined ? { bucket: r.bucket } : {}) };
    }
    const ops = OPERATIONS[service];
    if (!ops) return new AwsError('UnknownService', `fake AWS does not serve ${service}`, 400);
    let protocol: Protocol;
    let operation: string;
    if (typeof target === 'string') {
      protocol = service === 'monitoring' ? 'json1.0' : 'json1.1';
      operation = target.split('.')[1] ?? '';
    } else {
      protocol = service === 'ec2' ? 'ec2' : 'query';
      operation = form.get('Action') ?? '';
    }
    const handler = ops[operation];
    const run = async (ctx: Ctx): Promise<RawReply> => {
      if (!handler) {
        if (protocol === 'json1.0' || protocol === 'json1.1') throw new AwsError('UnknownOperationException', '', 400);
        throw new AwsError('InvalidAction', `The action ${operation} is not valid for this web service.`, 400);
      }
      const result = await handler(ctx);
      return renderSuccess(protocol, service, operation, result, ctx.requestId);
    };
    return { protocol, service, operation, run };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const body = await readBody(req);
    const requestId = newRequestId(++requestCounter);
    const cred = parseCredential(req, url.searchParams);
    const routed = route(req, url, body, cred);
    if (routed instanceof AwsError) return send(res, renderError('query', 'unknown', routed, requestId), req.method);
    const { protocol, service, operation } = routed;
    const key = `${service}:${operation}`;
    callCounts[key] = (callCounts[key] ?? 0) + 1;
    const region = cred?.region ?? 'us-east-1';

    let delay = options.latencyMs ?? 0;
    for (const f of faults) {
      if (f.rule.kind === 'latency' && faultMatches(f.rule, service, operation, region, undefined)) delay += f.rule.ms ?? 0;
    }
    if (delay > 0) await sleep(delay);

    try {
      if (!cred) throw errorForProtocol(protocol, service, 'missing', undefined, operation, undefined);
      const token = req.headers['x-amz-security-token'] ?? url.searchParams.get('X-Amz-Security-Token') ?? undefined;
      const principal = resolvePrincipal(cred.accessKeyId, typeof token === 'string' ? token : undefined);
      if (!principal) throw errorForProtocol(protocol, service, 'badkey', undefined, operation, undefined);

      for (const f of faults) {
        if (!faultMatches(f.rule, service, operation, region, principal.accountId)) continue;
        if (f.rule.kind === 'throttle' && f.hits < (f.rule.times ?? 1)) {
          f.hits++;
          throw withOverrides(errorForProtocol(protocol, service, 'throttle', principal, operation, undefined), f.rule);
        }
        if (f.rule.kind === 'deny' && f.rule.resource === undefined) {
          throw withOverrides(errorForProtocol(protocol, service, 'deny', principal, operation, undefined), f.rule);
        }
      }

      const isForm = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      let json: Record<string, unknown> = {};
      if (protocol === 'json1.0' || protocol === 'json1.1') {
        try {
          const parsed: unknown = body === '' ? {} : JSON.parse(body);
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
        } catch {
          throw new AwsError('SerializationException', 'Start of structure or map found where not expected.', 400);
        }
      }
      const ctx: Ctx = {
        world,
        state,
        protocol,
        service,
        operation,
        region,
        principal,
        accountId: principal.accountId,
        account: world.accounts[principal.accountId] ?? emptyAccount(principal.accountId),
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        host: String(req.headers.host ?? ''),
        form: new URLSearchParams(isForm ? body : url.search),
        json,
        ...(routed.bucket !== undefined ? { bucket: routed.bucket } : {}),
        requestId,
        resource(id: string) {
          for (const f of faults) {
            if (f.rule.kind === 'deny' && f.rule.resource === id && faultMatches(f.rule, service, operation, region, principal.accountId)) {
              throw withOverrides(errorForProtocol(protocol, service, 'deny', principal, operation, id), f.rule);
            }
          }
        },
        pageSize(requested, fallback) {
          const forced = pageSizes[key];
          if (forced !== undefined) return requested !== undefined ? Math.min(forced, requested) : forced;
          return requested ?? fallback;
        },
      };
      let reply = await routed.run(ctx);
      for (const f of faults) {
        if (f.rule.kind !== 'truncate' || !faultMatches(f.rule, service, operation, region, principal.accountId)) continue;
        if (f.hits >= (f.rule.times ?? Number.POSITIVE_INFINITY)) continue;
        f.hits++;
        reply = { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) };
      }
      send(res, reply, req.method);
    } catch (e) {
      const err = e instanceof AwsError ? e : new AwsError('InternalFailure', `fake AWS: ${(e as Error).message}`, 500, { type: 'Receiver' });
      send(res, renderError(protocol, service, err, requestId), req.method);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  // Node's HTTP agent treats a socket as expired 1 s before the server's Keep-Alive timeout: at 1 s
  // no connection was ever reused (one TCP connect per request). close() drops idle sockets anyway.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    callCounts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function newRequestId(n: number): string {
  return `f4ce0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function s3Ids(requestId: string): { rid: string; hostId: string } {
  const rid = requestId.replace(/-/g, '').slice(-16).toUpperCase();
  return { rid, hostId: Buffer.from(`fake-aws-host-${rid}`).toString('base64') };
}

function send(res: ServerResponse, reply: RawReply, method: string | undefined): void {
  res.statusCode = reply.status ?? 200;
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  const buf = Buffer.from(reply.body, 'utf8');
  res.setHeader('content-length', method === 'HEAD' ? 0 : buf.length);
  res.end(method === 'HEAD' ? undefined : buf);
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

function renderSuccess(protocol: Protocol, service: string, operation: string, result: OpResult, requestId: string): RawReply {
  switch (protocol) {
    case 'query': {
      const ns = QUERY_NAMESPACES[service] ?? '';
      const inner = queryMembers(result, QUERY_OPTIONS[service] ?? {});
      const body =
        `<${operation}Response xmlns="${ns}">` +
        elem(`${operation}Result`, inner) +
        `<ResponseMetadata>${leaf('RequestId', requestId)}</ResponseMetadata></${operation}Response>\n`;
      return { headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
    }
    case 'ec2': {
      const inner = ec2Members('', result);
      const body = `${XML_DECL}<${operation}Response xmlns="${EC2_NAMESPACE}">${leaf('requestId', requestId)}${inner}</${operation}Response>`;
      return { headers: { 'content-type': 'text/xml;charset=UTF-8' }, body };
    }
    case 'json1.0':
    case 'json1.1':
      return {
        headers: { 'content-type': `application/x-amz-json-${protocol.slice(4)}`, 'x-amzn-requestid': requestId },
        body: JSON.stringify(jsonWire(result)),
      };
    default:
      throw new Error(`renderSuccess: ${protocol} replies are raw`);
  }
}

function renderError(protocol: Protocol, service: string, err: AwsError, requestId: string): RawReply {
  const status = err.status;
  const extra = { ...(err.opts.headers ?? {}) };
  switch (protocol) {
    case 'query': {
      const ns = QUERY_NAMESPACES[service];
      const body =
        `<ErrorResponse${ns ? ` xmlns="${ns}"` : ''}><Error>${leaf('Type', err.opts.type ?? (status >= 500 ? 'Receiver' : 'Sender'))}` +
        `${leaf('Code', err.code)}${leaf('Message', err.message)}${err.opts.extraXml ?? ''}</Error>${leaf('RequestId', requestId)}</ErrorResponse>\n`;
      return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, ...extra }, body };
    }
    case 'ec2': {
      const body = `${XML_DECL}<Response><Errors><Error>${leaf('Code', err.code)}${leaf('Message', err.message)}</Error></Errors>${leaf('RequestID', requestId)}</Response>`;
      return { status, headers: { 'content-type': 'text/xml;charset=UTF-8', ...extra }, body };
    }
    case 'json1.0':
    case 'json1.1': {
      const headers: Record<string, string> = {
        'content-type': `application/x-amz-json-${protocol.slice(4)}`,
        'x-amzn-requestid': requestId,
        ...extra,
      };
      // CloudWatch speaks JSON 1.0 in awsQueryCompatible mode: the query error code travels in a header.
      if (service === 'monitoring') headers['x-amzn-query-error'] = `${err.code};${status >= 500 ? 'Receiver' : 'Sender'}`;
      return { status, headers, body: JSON.stringify({ __type: err.code, message: err.message }) };
    }
    case 's3': {
      const { rid, hostId } = s3Ids(requestId);
      const body = `${XML_DECL}<Error>${leaf('Code', err.code)}${leaf('Message', err.message)}${err.opts.extraXml ?? ''}${leaf('RequestId', rid)}${leaf('HostId', hostId)}</Error>`;
      return { status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': rid, 'x-amz-id-2': hostId, ...extra }, body };
    }
    case 's3control': {
      const { rid, hostId } = s3Ids(requestId);
      const body = `${XML_DECL}<ErrorResponse><Error>${leaf('Code', err.code)}${leaf('Message', err.message)}${err.opts.extraXml ?? ''}</Error>${leaf('RequestId', rid)}${leaf('HostId', hostId)}</ErrorResponse>`;
      return { status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': rid, 'x-amz-id-2': hostId, ...extra }, body };
    }
  }
}

