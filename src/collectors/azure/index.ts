/**
 * The Azure provider (Azure Resource Manager): one target per subscription, one collector per
 * service (`azure.authorization`, `azure.compute`, `azure.network`, `azure.storage`,
 * `azure.subscriptions`), a pure link step for the joins between them, and an offline importer for
 * ARM list JSON and `az` CLI output. See README.md for ids, normalization and permissions.
 */
import type { Permission, ProviderModule } from '../types.js';
import { authorization, authorizationCollector } from './authorization.js';
import { compute, computeCollector } from './compute.js';
import { classifyAzureError } from './errors.js';
import { importAzureJson } from './import.js';
import type { AzureImportOptions } from './import.js';
import { linkAzure } from './link.js';
import { network, networkCollector } from './network.js';
import { resolveAzureTargets } from './resolve.js';
import { storage, storageCollector } from './storage.js';
import { subscriptions, subscriptionsCollector } from './subscriptions.js';
import type { AzureOptions, AzureTarget } from './target.js';

export type { AzureImportOptions, AzureOptions, AzureTarget };
export { importAzureJson, classifyAzureError };

/** Each collector's declared permissions, by collector id (all within the built-in `Reader` role). */
export const azurePermissions: Readonly<Record<string, readonly Permission[]>> = {
  'azure.authorization': authorizationCollector.permissions,
  'azure.compute': computeCollector.permissions,
  'azure.network': networkCollector.permissions,
  'azure.storage': storageCollector.permissions,
  'azure.subscriptions': subscriptionsCollector.permissions,
};

export const azureProvider: ProviderModule<AzureOptions, AzureTarget> = {
  provider: 'azure',
  description: 'Azure subscriptions through Azure Resource Manager: storage, compute, network, role assignments',
  resolveTargets: resolveAzureTargets,
  classifyError: classifyAzureError,
  collectors: [authorization, compute, network, storage, subscriptions],
  link: (fragment, target) => linkAzure(fragment, target.subscriptionId),
};
