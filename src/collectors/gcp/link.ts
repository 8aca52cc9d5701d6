/**
 * The GCP joins across collectors, pure: run by the provider's `link` step on one target's merged
 * fragments, and by the offline importer.
 *
 * Completes nodes:
 * - `account` of nodes named by project number (buckets, project IAM bindings) → the project id,
 *   when the project was collected (else the number stays);
 * - binding members `serviceAccount:` → `principalId` of the collected service account, and
 *   `external: false` for service accounts of collected projects (by the project id or number their
 *   email carries); others stay `null` (unknown).
 *
 * Adds edges, only between nodes that exist: `contains` (project → its resources and project-level
 * bindings), `has_key` (service account → key), `runs_as` (instance → service account, with its
 * OAuth scopes), `attached_to` (disk → instance), `snapshot_of` (snapshot → disk, only when the disk
 * still exists), `protected_by` (instance → firewall rule that applies to it: same network, enabled,
 * and no target or a matching network tag / service account).
 */
import type { AccessKeyNode, AccountNode, BindingNode, DiskNode, FirewallNode, GraphEdge, GraphNode, InstanceNode, ServiceAccountNode, SnapshotNode } from '../../graph/schema.js';
import type { GraphFragment } from '../types.js';
import { serviceAccountEmail } from './members.js';

const strOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function serviceAccountsOf(i: InstanceNode): { email: string; scopes: string[] }[] {
  const v = i.attrs['serviceAccounts'];
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return [];
    const email = strOf(x['email']);
    const scopes = Array.isArray(x['scopes']) ? x['scopes'].filter((s): s is string => typeof s === 'string') : [];
    return email === null ? [] : [{ email, scopes }];
  });
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** The project (id or number) a service account email belongs to, when the email says. */
function emailProject(email: string): string | null {
  const user = /^[^@]+@([a-z0-9-]+)\.iam\.gserviceaccount\.com$/.exec(email);
  if (user) return user[1] ?? null;
  const numbered = /^(?:service-)?(\d+)(?:-compute)?@/.exec(email);
  return numbered ? (numbered[1] ?? null) : null;
}

