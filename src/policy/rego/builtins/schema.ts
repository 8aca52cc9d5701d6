/** json.verify_schema and json.match_schema (JSON Schema draft-07 via ajv; errors shaped like OPA's gojsonschema output). */
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Value } from '../value.js';
import { fromJS, isObject, toJSON } from '../value.js';
import { marshalJSON } from './encoding.js';
import type { BuiltinDef } from './types.js';
import { arg, fail, typeError } from './util.js';

const PRIMITIVES = ['array', 'boolean', 'integer', 'number', 'null', 'object', 'string'];

function schemaJSON(v: Value, pos: number): unknown {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch (e) {
      fail(`jsonschema: ${(e as Error).message}`);
    }
  }
  if (isObject(v) || typeof v === 'boolean') return toJSON(v);
  throw typeError(pos, 'one of {string, object, boolean}', v);
}

/** gojsonschema's message for an unknown primitive type, if any. */
function badType(schema: unknown): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  if (Array.isArray(schema)) {
    for (const x of schema) {
      const r = badType(x);
      if (r) return r;
    }
    return undefined;
  }
  const o = schema as Record<string, unknown>;
  const t = o.type;
  for (const x of typeof t === 'string' ? [t] : Array.isArray(t) ? t : []) {
    if (typeof x === 'string' && !PRIMITIVES.includes(x)) {
      return `has a primitive type that is NOT VALID -- given: /${x}/ Expected valid values are:[${PRIMITIVES.join(' ')}]`;
    }
  }
  for (const [k, v] of Object.entries(o)) if (k !== 'enum' && k !== 'const' && k !== 'default' && k !== 'examples') {
    const r = badType(v);
    if (r) return r;
  }
  return undefined;
}

const cache = new Map<string, ValidateFunction>();

function compileSchema(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = cache.get(key);
  if (v) return v;
  const bad = badType(schema);
  if (bad) throw new Error(bad);
  const ajv = new Ajv({ strict: false, allErrors: true });
  v = ajv.compile(schema as object);
  if (cache.size > 200) cache.clear();
  cache.set(key, v);
  return v;
}

function fieldOf(e: ErrorObject): string {
  const p = e.instancePath.split('/').filter((x) => x !== '').map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
  return p.length ? p.join('.') : '(root)';
}

function typeLabel(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number') return Number.isInteger(x) ? 'integer' : 'number';
  return typeof x;
}

function describe(e: ErrorObject, data: unknown): { type: string; desc: string; field: string } {
  let field = fieldOf(e);
  const params = e.params as Record<string, unknown>;
  const at = (): unknown => {
    let cur: unknown = data;
    for (const seg of e.instancePath.split('/').filter((x) => x !== '')) {
      if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return cur;
  };
  switch (e.keyword) {
    case 'type':
      return { type: 'invalid_type', desc: `Invalid type. Expected: ${String(params.type).replace(/,/g, ', ')}, given: ${typeLabel(at())}`, field };
    case 'required':
      return { type: 'required', desc: `${String(params.missingProperty)} is required`, field };
    case 'additionalProperties':
      return { type: 'additional_property_not_allowed', desc: `Additional property ${String(params.additionalProperty)} is not allowed`, field };
    case 'enum':
      return { type: 'enum', desc: `${field} must be one of the following: ${((params.allowedValues as unknown[]) ?? []).map((x) => JSON.stringify(x)).join(', ')}`, field };
    case 'const':
      return { type: 'const', desc: `${field} does not match: ${JSON.stringify(params.allowedValue)}`, field };
    case 'minimum':
      return { type: 'number_gte', desc: `Must be greater than or equal to ${String(params.limit)}`, field };
    case 'maximum':
      return { type: 'number_lte', desc: `Must be less than or equal to ${String(params.limit)}`, field };
    case 'minLength':
      return { type: 'string_gte', desc: `String length must be greater than or equal to ${String(params.limit)}`, field };
    case 'maxLength':
      return { type: 'string_lte', desc: `String length must be less than or equal to ${String(params.limit)}`, field };
    case 'pattern':
      return { type: 'pattern', desc: `Does not match pattern '${String(params.pattern)}'`, field };
    case 'minItems':
      return { type: 'array_min_items', desc: `Array must have at least ${String(params.limit)} items`, field };
    case 'maxItems':
      return { type: 'array_max_items', desc: `Array must have at most ${String(params.limit)} items`, field };
    default:
      field = fieldOf(e);
      return { type: e.keyword, desc: e.message ?? e.keyword, field };
  }
}

export const schemaBuiltins: BuiltinDef[] = [
  {
    name: 'json.verify_schema',
    arity: 1,
    fn: (a) => {
      const s = schemaJSON(arg(a, 0), 1);
      try {
        compileSchema(s);
        return [true, null];
      } catch (e) {
        return [false, `jsonschema: ${(e as Error).message}`];
      }
    },
  },
  {
    name: 'json.match_schema',
    arity: 2,
    fn: (a) => {
      const d = arg(a, 0);
      let doc: unknown;
      if (typeof d === 'string') {
        try {
          doc = JSON.parse(d);
        } catch (e) {
          fail((e as Error).message);
        }
      } else doc = JSON.parse(marshalJSON(d));
      const s = schemaJSON(arg(a, 1), 2);
      let validate: ValidateFunction;
      try {
        validate = compileSchema(s);
      } catch (e) {
        fail((e as Error).message);
      }
      if (validate(doc)) return [true, []];
      const errs = (validate.errors ?? []).map((e) => {
        const x = describe(e, doc);
        return { error: `${x.field}: ${x.desc}`, type: x.type, field: x.field, desc: x.desc };
      });
      return [false, fromJS(errs)];
    },
  },
];
