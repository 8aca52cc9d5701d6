/**
 * Offline importer: ARM list JSON (a REST list body `{ "value": [...] }`, or the objects of `value`
 * as a bare array, as the world files keep them) and `az` CLI output (`az account list`,
 * `az storage account list`, `az storage container-rm list`, `az disk list`, `az snapshot list`,
 * `az vm list -d`, `az network nic|nsg|public-ip list`, `az role assignment list --all`,
 * `az role definition list`, `az identity list`, `az resource list`), through the same transforms
 * and link step as the live collectors. Objects are recognised by their `type`; subscription objects
 * by their shape. Files and folders (searched recursively for `*.json`) may be mixed.
 *
 * What the files may lack, compared with the live path:
 * - `az vm list -d` has `powerState` but no instance view times: `stateSince` is null; it prints
 *   addresses rather than NIC references, so without the NIC list `protected_by` edges through NICs
 *   and `associatedWith` of public IPs stay at the NIC;
 * - `az role assignment list` adds `principalName` (and `roleDefinitionName`): `external` is known
 *   for users offline (guests' `#EXT#` names, or names outside `tenantDomains`), never live;
 * - `az resource list` has no `properties`: its objects only fill in resources no other file has;
 * - role assignments made above subscriptions carry no subscription in their id: they are placed in
 *   the subscription of the folder they are in (`…/subscriptions/<id>/…`), else in every imported
 *   subscription.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonObject } from '../../graph/schema.js';
import { InputError } from '../../util/errors.js';
import type { GraphFragment } from '../types.js';
import { isObject, props, str } from './arm.js';
import { authorizationFragment } from './authorization.js';
import { computeCollector } from './compute.js';
import { linkAzure } from './link.js';
import { networkCollector } from './network.js';
import { targetOf } from './resolve.js';
import { storageCollector } from './storage.js';
import { subscriptionIdOf, subscriptionNode } from './subscription-model.js';
import { subscriptionOf } from './ids.js';

export interface AzureImportOptions {
  /** Import only these subscriptions; default every subscription found. */
  subscriptions?: string[];
  /** The tenant's own domains, to tell external users by their principal names. */
  tenantDomains?: string[];
}

const BUCKETS = [
  'accounts',
  'containers',
  'disks',
  'snapshots',
  'virtualMachines',
  'networkInterfaces',
  'securityGroups',
  'publicIps',
  'roleAssignments',
  'roleDefinitions',
  'identities',
] as const;
type Bucket = (typeof BUCKETS)[number];

const BUCKET_OF_TYPE: Record<string, Bucket> = {
  'microsoft.storage/storageaccounts': 'accounts',
  'microsoft.storage/storageaccounts/blobservices/containers': 'containers',
  'microsoft.compute/disks': 'disks',
  'microsoft.compute/snapshots': 'snapshots',
  'microsoft.compute/virtualmachines': 'virtualMachines',
  'microsoft.network/networkinterfaces': 'networkInterfaces',
  'microsoft.network/networksecuritygroups': 'securityGroups',
  'microsoft.network/publicipaddresses': 'publicIps',
  'microsoft.authorization/roleassignments': 'roleAssignments',
  'microsoft.authorization/roledefinitions': 'roleDefinitions',
  'microsoft.managedidentity/userassignedidentities': 'identities',
};

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const isSubscriptionObject = (o: JsonObject): boolean =>
  o['type'] === undefined && (typeof o['subscriptionId'] === 'string' || (typeof o['id'] === 'string' && new RegExp(`^${GUID}$`, 'i').test(o['id']) && 'tenantId' in o));

async function jsonFilesOf(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError(`azure import: '${path}' does not exist`);
  }
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await jsonFilesOf(p)));
    else if (entry.name.endsWith('.json')) out.push(p);
  }
  return out;
}

function itemsOf(body: unknown, file: string): JsonObject[] {
  const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body['value']) ? body['value'] : isObject(body) ? [body] : null;
  if (list === null) throw new InputError(`azure import: ${file}: expected a JSON array, a list body { "value": [...] } or an object`);
  return list.filter(isObject);
}

/**
 * One object from two copies of it (an ARM list file and CLI output, or `az resource list` without
 * properties): the copy with `properties` (else the larger one) is kept, and the fields only the
 * other copy has (the CLI's `principalName`, `roleDefinitionName`) are added to its properties.
 */
