/**
 * How a failed ARM call is classified, for `ctx.call` (the only layer that retries; the SDK's retry
 * policy is off, see clients.ts):
 * - 401, 403 (`AuthorizationFailed`, …) → denied: a coverage row, no retry;
 * - 429 and 503 → throttled, with the delay the service asks for (`Retry-After` in seconds or as an
 *   HTTP date, or `x-ms-retry-after-ms` / `retry-after-ms`) as the floor of the backoff;
 * - other 5xx, 408, and connection failures → transient (retried);
 * - everything else (400, 404, a malformed body) → fatal: an error row.
 */
import type { ErrorClass } from '../types.js';

interface HeaderSource {
  get(name: string): string | undefined | null;
}

function headersOf(error: object): HeaderSource | null {
  const response = (error as { response?: { headers?: unknown } }).response;
  const headers = response?.headers;
  if (typeof headers === 'object' && headers !== null && typeof (headers as HeaderSource).get === 'function') return headers as HeaderSource;
  return null;
}

/** The delay a throttled response asks for, in ms, or undefined. */
export function retryAfterMs(headers: HeaderSource | null, now: number = Date.now()): number | undefined {
  if (headers === null) return undefined;
  for (const name of ['x-ms-retry-after-ms', 'retry-after-ms']) {
    const v = headers.get(name);
    if (v && /^\d+(\.\d+)?$/.test(v.trim())) return Math.ceil(Number(v));
  }
  const v = headers.get('retry-after')?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET']);

export function classifyAzureError(error: unknown): ErrorClass {
  if (typeof error !== 'object' || error === null) return { kind: 'fatal' };
  const status = (error as { statusCode?: unknown }).statusCode;
  const code = (error as { code?: unknown }).code;
  if (typeof status === 'number') {
    if (status === 401 || status === 403) return { kind: 'denied' };
    if (status === 429 || status === 503) {
      const after = retryAfterMs(headersOf(error));
      return after === undefined ? { kind: 'throttled' } : { kind: 'throttled', retryAfterMs: after };
    }
    if (status >= 500 || status === 408) return { kind: 'transient' };
    return { kind: 'fatal' };
  }
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return { kind: 'transient' };
  return { kind: 'fatal' };
}
