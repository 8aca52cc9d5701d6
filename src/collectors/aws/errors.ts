/** How AWS errors are classified for `ctx.call`, and helpers to recognise "not configured" answers. */
import type { ErrorClass } from '../types.js';

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'OptInRequired',
  'AWSOrganizationsNotInUseException',
]);
const TRANSIENT = new Set(['RequestTimeout', 'RequestTimeoutException', 'InternalError', 'InternalFailure', 'ServiceUnavailable', 'IDPCommunicationError', 'EC2InternalError']);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED', 'UND_ERR_SOCKET']);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
  $response?: { headers?: Record<string, string | undefined> };
}

function shape(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
}

/** The AWS error code of an SDK error (its `name`), or ''. */
export function errorCode(error: unknown): string {
  const e = shape(error);
  return typeof e.name === 'string' ? e.name : typeof e.code === 'string' ? e.code : '';
}

export function isErrorCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes(errorCode(error));
}

/** A response header of a failed call (e.g. `x-amz-bucket-region` of a 301). */
export function errorHeader(error: unknown, header: string): string | undefined {
  return shape(error).$response?.headers?.[header];
}

export function classifyAwsError(error: unknown): ErrorClass {
  const e = shape(error);
  const code = errorCode(error);
  const status = e.$metadata?.httpStatusCode;
  if (THROTTLING.has(code) || status === 429 || e.$retryable?.throttling === true) return { kind: 'throttled' };
  if (DENIED.has(code)) return { kind: 'denied' };
  const sysCode = typeof e.code === 'string' ? e.code : '';
  if (TRANSIENT.has(code) || NETWORK.has(code) || NETWORK.has(sysCode) || code === 'TimeoutError' || code === 'AbortError') return { kind: 'transient' };
  // A body cut short (or otherwise unparseable) on a 200: the SDK's deserializer throws; retry it.
  if (typeof e.message === 'string' && /Deserialization error|Unexpected end|unclosed tag|Unexpected token/i.test(e.message)) return { kind: 'transient' };
  if (status !== undefined && status >= 500) return { kind: 'transient' };
  if (status === 403) return { kind: 'denied' };
  return { kind: 'fatal' };
}
