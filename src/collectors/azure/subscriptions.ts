/** `azure.subscriptions`: the subscription itself → `account`. */
import type { JsonObject } from '../../graph/schema.js';
import { rawBodyOf } from './raw-body.js';
import type { Collector, GraphFragment } from '../types.js';
import { registerCollector } from '../types.js';
import { clientsFor } from './clients.js';
import { subscriptionNode } from './subscription-model.js';
import type { AzureTarget } from './target.js';

const SERVICE = 'subscriptions';

export interface SubscriptionsRaw {
  /** The subscription object (ARM `GET /subscriptions/{id}`), or null when it could not be read. */
  subscription: JsonObject | null;
}

export const subscriptionsCollector: Collector<AzureTarget, SubscriptionsRaw> = {
  id: 'azure.subscriptions',
  provider: 'azure',
  service: SERVICE,
  description: 'The subscription: display name, state, tenant, quota',
  permissions: [{ action: 'Microsoft.Resources/subscriptions/read', why: 'read the subscription (display name, state, tenant)' }],

  async get(ctx, target) {
    const { subscriptions } = clientsFor(target.connection, target.subscriptionId);
    const r = await ctx.call({ service: SERVICE, operation: 'subscriptions.get' }, async (abortSignal) => {
      let text: string | null | undefined;
      await subscriptions.subscriptions.get(target.subscriptionId, { abortSignal, onResponse: (raw) => void (text = rawBodyOf(raw)) });
      const body: unknown = JSON.parse(text ?? 'null');
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('subscription response is not a JSON object');
      return body as JsonObject;
    });
    return { subscription: r.ok ? r.value : null };
  },

  transform(raw, target): GraphFragment {
    // Without the subscription object the link step still adds a bare account node when resources were read.
    return { nodes: raw.subscription ? [subscriptionNode(raw.subscription, target.subscriptionId)] : [], edges: [] };
  },
};

export const subscriptions = registerCollector(subscriptionsCollector);
