/**
 * The GCP provider: Cloud Asset Inventory ListAssets (gRPC, `@google-cloud/asset`) over organizations,
 * folders or projects; one collector per service, a pure link step, and an offline importer for
 * `gcloud asset export` / `search-all-resources` files. See README.md for the API choice, ids and
 * normalization.
 */
import type { GraphFragment, Permission, ProviderModule } from '../types.js';
import { compute } from './compute.js';
import { classifyGcpError } from './errors.js';
import { iam } from './iam.js';
import type { GcpImportOptions } from './import.js';
import { importGcpAssets, readGcpAssetFiles } from './import.js';
import { linkGcp } from './link.js';
import { resolveGcpTargets } from './resolve.js';
import { resourcemanager } from './resourcemanager.js';
import { storage } from './storage.js';
import type { GcpOptions, GcpTarget } from './target.js';

export type { GcpImportOptions, GcpOptions, GcpTarget };
export { classifyGcpError, importGcpAssets, readGcpAssetFiles };
export { SUPPORTED_ASSET_TYPES } from './asset-types.js';

export const gcpProvider: ProviderModule<GcpOptions, GcpTarget> = {
  provider: 'gcp',
  description: 'Google Cloud through Cloud Asset Inventory (ListAssets): projects, IAM bindings, buckets, service accounts and keys, Compute Engine',
  resolveTargets: resolveGcpTargets,
  classifyError: classifyGcpError,
  collectors: [compute, iam, resourcemanager, storage],
  link: (fragment: GraphFragment): GraphFragment => linkGcp(fragment),
};

/** Every permission the collectors declare, de-duplicated: the documented minimal set. */
export const gcpPermissions: readonly Permission[] = [
  ...new Map(gcpProvider.collectors.flatMap((c) => c.permissions).map((p) => [p.action, p])).values(),
];

/** Predefined roles that grant them (see README.md for the finer custom-role option). */
export const GCP_ROLES = ['roles/cloudasset.viewer'] as const;
