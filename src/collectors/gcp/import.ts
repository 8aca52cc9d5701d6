/**
 * Offline importer: `gcloud asset export` output (NDJSON, one Asset per line, `--content-type`
 * `resource` and `iam-policy` files side by side), the same records as a JSON array or as a ListAssets
 * REST response (`{"assets": [...]}`), and `gcloud asset search-all-resources --format=json` output
 * (an array of ResourceSearchResult, or `{"results": [...]}`), through the same mapping and link as
 * the live collectors.
 *
 * IAM facts: when the input holds no IAM policy record at all, IAM policies are taken as not
 * exported, and bucket `iamMembers` are null (unknown) rather than [].
 *
 * What search-all-resources results lack (nodes made from them carry `attrs.partial: true`), unless
 * they were searched with `--read-mask='*'`, whose `versionedResources` hold the full resource JSON:
 * - IAM policies (never part of a resource search): no bindings, bucket `iamMembers` null;
 * - bucket settings (uniform access, public access prevention, versioning, logging, retention);
 * - service account key type and validity (no key nodes: user-managed keys cannot be told apart);
 * - disks' users (`attachedTo` is [] without meaning unattached), instances' IPs, machine type and
 *   service accounts, firewall rules' allowed/denied entries and ranges, addresses' users.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphNode, JsonObject } from '../../graph/schema.js';
import { InputError } from '../../util/errors.js';
import type { GraphFragment } from '../types.js';
import type { CaiAsset } from './asset.js';
import { GcpAssetError, isJsonObject, parseAssetJson } from './asset.js';
import { SUPPORTED_ASSET_TYPES } from './asset-types.js';
import { linkGcp } from './link.js';
import { mapAssets } from './map.js';

export interface GcpImportOptions {
  /** The organization's own domains (see `GcpOptions.orgDomains`). */
  orgDomains?: string[];
}

const FILE_EXTENSIONS = ['.json', '.ndjson', '.jsonl'];

async function expand(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch((e: unknown) => {
      throw new InputError(`gcp import: cannot read '${p}': ${e instanceof Error ? e.message : String(e)}`);
    });
    if (s.isDirectory()) {
      const names = (await readdir(p)).filter((n) => FILE_EXTENSIONS.some((x) => n.endsWith(x))).sort();
      files.push(...names.map((n) => join(p, n)));
    } else files.push(p);
  }
  return files;
}

/** A parsed record and where it came from. */
interface Located {
  value: unknown;
  where: string;
}

