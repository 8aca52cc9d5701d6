/**
 * Synthetic worlds of any size across AWS, GCP, Azure and libvirt, shaped by a documented profile
 * (`bench/profiles/default.yaml`: provider split, resource mix, IAM graph, tags, misconfiguration
 * rates — all assumptions, see the file).
 *
 * - As a snapshot (for the offline stages: graph, snapshot I/O, policies, cost, reports), generated
 *   lazily: resources come in "workload units" of 100 whose edges stay inside the unit, so nodes
 *   and edges stream without holding the world twice.
 * - As fake-cloud worlds (for collection benchmarks): an Azure world of N subscriptions for the
 *   fake ARM server, an AWS world from the AWS fake's own generator.
 *
 *   npm run bench:gen-world -- --resources 100000 --out /tmp/world.json.gz
 *   npm run bench:gen-world -- --azure-subscriptions 200 --per-subscription 500 --fake-out /tmp/azure-world
 *
 * Deterministic: the same profile, seed and size give the same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { GraphEdge, GraphNode, JsonObject, Provider, SnapshotHeader } from '../src/graph/schema.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../src/graph/schema.js';
import type { SnapshotSource } from '../src/graph/snapshot-io.js';

export const DEFAULT_PROFILE = fileURLToPath(new URL('./profiles/default.yaml', import.meta.url));

export interface Profile {
  seed: number;
  providers: Record<Provider, { share: number; resourcesPerAccount: number }>;
  regions: Record<Provider, string[]>;
  mix: Record<string, number>;
  iam: { groupsPerUser: number; policiesPerPrincipal: number; keysPerUser: number };
  tags: { keys: string[]; untaggedRate: number; envValues: string[] };
  misconfiguration: Record<string, number>;
}

export function loadProfile(path = DEFAULT_PROFILE): Profile {
  const p = parseYaml(readFileSync(path, 'utf8')) as Profile;
  const mixTotal = Object.values(p.mix).reduce((a, b) => a + b, 0);
  if (mixTotal !== 100) throw new Error(`${path}: mix must add up to 100 (per workload unit), got ${mixTotal}`);
  return p;
}

/** A small deterministic hash → [0, 1): the same (seed, a, b) always gives the same number. */
function rnd(seed: number, a: number, b: number): number {
  let h = (seed ^ Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

const PROVIDER_ORDER: Provider[] = ['aws', 'gcp', 'azure', 'libvirt'];
const WORLD_DATE = '2026-11-20T00:00:00Z';
const hex = (n: number, w: number): string => n.toString(16).padStart(w, '0');

interface Unit {
  provider: Provider;
  account: string;
  accountIndex: number;
  unit: number;
}

export interface WorldPlan {
  total: number;
  units: Unit[];
  accounts: { provider: Provider; account: string }[];
}

function accountLabel(p: Provider, i: number): string {
  switch (p) {
    case 'aws':
      return String(100000000000 + i);
    case 'gcp':
      return `proj-${hex(i, 5)}`;
    case 'azure':
      return `b0000000-0000-4000-8000-${hex(i, 12)}`;
    case 'libvirt':
      return `kvm${String(i).padStart(3, '0')}`;
  }
}

/** Splits `total` resources into units of 100 across providers and accounts, per the profile. */
export function planWorld(total: number, profile: Profile): WorldPlan {
  const unitsTotal = Math.max(1, Math.round(total / 100));
  const units: Unit[] = [];
  const accounts: WorldPlan['accounts'] = [];
  let given = 0;
  PROVIDER_ORDER.forEach((p, pi) => {
    const cfg = profile.providers[p];
    const n = pi === PROVIDER_ORDER.length - 1 ? unitsTotal - given : Math.round(unitsTotal * cfg.share);
    given += n;
    if (n <= 0) return;
    const perAccount = Math.max(1, Math.round(cfg.resourcesPerAccount / 100));
    const accountCount = Math.max(1, Math.ceil(n / perAccount));
    for (let a = 0; a < accountCount; a++) accounts.push({ provider: p, account: accountLabel(p, a) });
    for (let u = 0; u < n; u++) units.push({ provider: p, account: accountLabel(p, u % accountCount), accountIndex: u % accountCount, unit: u });
  });
  return { total: units.length * 100 + accounts.length, units, accounts };
}

function accountId(p: Provider, account: string): string {
  switch (p) {
    case 'aws':
      return `arn:aws:iam::${account}:root`;
    case 'gcp':
      return `//cloudresourcemanager.googleapis.com/projects/${account}`;
    case 'azure':
      return `/subscriptions/${account}`;
    case 'libvirt':
      return `libvirt://${account}/host`;
  }
}

function accountNode(p: Provider, account: string): GraphNode {
  return { id: accountId(p, account), provider: p, account, region: 'global', kind: 'account', nativeType: `${p}:account`, name: account, tags: {}, attrs: { displayName: account, parent: p === 'libvirt' ? null : `${p}-org` } };
}

/** The kinds of one unit, in a fixed order (instances first so disks can attach to them). */
function unitKinds(profile: Profile, p: Provider): string[] {
  const order = ['compute.instance', 'network.firewall', 'compute.disk', 'compute.snapshot', 'storage.bucket', 'network.public_ip', 'iam.group', 'iam.user', 'iam.role', 'iam.policy', 'iam.access_key', 'iam.binding'];
  const kinds: string[] = [];
  for (const k of order) {
    let n = profile.mix[k] ?? 0;
    // Providers without a concept map it to the nearest one (AWS has no bindings: more policies; libvirt no IAM: more disks).
    if (p === 'aws' && k === 'iam.binding') continue;
    if (p === 'aws' && k === 'iam.policy') n += profile.mix['iam.binding'] ?? 0;
    if (p === 'libvirt' && (k.startsWith('iam.') || k === 'storage.bucket' || k === 'compute.snapshot' || k === 'network.public_ip')) continue;
    for (let i = 0; i < n; i++) kinds.push(k);
  }
  while (kinds.length < 100) kinds.push(p === 'libvirt' ? 'compute.disk' : 'compute.instance');
  return kinds;
}

function tagsFor(profile: Profile, seed: number, g: number): Record<string, string> {
  if (rnd(seed, g, 1) < profile.tags.untaggedRate) return {};
  const env = profile.tags.envValues[Math.floor(rnd(seed, g, 2) * profile.tags.envValues.length)] ?? 'dev';
  const out: Record<string, string> = {};
  for (const k of profile.tags.keys) out[k] = k === 'env' ? env : `${k}-${Math.floor(rnd(seed, g, k.length + 3) * 40)}`;
  return out;
}

interface UnitGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** One workload unit: 100 resources and the edges among them (and to their account). */
export function generateUnit(u: Unit, profile: Profile): UnitGraph {
  const { provider: p, account } = u;
  const seed = profile.seed;
  const m = profile.misconfiguration;
  const rate = (name: string): number => m[name] ?? 0;
  const regions = profile.regions[p];
  const kinds = unitKinds(profile, p);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const acct = accountId(p, account);
  const byKind = new Map<string, GraphNode[]>();
  const base = u.unit * 1000;
  kinds.forEach((kind, k) => {
    const g = base + k;
    const r = (salt: number): number => rnd(seed, g, salt);
    const region = kind.startsWith('iam.') || kind === 'storage.bucket' ? 'global' : (regions[g % regions.length] ?? 'global');
    const tags = tagsFor(profile, seed, g);
    const name = `${kind.split('.')[1] ?? kind}-${u.unit}-${k}`;
    const id = nodeId(p, account, region, kind, name, g);
    const common = { id, provider: p, account, region, nativeType: `${p}:${kind}`, name, tags, createdAt: '2026-01-15T10:00:00Z' };
    let node: GraphNode;
    switch (kind) {
      case 'compute.instance': {
        const stopped = r(3) < rate('stoppedInstanceRate');
        const pub = r(4) < rate('publicInstanceRate');
        node = {
          ...common, kind,
          attrs: {
            state: stopped ? 'stopped' : 'running', stateSince: '2026-09-01T00:00:00Z', instanceType: ['m5.large', 'e2-standard-4', 'Standard_D2s_v5', 'c6i.xlarge'][g % 4] ?? null,
            vcpus: 2 + (g % 4) * 2, memoryMiB: 8192, lifecycle: g % 13 === 0 ? 'spot' : 'on-demand',
            publicIps: pub ? [`203.0.${(g >> 8) & 255}.${g & 255}`] : [], privateIps: [`10.${(g >> 16) & 255}.${(g >> 8) & 255}.${g & 255}`],
            ...(p === 'libvirt' ? { autostart: g % 3 !== 0, remoteConsoles: [{ protocol: 'vnc', listen: r(5) < rate('vncWithoutPasswordRate') ? '0.0.0.0' : '127.0.0.1', port: 5900 + (k % 100), autoport: false, passwordSet: r(6) < rate('vncWithoutPasswordRate') ? false : true }] } : {}),
          },
        };
        break;
      }
      case 'compute.disk': {
        const instances = byKind.get('compute.instance') ?? [];
        const target = r(3) < rate('unattachedDiskRate') || instances.length === 0 ? undefined : instances[g % instances.length];
        node = { ...common, kind, attrs: { sizeGiB: 8 + Math.floor(r(4) * 500), diskType: ['gp3', 'gp2', 'pd-balanced', 'Premium_LRS', 'qcow2'][g % 5] ?? null, attachedTo: target ? [target.id] : [], encrypted: r(5) >= rate('unencryptedDiskRate') } };
        if (target) edges.push({ from: id, to: target.id, kind: 'attached_to' });
        break;
      }
      case 'compute.snapshot': {
        const disks = byKind.get('compute.disk') ?? [];
        const src = disks[g % Math.max(1, disks.length)];
        node = { ...common, kind, createdAt: g % 5 === 0 ? '2025-01-01T00:00:00Z' : '2026-10-01T00:00:00Z', attrs: { sizeGiB: 50, sourceDiskId: src?.id ?? null, encrypted: true } };
        if (src) edges.push({ from: id, to: src.id, kind: 'snapshot_of' });
        break;
      }
      case 'storage.bucket': {
        const pub = r(3) < rate('publicBucketRate');
        const sensitive = r(4) < rate('sensitiveBucketNameRate');
        const bname = sensitive ? `${name}-backup-pii` : name;
        node = {
          ...common, kind, name: bname,
          attrs: {
            aclGrants: p === 'aws' ? (pub ? [{ grantee: 'AllUsers', permission: 'READ' }] : [{ grantee: `CanonicalUser:${'a'.repeat(64)}`, permission: 'FULL_CONTROL' }]) : null,
            policyStatements: [],
            publicAccessBlock: p === 'aws' ? { bucket: pub ? null : { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }, account: null } : null,
            ...(p === 'gcp' ? { iamMembers: pub ? [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }] : [{ role: 'roles/storage.admin', members: [`group:ops@example.com`] }], publicAccessAllowed: pub, uniformBucketLevelAccess: g % 4 !== 0 } : {}),
            ...(p === 'azure' ? { publicAccessAllowed: pub, anonymousAccessLevel: pub ? 'blob' : 'none' } : {}),
            encryption: 'AES256', versioning: g % 3 !== 0, logging: g % 2 === 0,
          },
        };
        break;
      }
      case 'network.firewall': {
        const admin = r(3) < rate('worldOpenAdminPortRate');
        const all = r(4) < rate('worldOpenAllPortsRate');
        const rules = [
          { direction: 'ingress' as const, action: 'allow' as const, protocol: 'tcp', ports: [[443, 443]] as [number, number][], sources: ['0.0.0.0/0'] },
          ...(admin ? [{ direction: 'ingress' as const, action: 'allow' as const, protocol: 'tcp', ports: [[22, 22], [3389, 3389]] as [number, number][], sources: ['0.0.0.0/0'] }] : []),
          ...(all ? [{ direction: 'ingress' as const, action: 'allow' as const, protocol: 'all', ports: [] as [number, number][], sources: ['0.0.0.0/0'] }] : []),
          { direction: 'egress' as const, action: 'allow' as const, protocol: 'all', ports: [] as [number, number][], sources: ['0.0.0.0/0'] },
        ];
        node = { ...common, kind, attrs: { rules, isDefault: g % 17 === 0 } };
        break;
      }
      case 'network.public_ip': {
        const instances = byKind.get('compute.instance') ?? [];
        const inst = g % 4 === 0 ? undefined : instances[g % Math.max(1, instances.length)];
        node = { ...common, kind, attrs: { address: `198.51.${(g >> 8) & 255}.${g & 255}`, associatedWith: inst?.id ?? null } };
        break;
      }
      case 'iam.group':
        node = { ...common, kind, attrs: {} };
        break;
      case 'iam.user':
        node = { ...common, kind, attrs: { passwordEnabled: g % 2 === 0, mfaActive: g % 5 !== 0, passwordLastUsed: null } };
        break;
      case 'iam.role':
        node = p === 'aws' ? { ...common, kind, attrs: {} } : { ...common, kind: 'iam.service_account', attrs: {} };
        break;
      case 'iam.policy': {
        const admin = r(3) < rate('adminPolicyRate');
        node = { ...common, kind, attrs: { managedBy: 'customer', statements: [{ effect: 'Allow', actions: admin ? ['*'] : ['s3:GetObject', 'ec2:Describe*'], notActions: [], resources: ['*'], notResources: [], principals: [], notPrincipals: [], conditions: {} }] } };
        break;
      }
      case 'iam.access_key': {
        const old = r(3) < rate('oldAccessKeyRate');
        node = { ...common, kind, attrs: { keyIdMasked: `AKIA…${hex(g & 0xffff, 4).toUpperCase()}`, active: true, lastUsedAt: null, ageDays: old ? 200 + (g % 400) : g % 80 } };
        break;
      }
      case 'iam.binding': {
        const ext = r(3) < rate('externalMemberRate');
        const pub = r(4) < rate('publicBindingRate');
        const sa = (byKind.get('iam.role') ?? [])[g % 5];
        const member = pub
          ? { id: 'allUsers', type: 'all_users' as const, external: true, principalId: null }
          : ext
            ? { id: `user:contractor${g}@gmail.com`, type: 'user' as const, external: true, principalId: null }
            : sa && g % 2 === 0
              ? { id: `serviceAccount:${sa.name}@${account}.iam.gserviceaccount.com`, type: 'service_account' as const, external: false, principalId: sa.id }
              : { id: `user:dev${g}@example.com`, type: 'user' as const, external: false, principalId: null };
        node = { ...common, kind, attrs: { role: g % 7 === 0 ? 'roles/editor' : 'roles/viewer', scope: acct, scopeType: p === 'azure' ? 'subscription' : 'project', members: [member] } };
        break;
      }
      default:
        throw new Error(`unexpected kind ${kind}`);
    }
    nodes.push(node);
    const list = byKind.get(kind) ?? [];
    list.push(node);
    byKind.set(kind, list);
    edges.push({ from: acct, to: id, kind: 'contains' });
  });
  // IAM graph and instance links, all inside the unit.
  const users = byKind.get('iam.user') ?? [];
  const groups = byKind.get('iam.group') ?? [];
  const roles = byKind.get('iam.role') ?? [];
  const policies = byKind.get('iam.policy') ?? [];
  const keys = byKind.get('iam.access_key') ?? [];
  const firewalls = byKind.get('network.firewall') ?? [];
  users.forEach((usr, i) => {
    const memberships = Math.max(1, Math.round(profile.iam.groupsPerUser));
    for (let j = 0; j < Math.min(memberships, groups.length); j++) edges.push({ from: usr.id, to: (groups[(i + j) % groups.length] as GraphNode).id, kind: 'member_of' });
    const key = keys[i];
    if (key && i < Math.round(users.length * profile.iam.keysPerUser)) edges.push({ from: usr.id, to: key.id, kind: 'has_key' });
  });
  const principals = [...groups, ...roles, ...users];
  principals.forEach((pr, i) => {
    for (let j = 0; j < Math.min(profile.iam.policiesPerPrincipal, policies.length); j++) edges.push({ from: pr.id, to: (policies[(i + j) % policies.length] as GraphNode).id, kind: 'attached_policy' });
  });
  (byKind.get('compute.instance') ?? []).forEach((inst, i) => {
    const fw = firewalls[i % Math.max(1, firewalls.length)];
    if (fw) edges.push({ from: inst.id, to: fw.id, kind: 'protected_by' });
    const role = roles[i % Math.max(1, roles.length)];
    if (role && i % 2 === 0) edges.push({ from: inst.id, to: role.id, kind: 'runs_as' });
  });
  return { nodes, edges: dedupeEdges(edges) };
}

function dedupeEdges(edges: GraphEdge[]): GraphEdge[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const k = `${e.from}\u0000${e.kind}\u0000${e.to}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function nodeId(p: Provider, account: string, region: string, kind: string, name: string, g: number): string {
  const short = kind.split('.')[1] ?? kind;
  switch (p) {
    case 'aws':
      if (kind === 'storage.bucket') return `arn:aws:s3:::${name}-${account}`;
      if (kind.startsWith('iam.')) return `arn:aws:iam::${account}:${short}/${name}`;
      return `arn:aws:ec2:${region}:${account}:${short}/${short.slice(0, 3)}-${hex(g, 17)}`;
    case 'gcp':
      return `//${kind.split('.')[0]}.googleapis.com/projects/${account}/${region === 'global' ? '' : `zones/${region}-a/`}${short}s/${name}`;
    case 'azure':
      return `/subscriptions/${account}/resourceGroups/rg-${g % 7}/providers/Microsoft.Bench/${short}s/${name}`;
    case 'libvirt':
      return `libvirt://${account}/${short}/${hex(g, 8)}-0000-4000-8000-${hex(g, 12)}`;
  }
}

