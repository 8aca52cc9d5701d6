/**
 * One Cloud Asset Inventory asset in the shape the rest of the provider works on, and the parsers
 * that produce it from the three places assets come from:
 * - `gcloud asset export` NDJSON lines (snake_case envelope: `asset_type`, `iam_policy`,
 *   `update_time`, `resource.discovery_name`, …; `resource.data` is the service's own camelCase JSON);
 * - the same records in camelCase (REST responses, `gcloud asset list --format=json`);
 * - ListAssets gRPC responses decoded by google-gax (protobuf `Struct` for `resource.data`,
 *   `Timestamp` messages, `bytes` etags).
 *
 * `data` keeps the service's JSON as is; every fact is read from it by the mapping modules.
 */
import type { JsonObject, JsonValue } from '../../graph/schema.js';

export const CONTENT_TYPES = ['RESOURCE', 'IAM_POLICY'] as const;
/** The ListAssets content types this provider reads. */
export type ContentType = (typeof CONTENT_TYPES)[number];

export interface IamBindingRecord {
  role: string;
  members: string[];
  condition: { title: string | null; expression: string } | null;
}

export interface CaiAsset {
  /** Full resource name, e.g. `//compute.googleapis.com/projects/p/zones/z/instances/i`. */
  name: string;
  /** e.g. `compute.googleapis.com/Instance`. */
  assetType: string;
  /** Present on RESOURCE records. */
  resource: { parent: string | null; location: string | null; discoveryName: string | null; data: JsonObject } | null;
  /** Present on IAM_POLICY records. */
  iamPolicy: { bindings: IamBindingRecord[] } | null;
  /** `projects/NUMBER`, `folders/N`, `organizations/N`, nearest first. */
  ancestors: string[];
  /** RFC 3339, when the source says. */
  updateTime: string | null;
}

/** A record that cannot be an asset (no name, no type, a resource without data). */
export class GcpAssetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GcpAssetError';
  }
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Reads a key in either its snake_case or camelCase spelling. */
function pick(o: Record<string, unknown>, camel: string): unknown {
  if (camel in o) return o[camel];
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return o[snake];
}

function bindingsOf(policy: Record<string, unknown>): IamBindingRecord[] {
  const raw = policy['bindings'];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((b: unknown) => {
    if (!isJsonObject(b)) return [];
    const role = str(b['role']);
    if (role === null) return [];
    const members = Array.isArray(b['members']) ? b['members'].filter((m): m is string => typeof m === 'string') : [];
    const c = b['condition'];
    const expression = isJsonObject(c) ? str(c['expression']) : null;
    const condition = isJsonObject(c) && expression !== null ? { title: str(c['title']), expression } : null;
    return [{ role, members, condition }];
  });
}

/** A timestamp as RFC 3339 UTC: from a string, or a protobuf `{seconds, nanos}`. */
export function timestampOf(v: unknown): string | null {
  if (typeof v === 'string' && v !== '') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (isJsonObject(v) || (typeof v === 'object' && v !== null)) {
    const o = v as Record<string, unknown>;
    const seconds = Number(o['seconds'] ?? 0);
    const nanos = Number(o['nanos'] ?? 0);
    if (!Number.isFinite(seconds) || !Number.isFinite(nanos) || (seconds === 0 && nanos === 0)) return null;
    return new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString();
  }
  return null;
}

/**
 * Parses one asset record written as JSON (export line, REST, gcloud). Throws `GcpAssetError` for a
 * record without a name or type, or a `resource` without `data`: such a record says nothing usable
 * and silently dropping it would hide a broken export.
 */