export function mergeCopies(a: JsonObject, b: JsonObject): JsonObject {
  const rank = (o: JsonObject) => (isObject(o['properties']) ? 1_000_000 : 0) + Object.keys(o).length;
  const [base, other] = rank(b) > rank(a) ? [b, a] : [a, b];
  const baseProps = props(base);
  const extra = Object.fromEntries(Object.entries(props(other)).filter(([k]) => !(k in baseProps) && !(k in base) && k !== 'resourceGroup'));
  if (Object.keys(extra).length === 0) return base;
  return isObject(base['properties']) ? { ...base, properties: { ...baseProps, ...extra } } : { ...base, ...extra };
}

export async function importAzureJson(paths: string | readonly string[], options: AzureImportOptions = {}): Promise<GraphFragment> {
  const files: string[] = [];
  for (const p of typeof paths === 'string' ? [paths] : paths) files.push(...(await jsonFilesOf(p)));
  if (files.length === 0) throw new InputError('azure import: no .json files given');

  const subscriptionObjects = new Map<string, JsonObject>();
  const found: { bucket: Bucket; obj: JsonObject; sub: string | null }[] = [];
  for (const file of files) {
    let body: unknown;
    try {
      body = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new InputError(`azure import: ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const folderSub = new RegExp(`[\\\\/]subscriptions[\\\\/](${GUID})(?:[\\\\/]|$)`, 'i').exec(file)?.[1]?.toLowerCase() ?? null;
    for (const o of itemsOf(body, file)) {
      if (isSubscriptionObject(o)) {
        const id = subscriptionIdOf(o);
        if (id !== null) subscriptionObjects.set(id, o);
        continue;
      }
      const bucket = BUCKET_OF_TYPE[(str(o['type']) ?? '').toLowerCase()];
      const id = str(o['id']);
      if (bucket === undefined || id === null) continue;
      found.push({ bucket, obj: o, sub: folderSub ?? subscriptionOf(id) });
    }
  }

  const seen = new Set<string>([...subscriptionObjects.keys()]);
  for (const f of found) if (f.sub !== null) seen.add(f.sub);
  const subs = [...new Set(options.subscriptions ? options.subscriptions.map((s) => s.toLowerCase()) : seen)].sort();

  // Per subscription and bucket, one object per id: copies from several files are merged.
  const raws = new Map(subs.map((s) => [s, new Map<Bucket, Map<string, JsonObject>>(BUCKETS.map((b) => [b, new Map()]))]));
  for (const { bucket, obj, sub } of found) {
    for (const s of sub !== null ? [sub] : subs) {
      const byId = raws.get(s)?.get(bucket);
      if (byId === undefined) continue;
      const key = (str(obj['id']) ?? '').toLowerCase();
      const other = byId.get(key);
      byId.set(key, other === undefined ? obj : mergeCopies(other, obj));
    }
  }
  const listOf = (s: string, b: Bucket): JsonObject[] => [...(raws.get(s)?.get(b)?.values() ?? [])];

  const nodes: GraphFragment['nodes'] = [];
  const edges: GraphFragment['edges'] = [];
  const connection = { endpoint: 'offline', credential: { getToken: () => Promise.resolve(null) } };
  for (const s of subs) {
    const raw = Object.fromEntries(BUCKETS.map((b) => [b, listOf(s, b)])) as Record<Bucket, JsonObject[]>;
    const target = targetOf(s, connection, { tenantDomains: options.tenantDomains ?? [] });
    const fragments: GraphFragment[] = [
      authorizationFragment({ roleAssignments: raw.roleAssignments, roleDefinitions: raw.roleDefinitions, identities: raw.identities }, s, target.tenantDomains),
      computeCollector.transform({ disks: raw.disks, snapshots: raw.snapshots, virtualMachines: raw.virtualMachines, vmStatuses: [], networkInterfaces: raw.networkInterfaces }, target),
      networkCollector.transform({ securityGroups: raw.securityGroups, publicIps: raw.publicIps }, target),
      storageCollector.transform({ accounts: raw.accounts, containers: raw.containers }, target),
      { nodes: subscriptionObjects.has(s) ? [subscriptionNode(subscriptionObjects.get(s) ?? null, s)] : [], edges: [] },
    ];
    const merged: GraphFragment = { nodes: fragments.flatMap((f) => f.nodes), edges: [] };
    const linked = linkAzure(merged, s);
    const replaced = new Set(linked.nodes.map((n) => n.id));
    nodes.push(...merged.nodes.filter((n) => !replaced.has(n.id)), ...linked.nodes);
    edges.push(...linked.edges);
  }
  return { nodes, edges };
}
