/**
 * Validation of snapshot parts against the JSON Schema generated from `schema.ts`, with messages
 * that name the offending field and say what was expected.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';

const schemaUrl = new URL('../../schemas/snapshot.schema.json', import.meta.url);

type JsonSchema = { definitions: Record<string, { properties?: Record<string, unknown>; required?: string[] }> } & Record<string, unknown>;

let cached: SnapshotValidators | undefined;

/** RFC 3339 date-time with an explicit offset, as every timestamp in a snapshot is. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Compiled validators for each streamed part and for the header. */
export interface SnapshotValidators {
  header: ValidateFunction;
  node: ValidateFunction;
  edge: ValidateFunction;
  cost: ValidateFunction;
  coverage: ValidateFunction;
}

/** The generated schema document, as checked in. */
export function loadSnapshotJsonSchema(): JsonSchema {
  return JSON.parse(readFileSync(schemaUrl, 'utf8')) as JsonSchema;
}

export function snapshotValidators(): SnapshotValidators {
  if (cached) return cached;
  const schema = loadSnapshotJsonSchema();
  const snapshotDef = schema.definitions.Snapshot;
  if (!snapshotDef?.properties || !snapshotDef.required) throw new Error('schemas/snapshot.schema.json has no Snapshot definition');
  const streamed = new Set(['nodes', 'edges', 'costs', 'coverage']);
  // The header is the Snapshot object without its four streamed arrays (checked item by item instead).
  const headerDef = {
    ...snapshotDef,
    properties: Object.fromEntries(Object.entries(snapshotDef.properties).filter(([k]) => !streamed.has(k))),
    required: snapshotDef.required.filter((k) => !streamed.has(k)),
  };
  const ajv = new Ajv({ allErrors: false, strict: true, strictTypes: false, allowUnionTypes: true });
  ajv.addFormat('date-time', RFC3339);
  ajv.addSchema({ ...schema, $id: 'snapshot', definitions: { ...schema.definitions, SnapshotHeader: headerDef } });
  const get = (name: string): ValidateFunction => {
    const fn = ajv.getSchema(`snapshot#/definitions/${name}`);
    if (!fn) throw new Error(`schemas/snapshot.schema.json has no definition ${name}`);
    return fn;
  };
  cached = { header: get('SnapshotHeader'), node: get('GraphNode'), edge: get('GraphEdge'), cost: get('CostRecord'), coverage: get('CoverageRow') };
  return cached;
}

/**
 * Describes the first meaningful validation error as `field.path: expected …, got …`.
 * `base` is the field the validated value sits at, e.g. `nodes[12]`.
 */
export function describeValidationError(errors: ErrorObject[] | null | undefined, value: unknown, base: string): string {
  const relevant = (errors ?? []).filter((e) => e.keyword !== 'if');
  const e = relevant[0];
  if (!e) return `${base || 'document'}: does not match the snapshot schema`;
  const path = joinPath(base, e.instancePath);
  const actual = valueAt(value, e.instancePath);
  switch (e.keyword) {
    case 'required':
      return `${path}: missing required field "${String(e.params.missingProperty)}"`;
    case 'additionalProperties':
      return `${joinPath(path, `/${String(e.params.additionalProperty)}`)}: unknown field (not in the snapshot schema)`;
    case 'type':
      return `${path}: expected ${String(e.params.type).split(',').join(' or ')}, got ${describeType(actual)}`;
    case 'enum':
      return `${path}: expected one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(actual)}`;
    case 'format':
      return `${path}: expected an RFC 3339 ${String(e.params.format)} such as "2026-11-25T10:00:00Z", got ${describeType(actual)}`;
    case 'const':
      return `${path}: expected ${JSON.stringify(e.params.allowedValue)}, got ${JSON.stringify(actual)}`;
    default:
      return `${path}: ${e.message ?? 'invalid'}`;
  }
}

function joinPath(base: string, pointer: string): string {
  if (!pointer) return base || '(document)';
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = base;
  for (const p of parts) {
    if (/^\d+$/.test(p)) out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

function valueAt(value: unknown, pointer: string): unknown {
  let cur = value;
  for (const raw of pointer.split('/').slice(1)) {
    const p = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, unknown>)[p];
    else return undefined;
  }
  return cur;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v;
}
