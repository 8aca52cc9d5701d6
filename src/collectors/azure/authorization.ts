/**
 * `azure.authorization`: role assignments (every scope visible from the subscription: management
 * groups above it, the subscription, its resource groups and resources), the role definitions they
 * use and custom roles, and user-assigned managed identities (the principals VMs run as).
 * get: `roleAssignments.listForSubscription`, `roleDefinitions.list` at the subscription scope,
 * `userAssignedIdentities.listBySubscription`.
 */
import type { JsonObject } from '../../graph/schema.js';
import type { Collector, GraphFragment } from '../types.js';
import { registerCollector } from '../types.js';
import type { ArmObject } from './arm.js';
import { str } from './arm.js';
import { definitionsToKeep, identityNode, principalIdOf, roleAssignmentNode, roleDefinitionNode, rolesByGuid } from './authorization-model.js';
import { clientsFor } from './clients.js';
import { normId } from './ids.js';
import { firstPageOf, listAll } from './paging.js';
import type { AzureTarget } from './target.js';

const SERVICE = 'authorization';

export interface AuthorizationRaw {
  roleAssignments: JsonObject[];
  roleDefinitions: JsonObject[];
  identities: JsonObject[];
}

/** The pure transform, shared with the importer (which passes its own tenant domains). */
export function authorizationFragment(raw: AuthorizationRaw, subscriptionId: string, tenantDomains: readonly string[]): GraphFragment {
  const identities = raw.identities.map((i) => identityNode(i, subscriptionId));
  const identitiesByPrincipal = new Map<string, string>();
  for (const i of raw.identities) {
    const p = principalIdOf(i);
    if (p !== null) identitiesByPrincipal.set(p, normId(str(i['id']) ?? ''));
  }
  const ctx = { subscriptionId, roles: rolesByGuid(raw.roleDefinitions), identitiesByPrincipal, tenantDomains };
  const keep: ArmObject[] = definitionsToKeep(raw.roleDefinitions, raw.roleAssignments);
  return {
    nodes: [...raw.roleAssignments.map((ra) => roleAssignmentNode(ra, ctx)), ...keep.map((d) => roleDefinitionNode(d, subscriptionId)), ...identities],
    edges: [],
  };
}

export const authorizationCollector: Collector<AzureTarget, AuthorizationRaw> = {
  id: 'azure.authorization',
  provider: 'azure',
  service: SERVICE,
  description: 'Role assignments (principal, role, scope), role definitions (custom roles and assigned built-in roles) and user-assigned managed identities',
  permissions: [
    { action: 'Microsoft.Authorization/roleAssignments/read', why: 'list role assignments at and above the subscription' },
    { action: 'Microsoft.Authorization/roleDefinitions/read', why: "resolve role names and permissions, find custom roles with '*' actions" },
    { action: 'Microsoft.ManagedIdentity/userAssignedIdentities/read', why: 'list user-assigned identities (principal ids), the principals VMs run as' },
  ],

  async get(ctx, target) {
    const { authorization, msi } = clientsFor(target.connection, target.subscriptionId);
    const op = (operation: string) => ({ service: SERVICE, operation });
    const [roleAssignments, roleDefinitions, identities] = await Promise.all([
      listAll(ctx, op('roleAssignments.listForSubscription'), authorization.pipeline, firstPageOf((o) => authorization.roleAssignments.listForSubscription(o))),
      listAll(ctx, op('roleDefinitions.list'), authorization.pipeline, firstPageOf((o) => authorization.roleDefinitions.list(`subscriptions/${target.subscriptionId}`, o))),
      listAll(ctx, op('userAssignedIdentities.listBySubscription'), msi.pipeline, firstPageOf((o) => msi.userAssignedIdentities.listBySubscription(o))),
    ]);
    return { roleAssignments: roleAssignments ?? [], roleDefinitions: roleDefinitions ?? [], identities: identities ?? [] };
  },

  transform(raw, target): GraphFragment {
    return authorizationFragment(raw, target.subscriptionId, target.tenantDomains);
  },
};

export const authorization = registerCollector(authorizationCollector);
