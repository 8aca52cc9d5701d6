/**
 * An Azure world: ARM JSON as the list APIs return it (the objects of `value`), one file per
 * subscription and resource type. Layout of `fixtures/worlds/<world>/azure/`:
 *
 *   subscriptions.json                        GET /subscriptions
 *   subscriptions/<id>/storage-accounts.json  GET …/providers/Microsoft.Storage/storageAccounts
 *   subscriptions/<id>/blob-containers.json   every account's …/blobServices/default/containers
 *   subscriptions/<id>/disks.json             …/Microsoft.Compute/disks
 *   subscriptions/<id>/snapshots.json         …/Microsoft.Compute/snapshots
 *   subscriptions/<id>/virtual-machines.json  …/Microsoft.Compute/virtualMachines, each with its
 *                                             `properties.instanceView` (served only to statusOnly=true)
 *   subscriptions/<id>/network-interfaces.json, network-security-groups.json, public-ip-addresses.json
 *   subscriptions/<id>/role-assignments.json  …/Microsoft.Authorization/roleAssignments (incl. inherited)
 *   subscriptions/<id>/role-definitions.json  …/Microsoft.Authorization/roleDefinitions at the subscription
 *   subscriptions/<id>/user-assigned-identities.json
 *
 * A missing file is an empty list. The offline importer reads the same files.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonObject } from '../../../src/graph/schema.js';

export const WORLD_FILES = [
  'storage-accounts',
  'blob-containers',
  'disks',
  'snapshots',
  'virtual-machines',
  'network-interfaces',
  'network-security-groups',
  'public-ip-addresses',
  'role-assignments',
  'role-definitions',
  'user-assigned-identities',
] as const;
export type WorldFile = (typeof WORLD_FILES)[number];

export interface AzureWorld {
  subscriptions: JsonObject[];
  /** By lower-case subscription id. */
  resources: Map<string, Record<WorldFile, JsonObject[]>>;
}

export const emptyResources = (): Record<WorldFile, JsonObject[]> => Object.fromEntries(WORLD_FILES.map((f) => [f, []])) as unknown as Record<WorldFile, JsonObject[]>;

async function readList(path: string): Promise<JsonObject[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const body: unknown = JSON.parse(text);
  if (!Array.isArray(body)) throw new Error(`${path}: expected a JSON array of ARM objects`);
  return body as JsonObject[];
}

/** Loads `<dir>` (a world's `azure/` folder). */
export async function loadAzureWorld(dir: string): Promise<AzureWorld> {
  const subscriptions = await readList(join(dir, 'subscriptions.json'));
  const resources = new Map<string, Record<WorldFile, JsonObject[]>>();
  let subDirs: string[] = [];
  try {
    subDirs = (await readdir(join(dir, 'subscriptions'))).sort();
  } catch {
    subDirs = [];
  }
  for (const sub of subDirs) {
    const r = emptyResources();
    for (const f of WORLD_FILES) r[f] = await readList(join(dir, 'subscriptions', sub, `${f}.json`));
    resources.set(sub.toLowerCase(), r);
  }
  return { subscriptions, resources };
}
