import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestError } from '@azure/core-rest-pipeline';
import { classifyAzureError } from '../../src/collectors/azure/index.js';
import { retryAfterMs } from '../../src/collectors/azure/errors.js';
import { checkEndpoint } from '../../src/collectors/azure/clients.js';
import { startFakeAzure } from '../fake-clouds/azure/server.js';
import { loadSmallWorld, SUB_A } from './helpers.js';

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] });
const restError = (statusCode: number, h: Record<string, string> = {}) =>
  Object.assign(new RestError('x', { statusCode }), { response: { headers: headers(h), status: statusCode, request: undefined } });

test('classifyError: 403 denied, 429/503 throttled with Retry-After, 5xx transient, 400 fatal', () => {
  assert.deepEqual(classifyAzureError(restError(403)), { kind: 'denied' });
  assert.deepEqual(classifyAzureError(restError(401)), { kind: 'denied' });
  assert.deepEqual(classifyAzureError(restError(429, { 'retry-after': '7' })), { kind: 'throttled', retryAfterMs: 7000 });
  assert.deepEqual(classifyAzureError(restError(503)), { kind: 'throttled' });
  assert.deepEqual(classifyAzureError(restError(500)), { kind: 'transient' });
  assert.deepEqual(classifyAzureError(restError(502)), { kind: 'transient' });
  assert.deepEqual(classifyAzureError(restError(400)), { kind: 'fatal' });
  assert.deepEqual(classifyAzureError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })), { kind: 'transient' });
  assert.deepEqual(classifyAzureError(new SyntaxError('Unexpected end of JSON input')), { kind: 'fatal' });
});

test('Retry-After: seconds, HTTP date, and the x-ms millisecond headers', () => {
  assert.equal(retryAfterMs(headers({ 'retry-after': '2' })), 2000);
  assert.equal(retryAfterMs(headers({ 'retry-after': 'Fri, 20 Nov 2026 12:00:05 GMT' }), Date.parse('2026-11-20T12:00:00Z')), 5000);
  assert.equal(retryAfterMs(headers({ 'x-ms-retry-after-ms': '1500', 'retry-after': '9' })), 1500);
  assert.equal(retryAfterMs(headers({})), undefined);
});

test('endpoints: https anywhere, plain http only on loopback', () => {
  assert.equal(checkEndpoint('https://management.azure.com/'), 'https://management.azure.com');
  assert.equal(checkEndpoint('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
  assert.throws(() => checkEndpoint('http://fake.example.com'), /only https/);
});

test('the fake speaks ARM: bearer token required, api-version checked, AuthorizationFailed and 429 bodies', async () => {
  const world = await loadSmallWorld();
  const fake = await startFakeAzure({
    world,
    faults: [
      { kind: 'deny', operation: 'disks.list' },
      { kind: 'throttle', operation: 'snapshots.list', retryAfterSeconds: 3 },
    ],
  });
  const auth = { authorization: 'Bearer test-token' };
  const base = `${fake.endpoint}/subscriptions/${SUB_A}/providers`;
  try {
    const noToken = await fetch(`${base}/Microsoft.Compute/disks?api-version=2025-01-02`);
    assert.equal(noToken.status, 401);
    assert.equal(((await noToken.json()) as { error: { code: string } }).error.code, 'AuthenticationFailed');

    const noVersion = await fetch(`${base}/Microsoft.Network/publicIPAddresses`, { headers: auth });
    assert.equal(noVersion.status, 400);
    assert.equal(((await noVersion.json()) as { error: { code: string } }).error.code, 'MissingApiVersionParameter');

    const badVersion = await fetch(`${base}/Microsoft.Network/publicIPAddresses?api-version=2099-01-01`, { headers: auth });
    assert.equal(badVersion.status, 400);
    const bad = (await badVersion.json()) as { error: { code: string; message: string } };
    assert.equal(bad.error.code, 'InvalidResourceType');
    assert.match(bad.error.message, /for api version '2099-01-01'. The supported api-versions are '2025-05-01/);

    const badArm = await fetch(`${fake.endpoint}/subscriptions?api-version=1999-01-01`, { headers: auth });
    assert.equal(((await badArm.json()) as { error: { code: string } }).error.code, 'InvalidApiVersionParameter');

    const denied = await fetch(`${base}/Microsoft.Compute/disks?api-version=2025-01-02`, { headers: auth });
    assert.equal(denied.status, 403);
    assert.match(((await denied.json()) as { error: { code: string; message: string } }).error.message, /does not have authorization to perform action 'Microsoft.Compute\/disks\/read' over scope/);

    const throttled = await fetch(`${base}/Microsoft.Compute/snapshots?api-version=2025-01-02`, { headers: auth });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '3');
    await throttled.body?.cancel();
    const after = await fetch(`${base}/Microsoft.Compute/snapshots?api-version=2025-01-02`, { headers: auth });
    assert.equal(after.status, 200);
    const page = (await after.json()) as { value: unknown[]; nextLink?: string };
    assert.equal(page.value.length, 2);
    assert.equal(page.nextLink, undefined);
    assert.equal(fake.callCounts['snapshots.list'], 2);
  } finally {
    await fake.close();
  }
});

test('targets: a configured subscription list is used as given (validated), else the subscriptions list API', async () => {
  const { azureProvider } = await import('../../src/collectors/azure/index.js');
  const { fakeTokenCredential } = await import('../fake-clouds/azure/server.js');
  const ctx = { signal: new AbortController().signal, debug: () => undefined };
  const given = await azureProvider.resolveTargets({ subscriptions: [SUB_A.toUpperCase()], credential: fakeTokenCredential, endpoint: 'http://127.0.0.1:9' }, ctx);
  assert.deepEqual(given.map((t) => [t.account, t.region]), [[SUB_A, 'global']]);
  await assert.rejects(azureProvider.resolveTargets({ subscriptions: ['prod'], credential: fakeTokenCredential }, ctx), /not a subscription id/);

  const world = await loadSmallWorld();
  world.subscriptions.push({ id: '/subscriptions/33333333-0000-4000-8000-000000000000', subscriptionId: '33333333-0000-4000-8000-000000000000', displayName: 'old', state: 'Disabled' });
  const fake = await startFakeAzure({ world, pageSize: 1, faults: [{ kind: 'throttle', operation: 'subscriptions.list', retryAfterSeconds: 0 }] });
  try {
    const listed = await azureProvider.resolveTargets({ endpoint: fake.endpoint, credential: fakeTokenCredential }, ctx);
    assert.deepEqual(listed.map((t) => t.account), [SUB_A, '22222222-2222-2222-2222-222222222222']);
    assert.equal(fake.callCounts['subscriptions.list'], 4, '429 retried by the SDK here (outside ctx.call), then 3 pages');
  } finally {
    await fake.close();
  }
  const denied = await startFakeAzure({ world, faults: [{ kind: 'deny', operation: 'subscriptions.list' }] });
  try {
    await assert.rejects(azureProvider.resolveTargets({ endpoint: denied.endpoint, credential: fakeTokenCredential }, ctx), /cannot list the subscriptions.*AuthorizationFailed|cannot list the subscriptions.*does not have authorization/);
  } finally {
    await denied.close();
  }
});
