/**
 * ARM JSON helpers. Everything the transforms read is the wire shape of the list APIs (`id`, `name`,
 * `type`, `location`, `tags`, `properties{…}`), as kept in the world files. `az` CLI output flattens
 * `properties` into the object, adds `resourceGroup` and spells a few fields the Python SDK's way
 * (`diskSizeGb`, `enableHttpsTrafficOnly`, `networkRuleSet`): the readers accept both.
 */
import type { JsonObject, JsonValue } from '../../graph/schema.js';

export type ArmObject = JsonObject;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
export const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});
export const arr = (v: unknown): JsonValue[] => (Array.isArray(v) ? (v as JsonValue[]) : []);
export const objs = (v: unknown): JsonObject[] => arr(v).filter(isObject);
export const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');

/**
 * The `properties` bag of an ARM object; for CLI output, which flattens `properties` into the object
 * (and does so for sub-resources such as NSG rules too), the object itself.
 */
export const props = (o: JsonObject): JsonObject => (isObject(o['properties']) ? o['properties'] : o);

/** The first of several spellings of a field (REST `diskSizeGB`, CLI `diskSizeGb`). */
export function field(o: JsonObject, ...names: string[]): JsonValue | undefined {
  for (const n of names) if (o[n] !== undefined) return o[n];
  return undefined;
}

/** The id of a `{ id }` sub-resource reference. */
export const refId = (v: unknown): string | null => str(obj(v)['id']);

export function tagsOf(o: JsonObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(o['tags']))) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The resource's region (`location`, lower-case), or `global` where it has none. */
export function regionOf(o: JsonObject): string {
  const loc = str(o['location']);
  return loc && loc.trim() !== '' ? loc.toLowerCase().replace(/\s+/g, '') : 'global';
}

/** `createdAt` from the first present time field, or null. */
export function timeOf(...values: unknown[]): string | null {
  for (const v of values) {
    if (typeof v === 'string' && v !== '' && !Number.isNaN(Date.parse(v))) return new Date(Date.parse(v)).toISOString();
  }
  return null;
}
