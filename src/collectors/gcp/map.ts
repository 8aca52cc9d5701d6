/**
 * The pure transform shared by the live collectors and the offline importer: assets → nodes.
 * Joins across assets of different services (accounts by project number, service-account members,
 * edges) are `link.ts`'s.
 */
import type { GraphNode } from '../../graph/schema.js';
import type { CaiAsset } from './asset.js';
import { accessKeyNode, isUserManagedKey, serviceAccountNode } from './map-iam.js';
import { addressNode, diskNode, firewallNode, forwardingRuleNode, instanceNode, isExternalAddress, snapshotNode } from './map-compute.js';
import { bindingNodes, projectNode } from './map-resourcemanager.js';
import { bucketNode } from './map-storage.js';
import { bucketId, bucketNameOf } from './names.js';

export interface MapOptions {
  orgDomains: readonly string[] | null;
  /** Asset types whose IAM policies could not be listed completely (their resources' IAM facts are unknown). */
  iamUnknown: ReadonlySet<string>;
}

type ResourceMapper = (a: CaiAsset, policies: ReadonlyMap<string, CaiAsset>, options: MapOptions) => GraphNode[];

const RESOURCE_MAPPERS: Record<string, ResourceMapper> = {
  'cloudresourcemanager.googleapis.com/Project': (a) => [projectNode(a)],
  'storage.googleapis.com/Bucket': (a, policies, o) => [bucketNode(a, policies.get(policyKey(a)), !o.iamUnknown.has(a.assetType))],
  'iam.googleapis.com/ServiceAccount': (a) => [serviceAccountNode(a)],
  'iam.googleapis.com/ServiceAccountKey': (a) => (isUserManagedKey(a) ? [accessKeyNode(a)] : []),
  'compute.googleapis.com/Instance': (a) => [instanceNode(a)],
  'compute.googleapis.com/Disk': (a) => [diskNode(a)],
  'compute.googleapis.com/Snapshot': (a) => [snapshotNode(a)],
  'compute.googleapis.com/Address': (a) => (isExternalAddress(a) ? [addressNode(a)] : []),
  'compute.googleapis.com/GlobalAddress': (a) => (isExternalAddress(a) ? [addressNode(a)] : []),
  'compute.googleapis.com/Firewall': (a) => [firewallNode(a)],
  'compute.googleapis.com/ForwardingRule': (a) => [forwardingRuleNode(a)],
  'compute.googleapis.com/GlobalForwardingRule': (a) => [forwardingRuleNode(a)],
};

/** IAM policy records that become nodes of their own (the rest complete their resource's node). */
const POLICY_NODE_TYPES = new Set([
  'cloudresourcemanager.googleapis.com/Organization',
  'cloudresourcemanager.googleapis.com/Folder',
  'cloudresourcemanager.googleapis.com/Project',
]);

/** The nodes one asset record yields, with the IAM policies of the batch at hand. Throws `GcpAssetError` for a record it cannot map. */
export function mapAsset(a: CaiAsset, policies: ReadonlyMap<string, CaiAsset>, options: MapOptions): GraphNode[] {
  const out: GraphNode[] = [];
  if (a.resource) {
    const mapper = RESOURCE_MAPPERS[a.assetType];
    if (mapper) out.push(...mapper(a, policies, options));
  }
  if (a.iamPolicy && POLICY_NODE_TYPES.has(a.assetType)) out.push(...bindingNodes(a, options.orgDomains));
  return out;
}

/** The key a resource and its IAM policy record share: the asset name, buckets in either spelling. */
function policyKey(a: CaiAsset): string {
  const bucket = a.assetType === 'storage.googleapis.com/Bucket' ? bucketNameOf(a.name) : null;
  return bucket === null ? a.name : bucketId(bucket);
}

/** Indexes IAM policy records by the resource they belong to. */
export function policiesByName(assets: readonly CaiAsset[]): Map<string, CaiAsset> {
  const m = new Map<string, CaiAsset>();
  for (const a of assets) if (a.iamPolicy) m.set(policyKey(a), a);
  return m;
}

export function mapAssets(assets: readonly CaiAsset[], options: MapOptions): GraphNode[] {
  const policies = policiesByName(assets);
  return assets.flatMap((a) => mapAsset(a, policies, options));
}
