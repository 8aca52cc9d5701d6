/**
 * Pure joins across the AWS collectors of one account: partial nodes merged into their full node
 * (utilization, Auto Scaling membership, root-user facts), and every edge, each made only when both
 * ends were collected (a gap in one service never breaks the graph of another).
 */
import type { GraphEdge, GraphNode, JsonValue, PolicyStatement } from '../../graph/schema.js';
import type { GraphFragment } from '../types.js';
import { accountArn } from './arn.js';
import { PARTIAL, isPartial } from './partial.js';

function withoutMarker(attrs: Record<string, JsonValue | undefined>): Record<string, JsonValue | undefined> {
  const { [PARTIAL]: _drop, ...rest } = attrs;
  return rest;
}

/** A full node made from partial facts alone (its own collector failed): unknown everywhere else. */
function completed(p: GraphNode): GraphNode {
  const attrs = withoutMarker(p.attrs);
  if (p.kind === 'compute.instance') {
    return { ...p, attrs: { state: 'unknown', stateSince: null, instanceType: null, vcpus: null, memoryMiB: null, lifecycle: null, publicIps: [], privateIps: [], ...attrs } } as GraphNode;
  }
  return { ...p, attrs } as GraphNode;
}

export function mergePartials(nodes: readonly GraphNode[]): GraphNode[] {
  const byId = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    const list = byId.get(n.id);
    if (list) list.push(n);
    else byId.set(n.id, [n]);
  }
  const out: GraphNode[] = [];
  for (const list of byId.values()) {
    const partials = list.filter(isPartial);
    if (partials.length === 0) continue;
    const full = list.find((n) => !isPartial(n));
    let merged = full ?? completed(partials[0] as GraphNode);
    for (const p of partials) merged = { ...merged, attrs: { ...merged.attrs, ...withoutMarker(p.attrs) } } as GraphNode;
    out.push(merged);
  }
  return out;
}

const ASSUME_ACTION = /^(\*|sts:\*|sts:AssumeRole\*?|sts:AssumeRole(WithSAML|WithWebIdentity)?|sts:TagSession|sts:Assume\*)$/i;

function canAssume(s: PolicyStatement): boolean {
  return s.effect === 'Allow' && (s.actions.some((a) => ASSUME_ACTION.test(a) && !/TagSession/i.test(a)) || (s.notActions.length > 0 && !s.notActions.some((a) => ASSUME_ACTION.test(a))));
}

const strs = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const str = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);

export function linkAws(fragment: GraphFragment): GraphFragment {
  const completedNodes = mergePartials(fragment.nodes);
  const replaced = new Map(completedNodes.map((n) => [n.id, n]));
  const nodes = new Map<string, GraphNode>();
  for (const n of fragment.nodes) if (!nodes.has(n.id)) nodes.set(n.id, replaced.get(n.id) ?? n);
  const edges: GraphEdge[] = [];
  const edge = (from: string | null, to: string | null, kind: GraphEdge['kind'], attrs?: GraphEdge['attrs']): void => {
    if (from === null || to === null || from === to || !nodes.has(from) || !nodes.has(to)) return;
    edges.push(attrs ? { from, to, kind, attrs } : { from, to, kind });
  };
  const rolesByProfile = new Map<string, string[]>();
  for (const n of nodes.values()) {
    if (n.kind !== 'iam.role') continue;
    for (const p of strs(n.attrs.instanceProfileArns)) rolesByProfile.set(p, [...(rolesByProfile.get(p) ?? []), n.id]);
  }

  for (const n of nodes.values()) {
    if (n.kind !== 'account') edge(accountArn(n.account), n.id, 'contains');
    const a = n.attrs;
    switch (n.kind) {
      case 'iam.user':
        for (const g of strs(a.groupArns)) edge(n.id, g, 'member_of');
        for (const p of strs(a.attachedPolicyArns)) edge(n.id, p, 'attached_policy');
        break;
      case 'iam.group':
        for (const p of strs(a.attachedPolicyArns)) edge(n.id, p, 'attached_policy');
        break;
      case 'iam.role': {
        for (const p of strs(a.attachedPolicyArns)) edge(n.id, p, 'attached_policy');
        const trust = Array.isArray(a.trustStatements) ? (a.trustStatements as PolicyStatement[]) : [];
        for (const s of trust.filter(canAssume)) {
          const conditional = Object.keys(s.conditions).length > 0;
          for (const p of s.principals) {
            if (!p.startsWith('AWS:')) continue;
            const v = p.slice(4);
            const from = /^\d{12}$/.test(v) ? accountArn(v) : v;
            edge(from, n.id, 'can_assume', { conditional });
          }
        }
        break;
      }
      case 'iam.access_key':
        edge(str(a.userArn), n.id, 'has_key');
        break;
      case 'compute.instance': {
        const profile = str(a.instanceProfileArn);
        for (const role of profile !== null ? (rolesByProfile.get(profile) ?? []) : []) edge(n.id, role, 'runs_as', { instanceProfile: profile });
        for (const g of strs(a.securityGroupIds)) edge(n.id, g, 'protected_by');
        edge(n.id, str(a.subnetId) ?? str(a.vpcId), 'in_network');
        break;
      }
      case 'compute.disk':
        for (const i of strs(a.attachedTo)) edge(n.id, i, 'attached_to');
        break;
      case 'compute.snapshot':
        edge(n.id, str(a.sourceDiskId), 'snapshot_of');
        break;
      case 'network.subnet':
        edge(n.id, str(a.vpcId), 'in_network');
        break;
      case 'network.firewall':
        edge(n.id, str(a.vpcId), 'in_network');
        break;
      case 'network.nat_gateway':
        edge(n.id, str(a.subnetId) ?? str(a.vpcId), 'in_network');
        break;
      case 'network.load_balancer': {
        for (const g of strs(a.securityGroupIds)) edge(n.id, g, 'protected_by');
        edge(n.id, str(a.vpcId), 'in_network');
        const groups = Array.isArray(a.targetGroups) ? a.targetGroups : [];
        for (const tg of groups) {
          if (typeof tg !== 'object' || tg === null || Array.isArray(tg) || !Array.isArray(tg.targets)) continue;
          for (const t of tg.targets) {
            if (typeof t === 'object' && t !== null && !Array.isArray(t)) edge(n.id, str(t.id), 'routes_to', { targetGroup: str(tg.arn), state: str(t.state) });
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return { nodes: completedNodes, edges };
}
