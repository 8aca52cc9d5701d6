/** Subscriptions → `account` nodes, id `/subscriptions/<id>` (lower-case). */
import type { AccountNode } from '../../graph/schema.js';
import type { ArmObject } from './arm.js';
import { obj, str } from './arm.js';
import { subscriptionNodeId } from './ids.js';

export const SUBSCRIPTION_TYPE = 'Microsoft.Resources/subscriptions';

/**
 * The subscription id of a subscription object: `subscriptionId` (ARM), or the bare GUID `id` of
 * `az account list`.
 */
export function subscriptionIdOf(s: ArmObject): string | null {
  const id = str(s['subscriptionId']) ?? str(s['id']);
  if (id === null) return null;
  return id.replace(/^\/subscriptions\//i, '').toLowerCase();
}

export function subscriptionNode(s: ArmObject | null, subscriptionId: string): AccountNode {
  const o = s ?? {};
  const policies = obj(o['subscriptionPolicies']);
  return {
    id: subscriptionNodeId(subscriptionId),
    provider: 'azure',
    account: subscriptionId,
    region: 'global',
    nativeType: SUBSCRIPTION_TYPE,
    name: str(o['displayName']) ?? str(o['name']) ?? subscriptionId,
    tags: Object.fromEntries(Object.entries(obj(o['tags'])).filter((e): e is [string, string] => typeof e[1] === 'string')),
    createdAt: null,
    kind: 'account',
    attrs: {
      displayName: str(o['displayName']) ?? str(o['name']),
      parent: null,
      tenantId: str(o['tenantId']),
      state: str(o['state']),
      quotaId: str(policies['quotaId']),
      spendingLimit: str(policies['spendingLimit']),
    },
    ...(s ? { raw: s } : {}),
  };
}
