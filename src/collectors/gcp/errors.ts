/**
 * gRPC status → error class for `ctx.call`. PERMISSION_DENIED and UNAUTHENTICATED (missing credentials)
 * are gaps to record; RESOURCE_EXHAUSTED (quota) is throttling; UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED
 * and INTERNAL are transient; everything else (INVALID_ARGUMENT, NOT_FOUND, …) is fatal for the call.
 */
import { Status } from 'google-gax';
import type { ErrorClass } from '../types.js';

export function grpcCodeOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : null;
}

/** Retry-After of a RESOURCE_EXHAUSTED with a google.rpc.RetryInfo detail, when google-gax decoded one. */
function retryDelayMs(error: unknown): number | undefined {
  const details = (error as { statusDetails?: unknown }).statusDetails;
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const delay = (d as { retryDelay?: { seconds?: unknown; nanos?: unknown } } | null)?.retryDelay;
    if (delay) return Number(delay.seconds ?? 0) * 1000 + Math.floor(Number(delay.nanos ?? 0) / 1e6);
  }
  return undefined;
}

export function classifyGcpError(error: unknown): ErrorClass {
  switch (grpcCodeOf(error)) {
    case Status.PERMISSION_DENIED:
    case Status.UNAUTHENTICATED:
      return { kind: 'denied' };
    case Status.RESOURCE_EXHAUSTED: {
      const retryAfterMs = retryDelayMs(error);
      return retryAfterMs === undefined ? { kind: 'throttled' } : { kind: 'throttled', retryAfterMs };
    }
    case Status.UNAVAILABLE:
    case Status.DEADLINE_EXCEEDED:
    case Status.ABORTED:
    case Status.INTERNAL:
      return { kind: 'transient' };
    default:
      return { kind: 'fatal' };
  }
}
