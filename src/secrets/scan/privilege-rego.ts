/**
 * Admin and escalation rights of AWS principals, read from the policy pack's own helpers
 * (`policies/lib/aws_iam.rego`: `admin_entries`, `escalations`) through the built-in Rego engine, so
 * a leaked key's severity agrees with the `aws.iam.*` checks (NotAction, Deny, permission boundaries,
 * the escalation action sets on unconstrained resources). Only the IAM part of the snapshot is given
 * to the engine. When the library is missing or fails to compile or evaluate, the caller falls back
 * to `privilege.ts` (the normalized statements read directly) and says so in the evidence.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphNode, Snapshot } from '../../graph/schema.js';
import { BUILTIN_POLICY_DIR } from '../../policy/load-policies.js';
import { compileModules, evaluate, toJSON, type Value } from '../../policy/rego/index.js';
import type { PathStep } from '../../results/schema.js';
import type { PrivilegeVerdict } from './privilege.js';

export const AWS_IAM_LIB_PACKAGE = 'data.cloudwarden.lib.aws_iam';
const IAM_KINDS: ReadonlySet<string> = new Set(['iam.user', 'iam.group', 'iam.role', 'iam.policy']);

interface AdminEntry {
  id?: unknown;
  policy?: unknown;
  policyName?: unknown;
  via?: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function entryPath(principalId: string, e: AdminEntry): PathStep[] {
  const via = str(e.via);
  const policy = str(e.policy);
  if (via !== null && policy !== null) return [{ nodeId: principalId, via: 'member_of' }, { nodeId: via, via: 'attached_policy' }, { nodeId: policy, via: null }];
  if (via !== null) return [{ nodeId: principalId, via: 'member_of' }, { nodeId: via, via: null }];
  if (policy !== null) return [{ nodeId: principalId, via: 'attached_policy' }, { nodeId: policy, via: null }];
  return [{ nodeId: principalId, via: null }];
}

function grantedBy(principalId: string, e: AdminEntry): string {
  return str(e.policy) ?? `inline:${str(e.via) ?? principalId}`;
}

/**
 * Verdicts for every AWS principal the library calls admin or escalation-capable (others: none).
 * Throws when the library cannot be loaded or evaluated.
 */
export function privilegesFromRego(snapshot: Pick<Snapshot, 'nodes' | 'edges'>, libDir = join(BUILTIN_POLICY_DIR, 'lib')): Map<string, PrivilegeVerdict> {
  const files = readdirSync(libDir).filter((f) => f.endsWith('.rego') && !f.endsWith('_test.rego')).sort();
  if (!files.includes('aws_iam.rego')) throw new Error(`${libDir}/aws_iam.rego not found`);
  const compiled = compileModules(files.map((f) => ({ path: join(libDir, f), source: readFileSync(join(libDir, f), 'utf8') })));
  const nodes: GraphNode[] = snapshot.nodes.filter((n) => n.provider === 'aws' && IAM_KINDS.has(n.kind));
  const ids = new Set(nodes.map((n) => n.id));
  const edges = snapshot.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const rows = evaluate(compiled, `admin := ${AWS_IAM_LIB_PACKAGE}.admin_entries; esc := ${AWS_IAM_LIB_PACKAGE}.escalations`, { input: { nodes, edges, costs: [], coverage: [] } as unknown as Value });
  const row = rows[0];
  if (!row) throw new Error(`${AWS_IAM_LIB_PACKAGE}.admin_entries or .escalations is undefined`);
  const admin = toJSON(row.admin as Value) as Record<string, AdminEntry[]>;
  const esc = toJSON(row.esc as Value) as Record<string, { actions?: unknown; policies?: unknown }[]>;
  const out = new Map<string, PrivilegeVerdict>();
  for (const [principalId, found] of Object.entries(esc)) {
    const first = found[0];
    if (!first) continue;
    const actions = Array.isArray(first.actions) ? first.actions.filter((a): a is string => typeof a === 'string') : [];
    const policies = Array.isArray(first.policies) ? first.policies.filter((p): p is string => typeof p === 'string') : [];
    out.set(principalId, { level: 'escalation', action: actions.join(' + ') || null, grantedBy: policies.join(', ') || null, path: [{ nodeId: principalId, via: null }] });
  }
  for (const [principalId, entries] of Object.entries(admin)) {
    const first = [...entries].sort((a, b) => grantedBy(principalId, a).localeCompare(grantedBy(principalId, b)))[0];
    if (!first) continue;
    out.set(principalId, { level: 'admin', action: '*', grantedBy: grantedBy(principalId, first), path: entryPath(principalId, first) });
  }
  return out;
}
