/**
 * Role assignments → `iam.binding`, role definitions → `iam.policy`, user-assigned managed
 * identities → `iam.service_account`.
 *
 * A role assignment grants one principal one role at one scope: one binding node with one member,
 * the role's name resolved from its definition (matched by the definition GUID, since the same
 * built-in role has a different id prefix under every subscription) and its permissions. A role
 * definition is a policy: each `permissions` block is an Allow statement whose actions are
 * `actions` + `dataActions`, notActions `notActions` + `notDataActions`, and whose resources are
 * the role's assignable scopes.
 */
import type { BindingMember, BindingNode, PolicyNode, PolicyStatement, ServiceAccountNode } from '../../graph/schema.js';
import type { ArmObject } from './arm.js';
import { obj, objs, props, str, strs, timeOf } from './arm.js';
import { lastSegment, normId, normRef, scopeTypeOf } from './ids.js';
import { baseOf } from './node-base.js';

export const ROLE_ASSIGNMENT_TYPE = 'Microsoft.Authorization/roleAssignments';
export const ROLE_DEFINITION_TYPE = 'Microsoft.Authorization/roleDefinitions';
export const IDENTITY_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities';

/**
 * The node id of an authorization object listed from a subscription. Assignments made above the
 * subscription (management group, tenant root) are listed again from every subscription under that
 * scope, with the same ARM id; they apply to each subscription, so each subscription's copy is a
 * node of its own, `<ARM id>#subscriptions/<subscription id>`. Ids under the subscription are kept.
 */
export function authorizationNodeId(armId: string, subscriptionId: string): string {
  const id = normId(armId);
  return id.startsWith(`/subscriptions/${subscriptionId}/`) ? id : `${id}#subscriptions/${subscriptionId}`;
}

/** The GUID that identifies a role definition whatever the scope prefix of its id. */
export const roleGuidOf = (definitionId: string): string => lastSegment(normId(definitionId));

export function roleStatements(def: ArmObject): PolicyStatement[] {
  const p = props(def);
  const scopes = strs(p['assignableScopes']).map(normId);
  return objs(p['permissions']).map((perm) => ({
    sid: null,
    effect: 'Allow' as const,
    actions: [...strs(perm['actions']), ...strs(perm['dataActions'])],
    notActions: [...strs(perm['notActions']), ...strs(perm['notDataActions'])],
    resources: scopes,
    notResources: [],
    principals: [],
    notPrincipals: [],
    conditions: {},
  }));
}

/** `BuiltInRole` or `CustomRole`: `properties.type` in ARM, `roleType` in CLI output (where `type` is the resource type). */
export const roleTypeOf = (def: ArmObject): string | null => str(props(def)['roleType'] ?? props(def)['type']);

export function roleDefinitionNode(def: ArmObject, subscriptionId: string): PolicyNode {
  const p = props(def);
  const roleType = roleTypeOf(def);
  const base = baseOf(def, subscriptionId, ROLE_DEFINITION_TYPE);
  return {
    ...base,
    id: authorizationNodeId(base.id, subscriptionId),
    name: str(p['roleName']) ?? str(def['name']) ?? '',
    createdAt: timeOf(p['createdOn']),
    kind: 'iam.policy',
    attrs: {
      statements: roleStatements(def),
      managedBy: roleType === 'BuiltInRole' ? 'provider' : roleType === 'CustomRole' ? 'customer' : null,
      roleType,
      description: str(p['description']),
      assignableScopes: strs(p['assignableScopes']).map(normId),
    },
  };
}

export function identityNode(identity: ArmObject, subscriptionId: string): ServiceAccountNode {
  const p = props(identity);
  return {
    ...baseOf(identity, subscriptionId, IDENTITY_TYPE),
    kind: 'iam.service_account',
    attrs: { principalId: str(p['principalId']), clientId: str(p['clientId']), tenantId: str(p['tenantId']) },
  };
}

