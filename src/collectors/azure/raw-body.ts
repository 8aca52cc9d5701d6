/**
 * The collectors read ARM's own JSON text of every response (`onResponse`), never the SDK's
 * deserialized models (which flatten `properties` and rename fields). Left alone, the SDK would
 * still deserialize every successful body into models nobody reads: at 100k resources that was the
 * largest CPU cost of a collection. This pipeline policy, nearest the transport, keeps the text of
 * each successful response aside (keyed by its request) and hands the SDK an empty list page to
 * deserialize instead. Error responses pass untouched, so the SDK's error handling (RestError,
 * status, ARM error code) is unchanged.
 */
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';

export const RAW_BODY_POLICY_NAME = 'cloudwardenRawBody';

/** What the SDK deserializes instead: an empty page for list operations, ignored fields for gets. */
const EMPTY_PAGE = '{"value":[]}';

const kept = new WeakMap<PipelineRequest, string>();

export function rawBodyPolicy(): PipelinePolicy {
  return {
    name: RAW_BODY_POLICY_NAME,
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status >= 200 && response.status < 300 && typeof response.bodyAsText === 'string') {
        kept.set(request, response.bodyAsText);
        response.bodyAsText = EMPTY_PAGE;
      }
      return response;
    },
  };
}

/** The response text as the service sent it, from an `onResponse` callback's raw response. */
export function rawBodyOf(raw: { request?: PipelineRequest; bodyAsText?: string | null }): string | null | undefined {
  const text = raw.request ? kept.get(raw.request) : undefined;
  return text ?? raw.bodyAsText;
}
