/**
 * List operations, page by page. The first page is requested through the SDK operation (its URL
 * template and api-version); the raw JSON text of each page is kept (raw-body.ts, read in `onResponse`),
 * not the SDK's deserialized models, which flatten `properties` and rename fields: the transforms
 * read ARM JSON, the same as the world files and the offline importer. Each following page is the
 * service's absolute `nextLink`, fetched through the same client pipeline (auth, user agent). Every
 * page is one `ctx.call`, so a throttled page 7 is retried alone and counted.
 */
import type { Pipeline, PipelineRequest } from '@azure/core-rest-pipeline';
import { rawBodyOf } from './raw-body.js';
import { RestError, createDefaultHttpClient, createPipelineRequest } from '@azure/core-rest-pipeline';
import type { JsonObject } from '../../graph/schema.js';
import type { CollectContext, OperationRef } from '../types.js';
import { isObject } from './arm.js';
import { isLoopbackHttp } from './clients.js';

export interface RawPage {
  value: JsonObject[];
  nextLink: string | null;
}

/** Thrown when a 2xx response is not the JSON of a list page. */
export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

export function parsePage(text: string): RawPage {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new MalformedResponseError(`response is not JSON (${error instanceof Error ? error.message : String(error)}; ${text.length} bytes)`);
  }
  if (!isObject(body) || !Array.isArray(body['value'])) throw new MalformedResponseError('response has no "value" array');
  const value = body['value'].filter(isObject);
  if (value.length !== body['value'].length) throw new MalformedResponseError('"value" holds non-objects');
  const next = body['nextLink'];
  return { value, nextLink: typeof next === 'string' && next !== '' ? next : null };
}

/** Options every SDK operation accepts: the raw response callback and the abort signal. */
export interface FirstPageOptions {
  abortSignal: AbortSignal;
  onResponse: (raw: { request?: PipelineRequest; bodyAsText?: string | null }) => void;
}

/** Starts an SDK list operation and pulls its first page. */
export type FirstPage = (options: FirstPageOptions) => Promise<unknown>;

/** Wraps `op(options).byPage().next()`. */
export const firstPageOf =
  (start: (options: FirstPageOptions) => { byPage(): AsyncIterator<unknown> }): FirstPage =>
  (options) =>
    start(options).byPage().next();

const http = createDefaultHttpClient();

/** GETs a `nextLink` through a client's pipeline and parses the page; an error status throws a `RestError`. */
export async function fetchNext(pipeline: Pipeline, nextLink: string, signal: AbortSignal): Promise<RawPage> {
  const request = createPipelineRequest({ url: nextLink, method: 'GET', abortSignal: signal, allowInsecureConnection: isLoopbackHttp(nextLink) });
  const response = await pipeline.sendRequest(http, request);
  const text = rawBodyOf(response) ?? '';
  if (response.status >= 400) {
    const arm = armErrorOf(text);
    throw new RestError(arm?.message ?? `HTTP ${response.status}`, { statusCode: response.status, code: arm?.code, request, response });
  }
  return parsePage(text);
}

/** ARM's `{ error: { code, message } }` of a failed response, if its body is one. */
export function armErrorOf(bodyText: unknown): { code?: string; message?: string } | null {
  if (typeof bodyText !== 'string') return null;
  try {
    const err = (JSON.parse(bodyText) as { error?: unknown }).error;
    return isObject(err) ? { code: typeof err['code'] === 'string' ? err['code'] : undefined, message: typeof err['message'] === 'string' ? err['message'] : undefined } : null;
  } catch {
    return null;
  }
}

/**
 * The TypeSpec-generated clients (arm-compute 24, arm-storage 20) throw "Pagination failed with
 * unexpected statusCode 403" for a failed list: put ARM's own message back (from the body text
 * `onResponse` saw), for coverage rows.
 */
function withArmMessage(error: unknown, bodyText: string | null | undefined): unknown {
  if (!(error instanceof RestError)) return error;
  const arm = armErrorOf(bodyText ?? error.response?.bodyAsText);
  if (arm?.message === undefined || error.message.includes(arm.message)) return error;
  return new RestError(arm.message, { code: arm.code ?? error.code, statusCode: error.statusCode, request: error.request, response: error.response });
}

/**
 * All items of a list operation, or null when its first page could not be read (already a coverage
 * row). A later page that fails is a coverage row too; the items read before it are returned.
 */
export async function listAll(ctx: CollectContext, op: OperationRef, pipeline: Pipeline, first: FirstPage): Promise<JsonObject[] | null> {
  const r = await ctx.call(op, async (signal) => {
    let text: string | null | undefined;
    try {
      await first({ abortSignal: signal, onResponse: (raw) => void (text = rawBodyOf(raw)) });
    } catch (error) {
      throw withArmMessage(error, text);
    }
    if (typeof text !== 'string') throw new MalformedResponseError('the SDK gave no response text');
    return parsePage(text);
  });
  if (!r.ok) return null;
  const items = [...r.value.value];
  let next = r.value.nextLink;
  while (next !== null) {
    const link = next;
    const page = await ctx.call(op, (signal) => fetchNext(pipeline, link, signal));
    if (!page.ok) break;
    items.push(...page.value.value);
    next = page.value.nextLink;
  }
  return items;
}
