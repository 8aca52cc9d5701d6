/**
 * Targets: the configured subscriptions, or every subscription the credential can see (the
 * subscriptions list API; disabled and deleted ones are skipped, warned and expired ones kept).
 */
import { DefaultAzureCredential } from '@azure/identity';
import { rawBodyOf } from './raw-body.js';
import { InputError } from '../../util/errors.js';
import { describeError } from '../framework/context.js';
import type { ResolveContext } from '../types.js';
import { str } from './arm.js';
import { checkEndpoint, subscriptionClient } from './clients.js';
import { fetchNext, firstPageOf, parsePage } from './paging.js';
import type { RawPage } from './paging.js';
import { subscriptionIdOf } from './subscription-model.js';
import type { AzureConnection, AzureOptions, AzureTarget } from './target.js';
import { DEFAULT_ARM_ENDPOINT } from './target.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function connectionOf(options: AzureOptions): AzureConnection {
  let endpoint: string;
  try {
    endpoint = checkEndpoint(options.endpoint ?? DEFAULT_ARM_ENDPOINT);
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
  return { endpoint, credential: options.credential ?? new DefaultAzureCredential() };
}

export function targetOf(subscriptionId: string, connection: AzureConnection, options: AzureOptions): AzureTarget {
  return { provider: 'azure', account: subscriptionId, region: 'global', subscriptionId, connection, tenantDomains: options.tenantDomains ?? [] };
}

const SKIPPED_STATES = new Set(['disabled', 'deleted']);

export async function resolveAzureTargets(options: AzureOptions, ctx: ResolveContext): Promise<AzureTarget[]> {
  const connection = connectionOf(options);
  if (options.subscriptions !== undefined) {
    const ids = [...new Set(options.subscriptions.map((s) => s.trim().toLowerCase()))].sort();
    for (const id of ids) if (!GUID.test(id)) throw new InputError(`azure subscription '${id}' is not a subscription id (a GUID)`);
    return ids.map((id) => targetOf(id, connection, options));
  }
  const client = subscriptionClient(connection);
  const found: string[] = [];
  let page: RawPage;
  let text: string | null | undefined;
  try {
    await firstPageOf((o) => client.subscriptions.list(o))({ abortSignal: ctx.signal, onResponse: (r) => void (text = rawBodyOf(r)) });
    page = parsePage(text ?? '');
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new InputError(`azure: cannot list the subscriptions the credential can see (${describeError(error)}); pass the subscriptions to scan explicitly`, { cause: error });
  }
  for (;;) {
    for (const s of page.value) {
      const id = subscriptionIdOf(s);
      const state = (str(s['state']) ?? '').toLowerCase();
      if (id === null) continue;
      if (SKIPPED_STATES.has(state)) ctx.debug(`azure: skipping subscription ${id} (${state})`);
      else found.push(id);
    }
    if (page.nextLink === null) break;
    page = await fetchNext(client.pipeline, page.nextLink, ctx.signal);
  }
  if (found.length === 0) throw new InputError('azure: the credential sees no enabled subscription; pass subscriptions explicitly or grant Reader on one');
  return [...new Set(found)].sort().map((id) => targetOf(id, connection, options));
}
