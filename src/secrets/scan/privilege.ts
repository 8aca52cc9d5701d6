/**
 * Pure: does an AWS IAM principal hold administrator or privilege-escalation rights? Read from the
 * snapshot's normalized statements (inline statements on the user, its groups' inline statements,
 * and the `iam.policy` nodes attached to the user and its groups), not through the Rego engine:
 * the policy pack has no AWS IAM helper library yet.
 *
 * - admin: an unconditional Allow of `*` (or `NotAction`) on resource `*`, or an attached AWS-managed
 *   `AdministratorAccess` / `IAMFullAccess` whose node is missing from the snapshot.
 * - escalation: an unconditional Allow of an action that lets the principal grant itself more
 *   (`iam:CreatePolicyVersion`, `iam:Attach*Policy`, `iam:Put*Policy`, `iam:CreateAccessKey`, …,
 *   or `iam:PassRole` together with a service that runs code as the passed role).
 * An unconditional Deny of `*` on `*` cancels both. Permission boundaries and SCPs are not applied
 * (they can only lower the verdict; the finding says which policy granted what).
 */
import type { GraphEdge, GraphNode, PolicyStatement } from '../../graph/schema.js';
import type { PathStep } from '../../results/schema.js';

export type PrivilegeLevel = 'admin' | 'escalation' | 'none';

export interface PrivilegeVerdict {
  level: PrivilegeLevel;
  /** The action that made the verdict, e.g. `*`, `iam:AttachUserPolicy`. */
  action: string | null;
  /** Where the grant comes from: a policy ARN, `inline:<principal or group ARN>`. */
  grantedBy: string | null;
  /** Principal → (group →) policy, for the finding's path. */
  path: PathStep[];
}

export const ESCALATION_ACTIONS: readonly string[] = [
  'iam:AddUserToGroup',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreatePolicyVersion',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:SetDefaultPolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateLoginProfile',
];

/** With iam:PassRole, these run code as the passed role. */
const PASS_ROLE_PARTNERS: readonly string[] = ['ec2:RunInstances', 'lambda:CreateFunction', 'cloudformation:CreateStack', 'glue:CreateDevEndpoint', 'ecs:RunTask'];

const ADMIN_MANAGED_POLICIES: ReadonlyMap<string, PrivilegeLevel> = new Map([
  ['arn:aws:iam::aws:policy/AdministratorAccess', 'admin'],
  ['arn:aws:iam::aws:policy/IAMFullAccess', 'escalation'],
]);

/** IAM action globs: `*` and `?`, case-insensitive, as AWS matches them. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  const re = new RegExp(`^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('')}$`, 'i');
  return re.test(action);
}

const unconditional = (s: PolicyStatement): boolean => Object.keys(s.conditions ?? {}).length === 0;
const allowsAction = (s: PolicyStatement, action: string): boolean =>
  s.effect === 'Allow' && unconditional(s) && (s.actions.some((p) => actionMatches(p, action)) || (s.notActions.length > 0 && !s.notActions.some((p) => actionMatches(p, action))));
const allResources = (s: PolicyStatement): boolean => s.resources.includes('*');

interface Source {
  statements: PolicyStatement[];
  grantedBy: string;
  path: PathStep[];
}

function statementsOf(node: GraphNode | undefined): PolicyStatement[] {
  if (!node) return [];
  const a = node.attrs as Record<string, unknown>;
  const list = node.kind === 'iam.policy' ? a.statements : a.inlineStatements;
  return Array.isArray(list) ? (list as PolicyStatement[]) : [];
}

/** The statement sources of a principal: inline, attached, and the same for each of its groups. */
function sourcesOf(principal: GraphNode, nodes: ReadonlyMap<string, GraphNode>, edgesFrom: ReadonlyMap<string, GraphEdge[]>): { sources: Source[]; missingManaged: { arn: string; path: PathStep[] }[] } {
  const sources: Source[] = [];
  const missingManaged: { arn: string; path: PathStep[] }[] = [];
  const visit = (holder: GraphNode, prefix: PathStep[]): void => {
    const here: PathStep[] = [...prefix];
    sources.push({ statements: statementsOf(holder), grantedBy: `inline:${holder.id}`, path: [...here, { nodeId: holder.id, via: null }] });
    const attachedIds = new Set<string>();
    for (const e of edgesFrom.get(holder.id) ?? []) if (e.kind === 'attached_policy') attachedIds.add(e.to);
    const attr = (holder.attrs as Record<string, unknown>).attachedPolicyArns;
    if (Array.isArray(attr)) for (const arn of attr) if (typeof arn === 'string') attachedIds.add(arn);
    for (const arn of [...attachedIds].sort()) {
      const policy = nodes.get(arn);
      const path = [...here, { nodeId: holder.id, via: 'attached_policy' }, { nodeId: arn, via: null }];
      if (policy) sources.push({ statements: statementsOf(policy), grantedBy: arn, path });
      else missingManaged.push({ arn, path });
    }
  };
  visit(principal, []);
  const groups = new Set<string>();
  for (const e of edgesFrom.get(principal.id) ?? []) if (e.kind === 'member_of') groups.add(e.to);
  const attr = (principal.attrs as Record<string, unknown>).groupArns;
  if (Array.isArray(attr)) for (const g of attr) if (typeof g === 'string') groups.add(g);
  for (const g of [...groups].sort()) {
    const group = nodes.get(g);
    if (group) visit(group, [{ nodeId: principal.id, via: 'member_of' }]);
  }
  return { sources, missingManaged };
}

