// Shared request context, error type and paging helpers of the fake AWS services.
import type { IncomingHttpHeaders } from 'node:http';
import type { AwsAccountState, AwsWorld } from './model.js';

export type Protocol = 'query' | 'ec2' | 'json1.0' | 'json1.1' | 's3' | 's3control';

/** An AWS error; rendered in the envelope of the protocol of the request. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly opts: { type?: 'Sender' | 'Receiver'; headers?: Record<string, string>; extraXml?: string } = {},
  ) {
    super(message);
    this.name = code;
  }
}

export interface Principal {
  accountId: string;
  arn: string;
  userId: string;
}

export interface Session extends Principal {
  sessionToken: string;
  /** Epoch ms of the world clock at which the credentials expire. */
  expiration: number;
}

export interface ServerState {
  sessions: Map<string, Session>;
  /** Accounts for which GenerateCredentialReport was called (report exists). */
  credentialReports: Map<string, number>;
  sessionCounter: number;
}

export interface Ctx {
  world: AwsWorld;
  state: ServerState;
  protocol: Protocol;
  /** Signing name of the service (credential scope), e.g. iam, ec2, s3, monitoring; s3control for S3 Control. */
  service: string;
  operation: string;
  region: string;
  principal: Principal;
  accountId: string;
  account: AwsAccountState;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  host: string;
  /** Form parameters (awsQuery / EC2 query). */
  form: URLSearchParams;
  /** Parsed body of JSON protocols. */
  json: Record<string, unknown>;
  /** S3: the bucket addressed (path-style or virtual-hosted). */
  bucket?: string;
  requestId: string;
  /** Declares the resource an operation acts on; resource-scoped deny faults fire here. */
  resource(id: string): void;
  /** Effective page size: the world's/test's forced size, else the requested one, else the default. */
  pageSize(requested: number | undefined, fallback: number): number;
}

/** Result of a query/EC2/JSON operation: the CLI-JSON shaped output document. */
export type OpResult = Record<string, unknown>;
export type OpHandler = (ctx: Ctx) => OpResult | Promise<OpResult>;

export interface RawReply {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export function encodeToken(op: string, offset: number): string {
  return Buffer.from(`${op}:${offset}`, 'utf8').toString('base64');
}

/** Decodes a paging token made by encodeToken; undefined token = start. */
export function decodeToken(op: string, token: string | undefined, err: () => AwsError): number {
  if (token === undefined || token === '') return 0;
  const text = Buffer.from(token, 'base64').toString('utf8');
  const prefix = `${op}:`;
  if (!text.startsWith(prefix)) throw err();
  const n = Number(text.slice(prefix.length));
  if (!Number.isInteger(n) || n < 0) throw err();
  return n;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

export function paginate<T>(
  ctx: Ctx,
  all: readonly T[],
  token: string | undefined,
  requested: number | undefined,
  fallback: number,
  err: () => AwsError,
): Page<T> {
  const start = decodeToken(ctx.operation, token, err);
  const size = ctx.pageSize(requested, fallback);
  const items = all.slice(start, start + size);
  const end = start + items.length;
  return end < all.length ? { items, next: encodeToken(ctx.operation, end) } : { items };
}

export function num(v: string | null | undefined): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Reads an awsQuery list (`Name.member.N`) or EC2 list (`Name.N`) parameter. */
export function listParam(form: URLSearchParams, prefix: string): string[] {
  const out: [number, string][] = [];
  for (const [k, v] of form) {
    if (!k.startsWith(prefix + '.')) continue;
    const rest = k.slice(prefix.length + 1);
    const idx = Number(rest.startsWith('member.') ? rest.slice(7) : rest);
    if (Number.isInteger(idx)) out.push([idx, v]);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** EC2 filters: `Filter.N.Name` / `Filter.N.Value.M`. */
export function ec2Filters(form: URLSearchParams): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const [k, v] of form) {
    const m = /^Filter\.(\d+)\.Name$/.exec(k);
    if (m) filters.set(v, listParam(form, `Filter.${m[1]}.Value`));
  }
  return filters;
}
