/**
 * `azure.storage`: storage accounts and their blob containers → `storage.bucket` (one per
 * container; see storage-model.ts for why the container is the bucket).
 * get: `storageAccounts.list`, then `blobContainers.list` per account (not for FileStorage accounts,
 * which have no blob service: a skipped row).
 */
import type { JsonObject } from '../../graph/schema.js';
import type { Collector, GraphFragment } from '../types.js';
import { registerCollector } from '../types.js';
import { str } from './arm.js';
import { clientsFor } from './clients.js';
import { normId, resourceGroupOf } from './ids.js';
import { firstPageOf, listAll } from './paging.js';
import { containerNode, storageAccountFacts, storageAccountIdOf } from './storage-model.js';
import type { AzureTarget } from './target.js';

const SERVICE = 'storage';

export interface StorageRaw {
  accounts: JsonObject[];
  containers: JsonObject[];
}

export const storageCollector: Collector<AzureTarget, StorageRaw> = {
  id: 'azure.storage',
  provider: 'azure',
  service: SERVICE,
  description: 'Storage accounts (public blob access switch, TLS, HTTPS-only, network default action, encryption) and their blob containers (anonymous access level)',
  permissions: [
    { action: 'Microsoft.Storage/storageAccounts/read', why: 'list storage accounts and their security settings' },
    { action: 'Microsoft.Storage/storageAccounts/blobServices/containers/read', why: 'list blob containers and their anonymous access level (management plane; no data access, no keys)' },
  ],

  async get(ctx, target) {
    const { storage } = clientsFor(target.connection, target.subscriptionId);
    const accounts = (await listAll(ctx, { service: SERVICE, operation: 'storageAccounts.list' }, storage.pipeline, firstPageOf((o) => storage.storageAccounts.list(o)))) ?? [];
    const containers = await Promise.all(
      accounts.map(async (a) => {
        const id = str(a['id']) ?? '';
        const rg = resourceGroupOf(id);
        const name = str(a['name']);
        if (rg === null || name === null) return [];
        const op = { service: SERVICE, operation: 'blobContainers.list', resource: normId(id) };
        if (str(a['kind']) === 'FileStorage') {
          ctx.skip(op, 'FileStorage account: no blob service');
          return [];
        }
        return (await listAll(ctx, op, storage.pipeline, firstPageOf((o) => storage.blobContainers.list(rg, name, o)))) ?? [];
      }),
    );
    return { accounts, containers: containers.flat() };
  },

  transform(raw, target): GraphFragment {
    const accounts = new Map(raw.accounts.map((a) => [normId(str(a['id']) ?? ''), storageAccountFacts(a)]));
    const nodes = raw.containers.map((c) => containerNode(c, accounts.get(storageAccountIdOf(str(c['id']) ?? '')), target.subscriptionId));
    return { nodes, edges: [] };
  },
};

export const storage = registerCollector(storageCollector);