function recordsOf(text: string, file: string): Located[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let doc: unknown;
  let whole = true;
  try {
    doc = JSON.parse(trimmed);
  } catch {
    whole = false;
  }
  if (whole) {
    // A JSON array, a REST response ({"assets": [...]} / {"results": [...]}), or a one-line export.
    const list = Array.isArray(doc)
      ? doc
      : isJsonObject(doc) && Array.isArray(doc['assets'])
        ? doc['assets']
        : isJsonObject(doc) && Array.isArray(doc['results'])
          ? doc['results']
          : [doc];
    return list.map((value: unknown, i: number) => ({ value, where: Array.isArray(doc) || list.length > 1 ? `${file} record ${i + 1}` : `${file}:1` }));
  }
  const out: Located[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push({ value: JSON.parse(line), where: `${file}:${i + 1}` });
    } catch (e) {
      throw new InputError(`gcp import: ${file}:${i + 1} is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  });
  return out;
}

const SEARCH_KEYS = ['project', 'displayName', 'versionedResources', 'additionalAttributes', 'location', 'parentFullResourceName'];

function isSearchResult(v: unknown): v is JsonObject {
  return isJsonObject(v) && !('resource' in v) && !('iam_policy' in v) && !('iamPolicy' in v) && SEARCH_KEYS.some((k) => k in v);
}

/** A ResourceSearchResult as an asset record: its full resource when the search had a read mask, else the little it says. */
function searchResultToAsset(r: JsonObject, where: string): { asset: CaiAsset; partial: boolean } {
  const versioned = Array.isArray(r['versionedResources']) ? r['versionedResources'].find((v) => isJsonObject(v) && isJsonObject(v['resource'])) : undefined;
  const full = isJsonObject(versioned) && isJsonObject(versioned['resource']) ? versioned['resource'] : null;
  const project = typeof r['project'] === 'string' ? r['project'] : null;
  const extra = isJsonObject(r['additionalAttributes']) ? r['additionalAttributes'] : {};
  const assetType = typeof r['assetType'] === 'string' ? r['assetType'] : '';
  const data: JsonObject = full ?? {
    ...(typeof r['displayName'] === 'string' ? { name: r['displayName'] } : {}),
    ...(isJsonObject(r['labels']) ? { labels: r['labels'] } : {}),
    ...(typeof r['state'] === 'string' ? { status: r['state'] } : {}),
    ...(typeof r['createTime'] === 'string' ? { creationTimestamp: r['createTime'], timeCreated: r['createTime'], createTime: r['createTime'] } : {}),
    ...(Array.isArray(r['networkTags']) ? { tags: { items: r['networkTags'] } } : {}),
    ...(typeof r['location'] === 'string' ? { location: r['location'] } : {}),
    ...(project !== null ? { projectNumber: project.replace(/^projects\//, '') } : {}),
    ...(assetType === 'cloudresourcemanager.googleapis.com/Project'
      ? { projectId: typeof extra['projectId'] === 'string' ? extra['projectId'] : (r['displayName'] ?? null) }
      : {}),
    ...(assetType === 'iam.googleapis.com/ServiceAccount' && typeof extra['email'] === 'string' ? { email: extra['email'] } : {}),
  };
  const record = {
    name: r['name'],
    assetType,
    resource: { data, parent: r['parentFullResourceName'] ?? null, location: full === null ? null : (r['location'] ?? null) },
    ancestors: project !== null ? [project] : [],
    updateTime: r['updateTime'] ?? null,
  };
  return { asset: parseAssetJson(record, where), partial: full === null };
}

/** Reads export / search files into asset records, in file and line order. */
export async function readGcpAssetFiles(paths: readonly string[]): Promise<{ assets: CaiAsset[]; partial: Set<CaiAsset> }> {
  const assets: CaiAsset[] = [];
  const partial = new Set<CaiAsset>();
  for (const file of await expand(paths)) {
    for (const { value, where } of recordsOf(await readFile(file, 'utf8'), file)) {
      try {
        if (isSearchResult(value)) {
          const r = searchResultToAsset(value, where);
          assets.push(r.asset);
          if (r.partial) partial.add(r.asset);
        } else assets.push(parseAssetJson(value, where));
      } catch (e) {
        if (e instanceof GcpAssetError) throw new InputError(`gcp import: ${e.message}`);
        throw e;
      }
    }
  }
  return { assets, partial };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Imports Cloud Asset Inventory files (or folders of them) into one graph fragment. */
export async function importGcpAssets(paths: readonly string[], options: GcpImportOptions = {}): Promise<GraphFragment> {
  if (paths.length === 0) throw new InputError('gcp import: no file given');
  const { assets, partial } = await readGcpAssetFiles(paths);
  const supported = assets.filter((a) => SUPPORTED_ASSET_TYPES.includes(a.assetType));
  const anyPolicy = supported.some((a) => a.iamPolicy !== null);
  const orgDomains = options.orgDomains?.map((d) => d.toLowerCase().replace(/^@/, '')) ?? null;
  let nodes: GraphNode[];
  try {
    nodes = mapAssets(supported, { orgDomains, iamUnknown: anyPolicy ? new Set() : new Set(SUPPORTED_ASSET_TYPES) });
  } catch (e) {
    if (e instanceof GcpAssetError) throw new InputError(`gcp import: ${e.message}`);
    throw e;
  }
  if (partial.size > 0) {
    const partialIds = new Set(mapAssets([...partial], { orgDomains, iamUnknown: new Set(SUPPORTED_ASSET_TYPES) }).map((n) => n.id));
    nodes = nodes.map((n) => (partialIds.has(n.id) ? ({ ...n, attrs: { ...n.attrs, partial: true } } as GraphNode) : n));
  }
  // The same asset may be listed twice (e.g. exports of an organization and of one of its projects).
  const byId = new Map<string, GraphNode>();
  for (const n of nodes) byId.set(n.id, n);
  const linked = linkGcp({ nodes: [...byId.values()], edges: [] });
  for (const n of linked.nodes) byId.set(n.id, n);
  return {
    nodes: [...byId.values()].sort((a, b) => cmp(a.id, b.id)),
    edges: linked.edges.sort((a, b) => cmp(a.from, b.from) || cmp(a.kind, b.kind) || cmp(a.to, b.to)),
  };
}