const MEMBER_TYPES: Record<string, BindingMember['type']> = {
  user: 'user',
  group: 'group',
  foreigngroup: 'group',
  serviceprincipal: 'service_principal',
};

/**
 * Whether a principal is outside the tenant. Known only from a user principal name (`az role
 * assignment list` prints it; the ARM API does not): a guest's UPN has `#EXT#`; with the tenant's
 * domains configured, a UPN in none of them is external too. Null when not known.
 */
export function externalOf(principalType: string, principalName: string | null, tenantDomains: readonly string[]): boolean | null {
  if (principalType.toLowerCase() !== 'user' || principalName === null) return null;
  if (principalName.toUpperCase().includes('#EXT#')) return true;
  if (tenantDomains.length === 0) return null;
  const domain = principalName.split('@')[1]?.toLowerCase();
  return domain === undefined ? null : !tenantDomains.some((d) => d.toLowerCase() === domain);
}

export interface BindingContext {
  subscriptionId: string;
  /** Role definitions by GUID. */
  roles: ReadonlyMap<string, ArmObject>;
  /** Collected user-assigned identity node ids by their principal (object) id. */
  identitiesByPrincipal: ReadonlyMap<string, string>;
  tenantDomains: readonly string[];
}

export function roleAssignmentNode(ra: ArmObject, ctx: BindingContext): BindingNode {
  const p = props(ra);
  const roleDefinitionId = str(p['roleDefinitionId']) ?? '';
  const def = ctx.roles.get(roleGuidOf(roleDefinitionId));
  const principalId = (str(p['principalId']) ?? '').toLowerCase();
  const principalType = str(p['principalType']) ?? 'Unknown';
  const principalName = str(p['principalName']);
  const scope = normId(str(p['scope']) ?? '/');
  const condition = str(p['condition']);
  const permissions = def ? roleStatements(def).flatMap((s) => s.actions) : null;
  const base = baseOf(ra, ctx.subscriptionId, ROLE_ASSIGNMENT_TYPE);
  return {
    ...base,
    id: authorizationNodeId(base.id, ctx.subscriptionId),
    region: 'global',
    createdAt: timeOf(p['createdOn']),
    kind: 'iam.binding',
    attrs: {
      role: (def ? str(props(def)['roleName']) : null) ?? str(p['roleDefinitionName']) ?? roleGuidOf(roleDefinitionId),
      roleId: def ? authorizationNodeId(str(def['id']) ?? roleDefinitionId, ctx.subscriptionId) : normRef(roleDefinitionId),
      permissions,
      scope,
      scopeType: scopeTypeOf(scope),
      members: [
        {
          id: `${principalType}:${principalId}`,
          type: MEMBER_TYPES[principalType.toLowerCase()] ?? 'other',
          external: externalOf(principalType, principalName, ctx.tenantDomains),
          principalId: ctx.identitiesByPrincipal.get(principalId) ?? null,
        },
      ],
      condition: condition ? { title: str(p['description']), expression: condition } : null,
      principalType,
      principalName,
      roleType: def ? roleTypeOf(def) : null,
    },
  };
}

/** The role definitions worth a node: custom roles, and built-in roles someone is assigned. */
export function definitionsToKeep(defs: readonly ArmObject[], assignments: readonly ArmObject[]): ArmObject[] {
  const assigned = new Set(assignments.map((a) => roleGuidOf(str(props(a)['roleDefinitionId']) ?? '')));
  return defs.filter((d) => roleTypeOf(d) === 'CustomRole' || assigned.has(roleGuidOf(str(d['id']) ?? '')));
}

/** Role definitions by GUID. */
export const rolesByGuid = (defs: readonly ArmObject[]): Map<string, ArmObject> => new Map(defs.map((d) => [roleGuidOf(str(d['id']) ?? ''), d]));

export const principalIdOf = (identity: ArmObject): string | null => {
  const id = str(obj(props(identity))['principalId']);
  return id ? id.toLowerCase() : null;
};
