/** Builtins removed in Rego v1, available only when compiling Rego v0 (`regoVersion: 'v0'`). */
import type { Value } from '../value.js';
import { RegoSet, isObject } from '../value.js';
import { compileRE2 } from './regex.js';
import type { BuiltinDef } from './types.js';
import { arg, arrOrSet, set, str, typeError } from './util.js';
import { netBuiltins } from './net.js';

function castTo(kind: string, ok: (v: Value) => boolean): BuiltinDef {
  return { name: `cast_${kind}`, arity: 1, deprecated: true, fn: (a) => (ok(arg(a, 0)) ? arg(a, 0) : undefined) };
}

const cidrContains = netBuiltins.find((b) => b.name === 'net.cidr_contains') as BuiltinDef;

export const deprecatedBuiltins: BuiltinDef[] = [
  { name: 'all', arity: 1, deprecated: true, fn: (a) => arrOrSet(a, 0).every((x) => x === true) },
  { name: 'any', arity: 1, deprecated: true, fn: (a) => arrOrSet(a, 0).some((x) => x === true) },
  castTo('null', (v) => v === null),
  castTo('string', (v) => typeof v === 'string'),
  castTo('boolean', (v) => typeof v === 'boolean'),
  castTo('object', (v) => isObject(v)),
  {
    name: 'cast_array',
    arity: 1,
    deprecated: true,
    fn: (a) => {
      const v = arg(a, 0);
      if (Array.isArray(v)) return v;
      if (v instanceof RegoSet) return v.values();
      throw typeError(1, 'one of {array, set}', v);
    },
  },
  {
    name: 'cast_set',
    arity: 1,
    deprecated: true,
    fn: (a) => {
      const v = arg(a, 0);
      if (v instanceof RegoSet) return v;
      if (Array.isArray(v)) return new RegoSet(v);
      throw typeError(1, 'one of {array, set}', v);
    },
  },
  { name: 're_match', arity: 2, deprecated: true, fn: (a) => compileRE2(str(a, 0)).test(str(a, 1)) },
  {
    name: 'set_diff',
    arity: 2,
    deprecated: true,
    fn: (a) => {
      const y = set(a, 1);
      return new RegoSet(set(a, 0).values().filter((v) => !y.has(v)));
    },
  },
  { name: 'net.cidr_overlap', arity: 2, deprecated: true, fn: cidrContains.fn },
];