export function linkGcp(fragment: GraphFragment): GraphFragment {
  const nodes = fragment.nodes.filter((n) => n.provider === 'gcp');
  const projects = nodes.filter((n): n is AccountNode => n.kind === 'account');
  const idByNumber = new Map<string, string>();
  for (const p of projects) {
    const num = strOf(p.attrs['projectNumber']);
    if (num !== null) idByNumber.set(num, p.account);
  }
  const knownProjects = new Set([...projects.map((p) => p.account), ...idByNumber.keys()]);
  const saByEmail = new Map<string, ServiceAccountNode>();
  for (const n of nodes) if (n.kind === 'iam.service_account') saByEmail.set(n.name, n);

  const completed: GraphNode[] = [];
  const current = new Map<string, GraphNode>();
  for (const n of nodes) {
    let out: GraphNode = n;
    const id = idByNumber.get(n.account);
    if (id !== undefined) out = { ...out, account: id };
    if (out.kind === 'iam.binding') out = completeBinding(out, saByEmail, knownProjects);
    if (out !== n) completed.push(out);
    current.set(out.id, out);
  }

  const all = [...current.values()];
  const edges: GraphEdge[] = [];
  const exists = (id: string): boolean => current.has(id);
  const accountByProject = new Map(all.filter((n): n is AccountNode => n.kind === 'account').map((p) => [p.account, p]));
  for (const n of all) {
    const owner = accountByProject.get(n.account);
    if (owner && owner.id !== n.id) edges.push({ from: owner.id, to: n.id, kind: 'contains' });
  }
  const firewallIndex = indexFirewalls(all.filter((n): n is FirewallNode => n.kind === 'network.firewall' && n.attrs['disabled'] !== true));
  for (const n of all) {
    if (n.kind === 'iam.access_key') {
      const sa = strOf((n as AccessKeyNode).attrs['serviceAccountId']);
      const byEmail = saByEmail.get(strOf(n.attrs['serviceAccountEmail']) ?? '');
      const from = sa !== null && exists(sa) ? sa : byEmail?.id;
      if (from !== undefined) edges.push({ from, to: n.id, kind: 'has_key' });
    } else if (n.kind === 'compute.disk') {
      for (const inst of (n as DiskNode).attrs.attachedTo) if (exists(inst)) edges.push({ from: n.id, to: inst, kind: 'attached_to' });
    } else if (n.kind === 'compute.snapshot') {
      const disk = (n as SnapshotNode).attrs.sourceDiskId;
      if (disk !== null && exists(disk)) edges.push({ from: n.id, to: disk, kind: 'snapshot_of' });
    } else if (n.kind === 'compute.instance') {
      const inst = n as InstanceNode;
      const sas = serviceAccountsOf(inst);
      for (const sa of sas) {
        const node = saByEmail.get(sa.email);
        if (node) edges.push({ from: n.id, to: node.id, kind: 'runs_as', attrs: { scopes: sa.scopes } });
      }
      const emails = sas.map((s) => s.email);
      const tags = strings(inst.attrs['networkTags']);
      const applying = new Set<string>();
      for (const i of inst.attrs.interfaces ?? []) {
        const byNetwork = i.networkId === null ? undefined : firewallIndex.get(i.networkId);
        if (!byNetwork) continue;
        for (const id of byNetwork.untargeted) applying.add(id);
        for (const t of tags) for (const id of byNetwork.byTag.get(t) ?? []) applying.add(id);
        for (const e of emails) for (const id of byNetwork.byServiceAccount.get(e) ?? []) applying.add(id);
      }
      for (const id of applying) edges.push({ from: n.id, to: id, kind: 'protected_by' });
    }
  }
  return { nodes: completed, edges };
}

interface NetworkFirewalls {
  /** Rules without target tags or service accounts: they apply to every instance of the network. */
  untargeted: string[];
  byTag: Map<string, string[]>;
  byServiceAccount: Map<string, string[]>;
}

/** Enabled firewall rules by network, then by target, so matching is linear in instances + rules. */
function indexFirewalls(firewalls: readonly FirewallNode[]): Map<string, NetworkFirewalls> {
  const index = new Map<string, NetworkFirewalls>();
  const push = (m: Map<string, string[]>, k: string, id: string) => {
    const list = m.get(k);
    if (list) list.push(id);
    else m.set(k, [id]);
  };
  for (const fw of firewalls) {
    const network = strOf(fw.attrs['network']);
    if (network === null) continue;
    let entry = index.get(network);
    if (!entry) index.set(network, (entry = { untargeted: [], byTag: new Map(), byServiceAccount: new Map() }));
    const targetTags = strings(fw.attrs['targetTags']);
    const targetSas = strings(fw.attrs['targetServiceAccounts']);
    if (targetTags.length === 0 && targetSas.length === 0) entry.untargeted.push(fw.id);
    for (const t of targetTags) push(entry.byTag, t, fw.id);
    for (const s of targetSas) push(entry.byServiceAccount, s, fw.id);
  }
  return index;
}

function completeBinding(b: BindingNode, saByEmail: ReadonlyMap<string, ServiceAccountNode>, knownProjects: ReadonlySet<string>): BindingNode {
  let changed = false;
  const members = b.attrs.members.map((m) => {
    const email = serviceAccountEmail(m.id);
    if (email === null) return m;
    const sa = saByEmail.get(email);
    const project = emailProject(email);
    const external = sa !== undefined || (project !== null && knownProjects.has(project)) ? false : m.external;
    const principalId = sa?.id ?? null;
    if (external === m.external && principalId === m.principalId) return m;
    changed = true;
    return { ...m, external, principalId };
  });
  return changed ? { ...b, attrs: { ...b.attrs, members } } : b;
}
