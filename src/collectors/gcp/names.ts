/**
 * Names and ids. Node ids are full resource names as Cloud Asset Inventory writes them, except
 * buckets, which use the canonical `//storage.googleapis.com/projects/_/buckets/NAME` (CAI writes
 * `//storage.googleapis.com/NAME`; both are accepted on input).
 */

const COMPUTE_URL = /^https:\/\/(?:www|compute)\.googleapis\.com\/compute\/(?:v1|beta|alpha)\/(.+)$/;

/** `https://www.googleapis.com/compute/v1/projects/p/zones/z/instances/i` → `//compute.googleapis.com/projects/p/zones/z/instances/i`. */
export function computeUrlToName(url: string): string {
  const m = COMPUTE_URL.exec(url);
  if (m) return `//compute.googleapis.com/${m[1]}`;
  if (url.startsWith('//')) return url;
  if (url.startsWith('projects/')) return `//compute.googleapis.com/${url}`;
  return url;
}

/** The last path segment of a URL or name (`.../machineTypes/e2-medium` → `e2-medium`). */
export function lastSegment(urlOrName: string): string {
  const parts = urlOrName.split('/');
  return parts[parts.length - 1] ?? urlOrName;
}

/** The path segment after `key` (`projects/p/zones/z/...`, `zones` → `z`), or null. */
export function segmentAfter(name: string, key: string): string | null {
  const parts = name.split('/');
  const i = parts.indexOf(key);
  return i >= 0 && i + 1 < parts.length ? (parts[i + 1] ?? null) : null;
}

/** `us-central1-a` → `us-central1`. */
export function zoneToRegion(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

/** Canonical bucket id. */
export const bucketId = (bucket: string): string => `//storage.googleapis.com/projects/_/buckets/${bucket}`;

/** The bucket name in either CAI's or the canonical full name. */
export function bucketNameOf(assetName: string): string | null {
  const m = /^\/\/storage\.googleapis\.com\/(?:projects\/_\/buckets\/)?([^/]+)$/.exec(assetName);
  return m ? (m[1] ?? null) : null;
}

export const PROJECT_NAME_PREFIX = '//cloudresourcemanager.googleapis.com/';

/** `//cloudresourcemanager.googleapis.com/projects/123` → `projects/123` (also folders, organizations). */
export function containerOf(fullName: string): string | null {
  const m = /^\/\/cloudresourcemanager\.googleapis\.com\/((?:projects|folders|organizations)\/[^/]+)$/.exec(fullName);
  return m ? (m[1] ?? null) : null;
}

/** Masks an id for display: `1a2b3c…9f0e`. Short ids are masked entirely but for the last 2. */
export function maskId(id: string): string {
  if (id.length <= 8) return `…${id.slice(-2)}`;
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}