export function parseAssetJson(record: unknown, where: string): CaiAsset {
  if (!isJsonObject(record)) throw new GcpAssetError(`${where}: not a JSON object`);
  const name = str(record['name']);
  const assetType = str(pick(record, 'assetType'));
  if (name === null) throw new GcpAssetError(`${where}: asset without a 'name'`);
  if (assetType === null) throw new GcpAssetError(`${where}: asset '${name}' without an 'asset_type'`);
  const res = record['resource'];
  let resource: CaiAsset['resource'] = null;
  if (res !== undefined && res !== null) {
    if (!isJsonObject(res) || !isJsonObject(res['data'])) throw new GcpAssetError(`${where}: asset '${name}' has a 'resource' without 'data'`);
    resource = { parent: str(res['parent']), location: str(res['location']), discoveryName: str(pick(res, 'discoveryName')), data: res['data'] };
  }
  const pol = pick(record, 'iamPolicy');
  const iamPolicy = isJsonObject(pol) ? { bindings: bindingsOf(pol) } : null;
  const anc = record['ancestors'];
  const ancestors = Array.isArray(anc) ? anc.filter((a): a is string => typeof a === 'string') : [];
  return { name, assetType, resource, iamPolicy, ancestors, updateTime: timestampOf(pick(record, 'updateTime')) };
}

// ---------------------------------------------------------------------------------------------
// protobuf Struct ↔ JSON
// ---------------------------------------------------------------------------------------------

/** Decodes a `google.protobuf.Value` as google-gax/proto-loader hand it over (oneof `kind`). */
export function valueFromProto(v: unknown): JsonValue {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const kind = typeof o['kind'] === 'string' ? o['kind'] : ['stringValue', 'numberValue', 'boolValue', 'structValue', 'listValue', 'nullValue'].find((k) => o[k] !== undefined && o[k] !== null);
  switch (kind) {
    case 'stringValue':
      return String(o['stringValue']);
    case 'numberValue':
      return Number(o['numberValue']);
    case 'boolValue':
      return o['boolValue'] === true;
    case 'structValue':
      return structFromProto(o['structValue']);
    case 'listValue': {
      const values = (o['listValue'] as { values?: unknown } | undefined)?.values;
      return Array.isArray(values) ? values.map(valueFromProto) : [];
    }
    default:
      return null;
  }
}

/** Decodes a `google.protobuf.Struct` (`{fields: {k: Value}}`) into plain JSON. */
export function structFromProto(s: unknown): JsonObject {
  const fields = typeof s === 'object' && s !== null ? (s as { fields?: unknown }).fields : undefined;
  const out: JsonObject = {};
  if (typeof fields !== 'object' || fields === null) return out;
  for (const [k, v] of Object.entries(fields)) out[k] = valueFromProto(v);
  return out;
}

/** Encodes plain JSON as a `google.protobuf.Value` for proto-loader (used by the fake server). */
export function valueToProto(v: JsonValue): Record<string, unknown> {
  if (v === null) return { nullValue: 'NULL_VALUE' };
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (Array.isArray(v)) return { listValue: { values: v.map(valueToProto) } };
  return { structValue: structToProto(v) };
}

export function structToProto(o: JsonObject): { fields: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) fields[k] = valueToProto(v);
  return { fields };
}

/**
 * Converts one asset message of a ListAssets response, as google-gax decodes it, into a `CaiAsset`.
 * Throws `GcpAssetError` like `parseAssetJson` for a record without name or type.
 */
export function assetFromProto(message: unknown, where: string): CaiAsset {
  if (typeof message !== 'object' || message === null) throw new GcpAssetError(`${where}: not an asset message`);
  const m = message as Record<string, unknown>;
  const res = m['resource'] as Record<string, unknown> | null | undefined;
  const pol = m['iamPolicy'] as Record<string, unknown> | null | undefined;
  const json: Record<string, unknown> = {
    name: m['name'],
    assetType: m['assetType'],
    ancestors: m['ancestors'],
    updateTime: timestampOf(m['updateTime']),
  };
  if (res) {
    json['resource'] = {
      parent: res['parent'],
      location: res['location'],
      discoveryName: res['discoveryName'],
      data: res['data'] ? structFromProto(res['data']) : undefined,
    };
  }
  if (pol) {
    json['iamPolicy'] = {
      bindings: Array.isArray(pol['bindings'])
        ? pol['bindings'].map((b: Record<string, unknown>) => ({ role: b['role'], members: b['members'], condition: b['condition'] ?? undefined }))
        : [],
    };
  }
  return parseAssetJson(json, where);
}