/** The world as a lazily generated snapshot source (write it with `writeSnapshot`). */
export function worldSnapshotSource(total: number, profile: Profile = loadProfile()): { source: SnapshotSource; plan: WorldPlan } {
  const plan = planWorld(total, profile);
  const header: SnapshotHeader = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'cloudwarden-bench', version: '0' },
    startedAt: WORLD_DATE,
    finishedAt: WORLD_DATE,
    scope: {
      providers: [...new Set(plan.accounts.map((a) => a.provider))].sort(),
      accounts: plan.accounts.map((a) => a.account).sort(),
      regions: [...new Set(plan.accounts.flatMap((a) => profile.regions[a.provider]))].filter((r) => r !== 'global').sort(),
    },
  };
  function* nodes(): Generator<GraphNode> {
    for (const a of plan.accounts) yield accountNode(a.provider, a.account);
    for (const u of plan.units) yield* generateUnit(u, profile).nodes;
  }
  function* edges(): Generator<GraphEdge> {
    for (const u of plan.units) yield* generateUnit(u, profile).edges;
  }
  function* coverage() {
    for (const a of plan.accounts) yield { provider: a.provider, account: a.account, region: 'global', service: 'bench', operation: 'list', status: 'ok' as const, calls: 1 };
  }
  return { source: { header, nodes: nodes(), edges: edges(), costs: [], coverage: coverage() }, plan };
}

