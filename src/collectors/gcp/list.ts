/**
 * The one remote operation of this provider: ListAssets, one asset type and content type at a time,
 * every page through `ctx.call`. One type per request keeps a denial or failure to that type (its own
 * coverage row) instead of losing a whole service; a page that fails after retries ends that
 * listing, and what was read so far is kept but marked incomplete.
 *
 * Each asset received is checked with the same mapping the transform applies; a record that cannot
 * be mapped (no name, no data, no project) is dropped with an `error` coverage row naming it.
 */
import type { CollectContext } from '../types.js';
import type { CaiAsset, ContentType } from './asset.js';
import { assetFromProto } from './asset.js';
import type { AssetClient } from './client.js';
import { withAssetClient } from './client.js';
import { mapAsset } from './map.js';
import type { GcpTarget } from './target.js';

/** What to list: an asset type with the content types wanted for it. */
export interface ListPlan {
  assetType: string;
  contentTypes: readonly ContentType[];
}

export interface ListedAssets {
  assets: CaiAsset[];
  /** Listings that failed or stopped part-way: their facts are unknown, not absent. */
  incomplete: { assetType: string; contentType: ContentType }[];
}

const NO_POLICIES = new Map<string, CaiAsset>();

async function listOne(ctx: CollectContext, client: AssetClient, target: GcpTarget, service: string, assetType: string, contentType: ContentType, out: ListedAssets): Promise<void> {
  const operation = `ListAssets ${contentType} ${assetType}`;
  let pageToken = '';
  let page = 0;
  for (;;) {
    page++;
    const request = { parent: target.scope, assetTypes: [assetType], contentType, pageSize: target.pageSize, pageToken };
    const r = await ctx.call({ service, operation, resource: target.scope }, () => client.listAssets(request, { autoPaginate: false, retry: null }));
    if (!r.ok) {
      out.incomplete.push({ assetType, contentType });
      return;
    }
    const [assets, , response] = r.value;
    assets.forEach((message, i) => {
      const where = `${target.scope} ${operation} page ${page} asset #${i + 1}`;
      try {
        const asset = assetFromProto(message, where);
        mapAsset(asset, NO_POLICIES, { orgDomains: target.orgDomains, iamUnknown: new Set() });
        out.assets.push(asset);
      } catch (error) {
        ctx.gap({ service, operation, resource: target.scope }, 'error', `skipped an unreadable asset: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    pageToken = response?.nextPageToken ?? '';
    if (pageToken === '') return;
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareAssets(a: CaiAsset, b: CaiAsset): number {
  return cmp(a.name, b.name) || cmp(a.assetType, b.assetType) || (a.resource ? 0 : 1) - (b.resource ? 0 : 1);
}

/** Lists the planned asset types of one target (those the target's `assetTypes` allow). */
export async function listAssetsOf(ctx: CollectContext, target: GcpTarget, service: string, plan: readonly ListPlan[]): Promise<ListedAssets> {
  const wanted = plan.filter((p) => target.assetTypes === null || target.assetTypes.includes(p.assetType));
  const out: ListedAssets = { assets: [], incomplete: [] };
  if (wanted.length === 0) return out;
  await withAssetClient(target.connection, (client) =>
    Promise.all(wanted.flatMap((p) => p.contentTypes.map((ct) => listOne(ctx, client, target, service, p.assetType, ct, out)))),
  );
  // Listings run concurrently: put the records in a stable order so transform output never depends on timing.
  out.assets.sort(compareAssets);
  out.incomplete.sort((a, b) => cmp(a.assetType, b.assetType) || cmp(a.contentType, b.contentType));
  return out;
}
