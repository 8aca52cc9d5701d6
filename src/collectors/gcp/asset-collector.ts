/** The shape every GCP collector shares: list its asset types through ListAssets, map them with the shared pure transform. */
import type { Collector, GraphFragment, Permission } from '../types.js';
import { registerCollector } from '../types.js';
import type { ListedAssets, ListPlan } from './list.js';
import { listAssetsOf } from './list.js';
import { mapAssets } from './map.js';
import type { GcpTarget } from './target.js';

export interface AssetCollectorSpec {
  id: string;
  service: string;
  description: string;
  permissions: readonly Permission[];
  plan: readonly ListPlan[];
}

/** The asset types whose IAM policy listing is incomplete. */
export function iamUnknownOf(raw: ListedAssets): Set<string> {
  return new Set(raw.incomplete.filter((i) => i.contentType === 'IAM_POLICY').map((i) => i.assetType));
}

export function assetCollector(spec: AssetCollectorSpec): Collector<GcpTarget, ListedAssets> {
  return {
    id: spec.id,
    provider: 'gcp',
    service: spec.service,
    description: spec.description,
    permissions: spec.permissions,
    get: (ctx, target) => listAssetsOf(ctx, target, spec.service, spec.plan),
    transform(raw, target): GraphFragment {
      return { nodes: mapAssets(raw.assets, { orgDomains: target.orgDomains, iamUnknown: iamUnknownOf(raw) }), edges: [] };
    },
  };
}

export function registerAssetCollector(spec: AssetCollectorSpec) {
  return registerCollector(assetCollector(spec));
}

export const LIST_RESOURCE: Permission = {
  action: 'cloudasset.assets.listResource',
  why: 'ListAssets with content type RESOURCE: the full resource JSON of each asset',
};

export const LIST_IAM_POLICY: Permission = {
  action: 'cloudasset.assets.listIamPolicy',
  why: 'ListAssets with content type IAM_POLICY: the IAM policy bound to each asset',
};