/** The whole world in memory, as a snapshot (what `collect` would assemble). */
export function worldSnapshot(total: number, profile: Profile = loadProfile()) {
  const { source } = worldSnapshotSource(total, profile);
  return { ...source.header, nodes: [...(source.nodes as Iterable<GraphNode>)], edges: [...(source.edges as Iterable<GraphEdge>)], costs: [], coverage: [...(source.coverage as Iterable<never>)] };
}

/**
 * Changes about `fraction` of the resources of a snapshot in place (deterministically): flips a
 * misconfiguration-relevant attribute or a tag, so some findings appear and others go away.
 * Returns the ids changed.
 */
export function mutateWorld(snapshot: { nodes: GraphNode[] }, fraction: number, seed = 7): string[] {
  const changed: string[] = [];
  const every = Math.max(1, Math.round(1 / fraction));
  snapshot.nodes.forEach((n, i) => {
    if ((i + seed) % every !== 0 || n.kind === 'account') return;
    const a = n.attrs as Record<string, unknown>;
    const copy = { ...n, attrs: { ...a }, tags: { ...n.tags, changed: 'yes' } } as GraphNode;
    const c = copy.attrs as Record<string, unknown>;
    if (n.kind === 'compute.instance') c.publicIps = (a.publicIps as string[]).length ? [] : ['203.0.113.9'];
    if (n.kind === 'compute.disk') c.encrypted = !(a.encrypted as boolean);
    if (n.kind === 'storage.bucket') c.versioning = !(a.versioning as boolean);
    if (n.kind === 'network.firewall') c.rules = [{ direction: 'ingress', action: 'allow', protocol: 'tcp', ports: [[22, 22]], sources: ['0.0.0.0/0'] }];
    if (n.kind === 'iam.access_key') c.ageDays = 365;
    snapshot.nodes[i] = copy;
    changed.push(n.id);
  });
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Fake-cloud worlds
// ---------------------------------------------------------------------------------------------

/** Azure subscription id of bench subscription `s`. */
export const azureSubscriptionId = (s: number): string => `b0000000-0000-4000-8000-${hex(s, 12)}`;

/** One subscription's ARM lists (the fake's world files) with about `n` resources. */
export function azureSubscriptionResources(s: number, n: number): Record<string, JsonObject[]> {
  const sub = azureSubscriptionId(s);
  const rg = `/subscriptions/${sub}/resourceGroups/rg-bench-${s}`;
  const out: Record<string, JsonObject[]> = {
    'storage-accounts': [], 'blob-containers': [], disks: [], snapshots: [], 'virtual-machines': [], 'network-interfaces': [],
    'network-security-groups': [], 'public-ip-addresses': [], 'role-assignments': [], 'role-definitions': [], 'user-assigned-identities': [],
  };
  const push = (k: string, v: JsonObject): void => {
    (out[k] ??= []).push(v);
  };
  const vms = Math.max(1, Math.floor(n * 0.25));
  for (let i = 0; i < vms; i++) {
    const vm = `${rg}/providers/Microsoft.Compute/virtualMachines/vm-${i}`;
    const nic = `${rg}/providers/Microsoft.Network/networkInterfaces/nic-${i}`;
    push('virtual-machines', {
      id: vm, name: `vm-${i}`, type: 'Microsoft.Compute/virtualMachines', location: 'westeurope', tags: { app: `app-${i % 20}` },
      properties: {
        hardwareProfile: { vmSize: 'Standard_D2s_v5' },
        storageProfile: { osDisk: { osType: 'Linux', name: `vm-${i}-os`, managedDisk: { id: `${rg}/providers/Microsoft.Compute/disks/vm-${i}-os` } }, dataDisks: [] },
        networkProfile: { networkInterfaces: [{ id: nic }] },
        instanceView: { statuses: [{ code: 'ProvisioningState/succeeded', time: '2026-11-01T00:00:00Z' }, { code: i % 10 === 0 ? 'PowerState/deallocated' : 'PowerState/running' }] },
      },
    });
    push('network-interfaces', {
      id: nic, name: `nic-${i}`, type: 'Microsoft.Network/networkInterfaces', location: 'westeurope',
      properties: { ipConfigurations: [{ name: 'ipconfig1', id: `${nic}/ipConfigurations/ipconfig1`, properties: { privateIPAddress: `10.${s & 255}.${(i >> 8) & 255}.${i & 255}` } }], networkSecurityGroup: { id: `${rg}/providers/Microsoft.Network/networkSecurityGroups/nsg-0` }, virtualMachine: { id: vm } },
    });
    push('disks', azureDisk(rg, `vm-${i}-os`, vm));
  }
  for (let i = 0; i < Math.floor(n * 0.15); i++) push('disks', azureDisk(rg, `data-${i}`, i % 4 === 0 ? null : `${rg}/providers/Microsoft.Compute/virtualMachines/vm-${i % vms}`));
  for (let i = 0; i < Math.max(1, Math.floor(n * 0.04)); i++) {
    const id = `${rg}/providers/Microsoft.Network/networkSecurityGroups/nsg-${i}`;
    push('network-security-groups', { id, name: `nsg-${i}`, type: 'Microsoft.Network/networkSecurityGroups', location: 'westeurope', properties: { securityRules: [{ name: 'ssh', id: `${id}/securityRules/ssh`, properties: { protocol: 'Tcp', access: 'Allow', direction: 'Inbound', priority: 100, sourceAddressPrefix: i % 5 === 0 ? '*' : '10.0.0.0/8', destinationPortRange: '22' } }], defaultSecurityRules: [] } });
  }
  for (let i = 0; i < Math.max(1, Math.floor(n * 0.01)); i++) {
    const id = `${rg}/providers/Microsoft.Storage/storageAccounts/sa${s}x${i}`;
    push('storage-accounts', { id, name: `sa${s}x${i}`, type: 'Microsoft.Storage/storageAccounts', location: 'westeurope', properties: { allowBlobPublicAccess: i % 2 === 0, minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true, networkAcls: { defaultAction: 'Allow' }, encryption: { keySource: 'Microsoft.Storage' } } });
    for (let c = 0; c < 5; c++) push('blob-containers', { id: `${id}/blobServices/default/containers/c${c}`, name: `c${c}`, type: 'Microsoft.Storage/storageAccounts/blobServices/containers', properties: { publicAccess: c === 0 ? 'Blob' : 'None' } });
  }
  const owner = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
  push('role-definitions', { id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${owner}`, name: owner, type: 'Microsoft.Authorization/roleDefinitions', properties: { roleName: 'Owner', type: 'BuiltInRole', assignableScopes: ['/'], permissions: [{ actions: ['*'], notActions: [] }] } });
  let count = 0;
  for (const list of Object.values(out)) count += list.length;
  for (let i = 0; count < n; i++, count++) {
    const guid = `c0000000-0000-4000-8000-${hex(s * 100_000 + i, 12)}`;
    push('role-assignments', { id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/${guid}`, name: guid, type: 'Microsoft.Authorization/roleAssignments', properties: { roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${owner}`, principalId: `d0000000-0000-4000-8000-${hex(i, 12)}`, principalType: i % 3 === 0 ? 'ServicePrincipal' : 'User', scope: `/subscriptions/${sub}` } });
  }
  return out;
}

function azureDisk(rg: string, name: string, managedBy: string | null): JsonObject {
  return {
    id: `${rg}/providers/Microsoft.Compute/disks/${name}`, name, type: 'Microsoft.Compute/disks', location: 'westeurope', sku: { name: 'Premium_LRS' },
    ...(managedBy ? { managedBy } : {}),
    properties: { diskSizeGB: 128, diskState: managedBy ? 'Attached' : 'Unattached', encryption: { type: 'EncryptionAtRestWithPlatformKey' }, timeCreated: '2026-01-01T00:00:00Z' },
  };
}

/** An Azure world of `subscriptions` × about `perSubscription` resources, for the fake ARM server. */
export function azureFakeWorld(subscriptions: number, perSubscription: number): { subscriptions: JsonObject[]; resources: Map<string, Record<string, JsonObject[]>> } {
  const world = { subscriptions: [] as JsonObject[], resources: new Map<string, Record<string, JsonObject[]>>() };
  for (let s = 0; s < subscriptions; s++) {
    const id = azureSubscriptionId(s);
    world.subscriptions.push({ id: `/subscriptions/${id}`, subscriptionId: id, displayName: `bench-${s}`, state: 'Enabled', tenantId: 'e0000000-0000-4000-8000-000000000000' });
    world.resources.set(id, azureSubscriptionResources(s, perSubscription));
  }
  return world;
}

/** Writes an Azure world in the layout `loadAzureWorld` reads (and the offline importer). */
export async function writeAzureWorld(dir: string, world: ReturnType<typeof azureFakeWorld>): Promise<void> {
  await mkdir(join(dir, 'subscriptions'), { recursive: true });
  await writeFile(join(dir, 'subscriptions.json'), JSON.stringify(world.subscriptions));
  for (const [id, files] of world.resources) {
    await mkdir(join(dir, 'subscriptions', id), { recursive: true });
    for (const [name, list] of Object.entries(files)) await writeFile(join(dir, 'subscriptions', id, `${name}.json`), JSON.stringify(list));
  }
}

async function cli(): Promise<void> {
  const { values } = parseArgs({
    options: {
      resources: { type: 'string', default: '10000' },
      profile: { type: 'string', default: DEFAULT_PROFILE },
      out: { type: 'string' },
      'azure-subscriptions': { type: 'string' },
      'per-subscription': { type: 'string', default: '500' },
      'fake-out': { type: 'string' },
    },
  });
  const profile = loadProfile(values.profile);
  if (values.out) {
    const { writeSnapshot } = await import('../src/graph/snapshot-io.js');
    const { source, plan } = worldSnapshotSource(Number(values.resources), profile);
    const t0 = performance.now();
    await writeSnapshot(values.out, source);
    console.log(`wrote ${values.out}: ${plan.total} resources in ${plan.accounts.length} accounts (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (values['fake-out']) {
    const subs = Number(values['azure-subscriptions'] ?? '10');
    const world = azureFakeWorld(subs, Number(values['per-subscription']));
    await writeAzureWorld(values['fake-out'], world);
    console.log(`wrote an Azure fake world of ${subs} subscriptions to ${values['fake-out']}`);
  }
  if (!values.out && !values['fake-out']) console.error('nothing to do: pass --out FILE (snapshot) and/or --fake-out DIR (Azure fake world)');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await cli();
