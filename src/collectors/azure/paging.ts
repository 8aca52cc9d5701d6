/**
 * List operations, page by page. The first page is requested through the SDK operation (its URL
 * template and api-version); the raw JSON text of each page is kept (`onResponse`'s `bodyAsText`),
 * not the SDK's deserialized models, which flatten `properties` and rename fields: the transforms
 * read ARM JSON, the same as the world files and the offline importer. Each following page is the
 * service's absolute `nextLink`, fetched through the same client pipeline (auth, user agent). Every
 * page is one `ctx.call`, so a throttled page 7 is retried alone and counted.
 */
import type { Pipeline } from '@azure/core-rest-pipeline';
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
  onResponse: (raw: { bodyAsText?: string | null }) => void;
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
  const text = response.bodyAsText ?? '';
  if (response.status >= 400) {
    let code: string | undefined;
    let message = `HTTP ${response.status}`;
    try {
      const err = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
      code = err?.code;
      if (err?.message) message = err.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new RestError(message, { statusCode: response.status, code, request, response });
  }
  return parsePage(text);
}

/**
 * All items of a list operation, or null when its first page could not be read (already a coverage
 * row). A later page that fails is a coverage row too; the items read before it are returned.
 */
export async function listAll(ctx: CollectContext, op: OperationRef, pipeline: Pipeline, first: FirstPage): Promise<JsonObject[] | null> {
  const r = await ctx.call(op, async (signal) => {
    let text: string | null | undefined;
    await first({ abortSignal: signal, onResponse: (raw) => void (text = raw.bodyAsText) });
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
