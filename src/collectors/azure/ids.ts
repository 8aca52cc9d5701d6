/**
 * Azure resource ids. ARM ids are case-insensitive and come back in mixed case (the same disk is
 * `/subscriptions/…/resourceGroups/RG-App/…` in one response and `…/resourcegroups/rg-app/…` in
 * another), so every node id and every reference to one is lower-cased here, once.
 */
import type { BindingAttrs } from '../../graph/schema.js';

/** The normalized (lower-case, no trailing slash) form of an ARM id or scope. */
export function normId(id: string): string {
  const lower = id.trim().toLowerCase();
  return lower.length > 1 ? lower.replace(/\/+$/, '') : lower;
}

/** The normalized id, or null for a missing or empty reference. */
export function normRef(id: unknown): string | null {
  return typeof id === 'string' && id.trim() !== '' ? normId(id) : null;
}

export const subscriptionNodeId = (subscriptionId: string): string => `/subscriptions/${subscriptionId.toLowerCase()}`;

/** The subscription id in an ARM id, lower-case, or null when the id is not under a subscription. */
export function subscriptionOf(id: string): string | null {
  const m = /^\/subscriptions\/([^/]+)/i.exec(id);
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** The resource group named in an ARM id, as written. */
export function resourceGroupOf(id: string): string | null {
  const m = /\/resourcegroups\/([^/]+)/i.exec(id);
  return m?.[1] ?? null;
}

/** Strips a child segment: `…/networkInterfaces/nic1/ipConfigurations/ipconfig1` → `…/networkInterfaces/nic1`. */
export function parentOf(id: string, childType: string): string {
  const i = id.toLowerCase().lastIndexOf(`/${childType.toLowerCase()}/`);
  return i === -1 ? id : id.slice(0, i);
}

/** The last path segment (a role definition's GUID, a resource's name). */
export function lastSegment(id: string): string {
  const parts = id.split('/').filter((p) => p !== '');
  return parts[parts.length - 1] ?? id;
}

/** The kind of scope a role assignment applies at. */
export function scopeTypeOf(scope: string): BindingAttrs['scopeType'] {
  const s = normId(scope);
  if (s === '/' || s.startsWith('/providers/microsoft.management/managementgroups/')) return 'management_group';
  if (/^\/subscriptions\/[^/]+$/.test(s)) return 'subscription';
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/.test(s)) return 'resource_group';
  return 'resource';
}
