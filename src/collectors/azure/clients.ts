/**
 * The ARM SDK clients of one subscription, bound to the run's endpoint and credential.
 *
 * - Endpoint: every client takes `endpoint` (the TypeSpec-generated arm-compute 24 / arm-storage 20
 *   and the AutoRest ones alike; arm-authorization 9 reads `$host`, given as well).
 * - Plain HTTP (the fake on 127.0.0.1): the SDK's `bearerTokenAuthenticationPolicy` refuses to send
 *   a token to a non-https URL, by design and with no option. For an `http://127.0.0.1`/`localhost`
 *   endpoint only, that policy is replaced with `loopbackBearerPolicy` (same credential, same header)
 *   and requests are marked `allowInsecureConnection` (the documented client option). Any other
 *   http endpoint is refused.
 * - Retries: the SDK's retry policy is off (`retryOptions.maxRetries: 0`); `ctx.call` alone retries
 *   429/5xx, honouring `Retry-After` (see errors.ts). Two layers would multiply attempts and hide
 *   throttling from coverage. The one exception is the subscription list in `resolveTargets`, which
 *   runs outside `ctx.call`: there the SDK retries (see `subscriptionClient`).
 */
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { StorageManagementClient } from '@azure/arm-storage';
import type { TokenCredential } from '@azure/core-auth';
import type { Pipeline, PipelinePolicy } from '@azure/core-rest-pipeline';
import { bearerTokenAuthenticationPolicyName } from '@azure/core-rest-pipeline';
import { rawBodyPolicy } from './raw-body.js';
import type { AzureConnection } from './target.js';

export const ARM_SCOPE = 'https://management.azure.com/.default';

export function isLoopbackHttp(endpoint: string): boolean {
  const u = new URL(endpoint);
  return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

export function checkEndpoint(endpoint: string): string {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    throw new Error(`azure endpoint '${endpoint}' is not a URL`);
  }
  if (u.protocol !== 'https:' && !isLoopbackHttp(endpoint)) throw new Error(`azure endpoint '${endpoint}': only https, or http on 127.0.0.1/localhost (a local fake), is allowed`);
  return endpoint.replace(/\/+$/, '');
}

/** Sets the bearer token on requests to a loopback http endpoint, where the SDK's own policy refuses to. */
export function loopbackBearerPolicy(credential: TokenCredential): PipelinePolicy {
  return {
    name: 'cloudwardenLoopbackBearerPolicy',
    async sendRequest(request, next) {
      const token = await credential.getToken(ARM_SCOPE, { abortSignal: request.abortSignal });
      if (token === null) throw new Error('the credential returned no token');
      request.headers.set('Authorization', `Bearer ${token.token}`);
      return next(request);
    },
  };
}

function clientOptions(c: AzureConnection, maxRetries = 0) {
  return {
    endpoint: c.endpoint,
    $host: c.endpoint,
    credentialScopes: [ARM_SCOPE],
    retryOptions: { maxRetries },
    allowInsecureConnection: isLoopbackHttp(c.endpoint),
    userAgentOptions: { userAgentPrefix: 'cloudwarden' },
  };
}

function adapt<T extends { pipeline: Pipeline }>(client: T, c: AzureConnection): T {
  // After every other policy on the way out, so it is the first to see the response coming back.
  client.pipeline.addPolicy(rawBodyPolicy(), { afterPhase: 'Retry' });
  if (isLoopbackHttp(c.endpoint)) {
    client.pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
    client.pipeline.addPolicy(loopbackBearerPolicy(c.credential));
  }
  return client;
}

export interface AzureClients {
  authorization: AuthorizationManagementClient;
  compute: ComputeManagementClient;
  network: NetworkManagementClient;
  msi: ManagedServiceIdentityClient;
  storage: StorageManagementClient;
  subscriptions: SubscriptionClient;
}

const cache = new WeakMap<AzureConnection, Map<string, AzureClients>>();

/** The clients for one subscription (created once per connection and subscription). */
export function clientsFor(c: AzureConnection, subscriptionId: string): AzureClients {
  let bySub = cache.get(c);
  if (!bySub) cache.set(c, (bySub = new Map()));
  const hit = bySub.get(subscriptionId);
  if (hit) return hit;
  const o = clientOptions(c);
  const clients: AzureClients = {
    authorization: adapt(new AuthorizationManagementClient(c.credential, subscriptionId, o), c),
    compute: adapt(new ComputeManagementClient(c.credential, subscriptionId, o), c),
    network: adapt(new NetworkManagementClient(c.credential, subscriptionId, o), c),
    msi: adapt(new ManagedServiceIdentityClient(c.credential, subscriptionId, o), c),
    storage: adapt(new StorageManagementClient(c.credential, subscriptionId, o), c),
    subscriptions: adapt(new SubscriptionClient(c.credential, o), c),
  };
  bySub.set(subscriptionId, clients);
  return clients;
}

/**
 * The tenant-level client used to list subscriptions while resolving targets. That runs before any
 * `ctx.call` exists, so here (and only here) the SDK's own retry policy is on: 3 retries, honouring
 * `Retry-After` on 429/503.
 */
export function subscriptionClient(c: AzureConnection): SubscriptionClient {
  return adapt(new SubscriptionClient(c.credential, clientOptions(c, 3)), c);
}