/** The highest privilege a principal holds through its policies (admin > escalation > none). */
export function principalPrivilege(principal: GraphNode, nodes: ReadonlyMap<string, GraphNode>, edgesFrom: ReadonlyMap<string, GraphEdge[]>): PrivilegeVerdict {
  const none: PrivilegeVerdict = { level: 'none', action: null, grantedBy: null, path: [{ nodeId: principal.id, via: null }] };
  const { sources, missingManaged } = sourcesOf(principal, nodes, edgesFrom);
  const all = sources.flatMap((s) => s.statements);
  if (all.some((s) => s.effect === 'Deny' && unconditional(s) && s.actions.includes('*') && allResources(s))) return none;
  for (const s of sources) {
    const isAdmin = (st: PolicyStatement): boolean => st.effect === 'Allow' && unconditional(st) && allResources(st) && (st.actions.includes('*') || st.notActions.length > 0);
    if (s.statements.some(isAdmin)) {
      return { level: 'admin', action: '*', grantedBy: s.grantedBy, path: s.path };
    }
  }
  for (const m of missingManaged) if (ADMIN_MANAGED_POLICIES.get(m.arn) === 'admin') return { level: 'admin', action: '*', grantedBy: m.arn, path: m.path };
  for (const action of ESCALATION_ACTIONS) {
    for (const s of sources) if (s.statements.some((st) => allowsAction(st, action))) return { level: 'escalation', action, grantedBy: s.grantedBy, path: s.path };
  }
  const passRole = sources.find((s) => s.statements.some((st) => allowsAction(st, 'iam:PassRole')));
  const partner = PASS_ROLE_PARTNERS.find((a) => all.some((st) => allowsAction(st, a)));
  if (passRole && partner) return { level: 'escalation', action: `iam:PassRole + ${partner}`, grantedBy: passRole.grantedBy, path: passRole.path };
  for (const m of missingManaged) if (ADMIN_MANAGED_POLICIES.get(m.arn) === 'escalation') return { level: 'escalation', action: 'iam:*', grantedBy: m.arn, path: m.path };
  return none;
}

/** GCP basic roles that administer their scope (as `policies/lib/iam.rego` counts them). */
const GCP_ADMIN_ROLES: ReadonlySet<string> = new Set(['roles/owner', 'roles/editor']);

/**
 * A GCP service account's admin rights: an unconditional binding of roles/owner or roles/editor
 * naming it (the rule of `policies/lib/iam.rego`'s `admin_bindings_of`), read from the bindings.
 */
export function gcpServiceAccountPrivilege(principal: GraphNode, bindingsByPrincipal: ReadonlyMap<string, GraphNode[]>): PrivilegeVerdict {
  const admin = (bindingsByPrincipal.get(principal.id) ?? [])
    .filter((b) => b.kind === 'iam.binding' && GCP_ADMIN_ROLES.has(String(b.attrs.role)) && (b.attrs.condition === undefined || b.attrs.condition === null))
    .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
  if (!admin) return { level: 'none', action: null, grantedBy: null, path: [{ nodeId: principal.id, via: null }] };
  return { level: 'admin', action: String(admin.attrs.role), grantedBy: admin.id, path: [{ nodeId: principal.id, via: 'member_of' }, { nodeId: admin.id, via: null }] };
}
