// Test helpers: SDK client configuration against the fake, and comparison of SDK outputs with
// the CLI-JSON fixtures (Date ↔ ISO string, bytes ↔ base64, IAM policy documents decoded).
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeAws } from './server.js';
import { isRecord, isTimestamp } from './wire.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SMALL_WORLD = join(REPO_ROOT, 'fixtures', 'worlds', 'small', 'aws');
export const DEMO_WORLD = join(REPO_ROOT, 'fixtures', 'worlds', 'demo', 'aws');
export const SMALL_ACCOUNT = '123456789012';

export const SMALL_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

export interface ClientOptions {
  region?: string;
  maxAttempts?: number;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

/**
 * A retry strategy (the SDK's RetryStrategyV2 interface) that retries throttling, transient and
 * server errors up to maxAttempts with a 1 ms backoff, so retry tests stay fast.
 */
export function fastRetryStrategy(maxAttempts: number) {
  const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => (count === 0 ? 0 : 1) });
  return {
    mode: 'standard',
    acquireInitialRetryToken: async (_scope: string): Promise<RetryToken> => token(0),
    refreshRetryTokenForRetry: async (t: RetryToken, info: { errorType: string; error?: unknown }): Promise<RetryToken> => {
      if (info.errorType === 'CLIENT_ERROR' || t.getRetryCount() + 1 >= maxAttempts) throw info.error ?? new Error('retries exhausted');
      return token(t.getRetryCount() + 1);
    },
    recordSuccess: (_t: RetryToken): void => {},
  };
}

/** Common SDK client config: the fake's endpoint, static credentials, retries with 1 ms backoff. */
export function sdkConfig(fake: FakeAws, opts: ClientOptions = {}) {
  const maxAttempts = opts.maxAttempts ?? 3;
  return {
    endpoint: fake.endpoint,
    region: opts.region ?? 'us-east-1',
    credentials: opts.credentials ?? SMALL_CREDENTIALS,
    maxAttempts,
    retryStrategy: fastRetryStrategy(maxAttempts),
  };
}

export function fixture(world: string, rel: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(join(world, rel), 'utf8'));
  if (!isRecord(parsed)) throw new Error(`${rel} is not an object`);
  return parsed;
}

const POLICY_KEYS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

/** SDK output → CLI JSON: drop $metadata, Date → ISO, bytes → base64, IAM documents decoded. */
export function cliShape(v: unknown, key = ''): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (typeof v === 'string' && POLICY_KEYS.has(key) && v.startsWith('%7B')) return JSON.parse(decodeURIComponent(v));
  if (Array.isArray(v)) return v.map((x) => cliShape(x));
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== '$metadata' && x !== undefined) out[k] = cliShape(x, k);
    return out;
  }
  return v;
}

/** Fixture → comparable: timestamps normalised to toISOString(). */
export function normFixture(v: unknown): unknown {
  if (typeof v === 'string') return isTimestamp(v) ? new Date(v).toISOString() : v;
  if (Array.isArray(v)) return v.map(normFixture);
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) out[k] = normFixture(x);
    return out;
  }
  return v;
}

/** Removes keys whose value is null (the CLI prints null for some absent members). */
export function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = dropNulls(x);
    return out;
  }
  return v;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A hand-made HTTP request to the fake (for wire details the SDK hides). */
export async function rawRequest(
  fake: FakeAws,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string; scope?: string },
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.scope) {
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${SMALL_CREDENTIALS.accessKeyId}/20261120/${opts.scope}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000`;
  }
  return new Promise((resolve, reject) => {
    const req = request(`${fake.endpoint}${opts.path}`, { method: opts.method ?? 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
