/** Narrowing readers for the services' JSON in `resource.data`: absent or mistyped reads as null/empty. */
import type { JsonObject, JsonValue } from '../../graph/schema.js';
import { isJsonObject } from './asset.js';

export function str(o: JsonObject | null | undefined, key: string): string | null {
  const v = o?.[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

export function obj(o: JsonObject | null | undefined, key: string): JsonObject | null {
  const v = o?.[key];
  return isJsonObject(v) ? v : null;
}

export function arr(o: JsonObject | null | undefined, key: string): JsonValue[] {
  const v = o?.[key];
  return Array.isArray(v) ? v : [];
}

export function objs(o: JsonObject | null | undefined, key: string): JsonObject[] {
  return arr(o, key).filter(isJsonObject);
}

export function strs(o: JsonObject | null | undefined, key: string): string[] {
  return arr(o, key).filter((v): v is string => typeof v === 'string');
}

/** Booleans, also when a Struct round trip or a hand-written file gives `"true"`. */
export function bool(o: JsonObject | null | undefined, key: string): boolean | null {
  const v = o?.[key];
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return null;
}

/** Numbers; int64 fields arrive as decimal strings in the services' JSON. */
export function num(o: JsonObject | null | undefined, key: string): number | null {
  const v = o?.[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** `labels` as node tags. */
export function labels(o: JsonObject | null | undefined): Record<string, string> {
  const l = obj(o, 'labels');
  if (l === null) return {};
  const out: Record<string, string> = {};
  for (const k of Object.keys(l).sort()) {
    const v = l[k];
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** An RFC 3339 time with any offset → UTC `…Z`; null when absent or unparsable. */
export function time(o: JsonObject | null | undefined, key: string): string | null {
  const v = str(o, key);
  if (v === null) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
