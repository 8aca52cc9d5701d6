/** The GCP provider's options and target (one target per configured scope). */
import type { TargetBase } from '../types.js';

export interface GcpOptions {
  /** Scopes to list: `organizations/123`, `folders/456`, `projects/my-proj` (id or number). */
  scopes: string[];
  /** Asset API host; defaults to `cloudasset.googleapis.com` with Application Default Credentials. */
  apiEndpoint?: string;
  /** Asset API port; defaults to 443. */
  port?: number;
  /** Plain-text gRPC without credentials (the local fake only). Needs `apiEndpoint`. */
  insecure?: boolean;
  /** Restrict collection to these asset types (a subset of the supported ones). */
  assetTypes?: string[];
  /** The organization's own domains: members outside them are `external`. Unset: `external` is null. */
  orgDomains?: string[];
  /** ListAssets page size, 1..1000 (default 1000: fewest calls, the API's maximum). */
  pageSize?: number;
}

export interface GcpConnection {
  apiEndpoint: string | null;
  port: number | null;
  insecure: boolean;
}

export interface GcpTarget extends TargetBase {
  provider: 'gcp';
  /** The scope as the API takes it: `organizations/123`, `folders/456`, `projects/my-proj`. */
  scope: string;
  connection: GcpConnection;
  /** Asset types to list; null: every supported type. */
  assetTypes: readonly string[] | null;
  /** Lower-cased organization domains, or null when not configured. */
  orgDomains: readonly string[] | null;
  pageSize: number;
}
