/** The raw-body policy: 2xx texts are kept for onResponse and the SDK gets an empty page; errors pass untouched. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { rawBodyOf, rawBodyPolicy } from '../../src/collectors/azure/raw-body.js';

function respond(status: number, bodyAsText: string) {
  return async (request: ReturnType<typeof createPipelineRequest>): Promise<PipelineResponse> => ({ request, status, headers: createHttpHeaders(), bodyAsText });
}

test('a successful body is kept aside and the SDK deserializes an empty page', async () => {
  const policy = rawBodyPolicy();
  const request = createPipelineRequest({ url: 'https://management.azure.com/x' });
  const body = '{"value":[{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d"}],"nextLink":null}';
  const response = await policy.sendRequest(request, respond(200, body));
  assert.equal(response.bodyAsText, '{"value":[]}');
  assert.equal(rawBodyOf(response), body);
  assert.equal(rawBodyOf({ request, bodyAsText: 'ignored' }), body);
});

test('an error response reaches the SDK as it came, for its RestError', async () => {
  const policy = rawBodyPolicy();
  const request = createPipelineRequest({ url: 'https://management.azure.com/x' });
  const body = '{"error":{"code":"AuthorizationFailed","message":"no"}}';
  const response = await policy.sendRequest(request, respond(403, body));
  assert.equal(response.bodyAsText, body);
  assert.equal(rawBodyOf(response), body);
  assert.equal(rawBodyOf({ bodyAsText: null }), null);
});
