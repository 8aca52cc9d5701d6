/** The Azure provider's options and target (one target per subscription). */
import type { TokenCredential } from '@azure/core-auth';
import type { TargetBase } from '../types.js';

export interface AzureOptions {
  /** Subscription ids to scan; default: every subscription the credential can see (subscriptions list API). */
  subscriptions?: string[];
  /** Azure Resource Manager endpoint; default `https://management.azure.com`. `http://127.0.0.1:PORT` for the fake. */
  endpoint?: string;
  /** Credential; default `DefaultAzureCredential` (env, workload identity, managed identity, Azure CLI, …). */
  credential?: TokenCredential;
  /**
   * The tenant's own verified domains (`contoso.com`). A user principal whose name is in none of them
   * is external; without it only `#EXT#` guest names are recognised. Principal names are only in
   * `az role assignment list` output: the ARM API returns object ids.
   */
  tenantDomains?: string[];
}

/** How to reach ARM: shared by every client of a run. */
export interface AzureConnection {
  endpoint: string;
  credential: TokenCredential;
}

export interface AzureTarget extends TargetBase {
  provider: 'azure';
  /** Lower-case subscription id: the target's account. */
  subscriptionId: string;
  connection: AzureConnection;
  tenantDomains: string[];
}

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
