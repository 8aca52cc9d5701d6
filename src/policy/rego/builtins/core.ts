/** Comparison, arithmetic, aggregates, sets, arrays, types. */
import { BuiltinError } from '../errors.js';
import type { Value } from '../value.js';
import { RegoSet, compare, equal, isObject, objEntries, objSize, typeName } from '../value.js';
import type { BuiltinDef } from './types.js';
import { arg, arr, arrOrSet, fail, int, num, set, typeError } from './util.js';

function member(x: Value, c: Value): boolean {
  if (Array.isArray(c)) {
    for (const y of c) if (equal(x, y)) return true;
    return false;
  }
  if (c instanceof RegoSet) return c.has(x);
  if (isObject(c)) {
    for (const [, v] of objEntries(c)) if (equal(x, v)) return true;
  }
  return false;
}

function memberKV(k: Value, v: Value, c: Value): boolean {
  if (Array.isArray(c)) {
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= c.length) return false;
    return equal(c[k] as Value, v);
  }
  if (c instanceof RegoSet) return equal(k, v) && c.has(k);
  if (isObject(c)) {
    for (const [kk, vv] of objEntries(c)) if (equal(kk, k) && equal(vv, v)) return true;
  }
  return false;
}

function checkNum(n: number): number {
  if (!Number.isFinite(n)) fail('result is not a finite number');
  return n;
}

function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function numOrSet(args: Value[], i: number): number | RegoSet {
  const v = args[i] as Value;
  if (typeof v === 'number' || v instanceof RegoSet) return v;
  throw typeError(i + 1, 'one of {number, set}', v);
}

export const coreBuiltins: BuiltinDef[] = [
  { name: 'equal', arity: 2, fn: (a) => equal(arg(a, 0), arg(a, 1)) },
  { name: 'neq', arity: 2, fn: (a) => !equal(arg(a, 0), arg(a, 1)) },
  { name: 'lt', arity: 2, fn: (a) => compare(arg(a, 0), arg(a, 1)) < 0 },
  { name: 'lte', arity: 2, fn: (a) => compare(arg(a, 0), arg(a, 1)) <= 0 },
  { name: 'gt', arity: 2, fn: (a) => compare(arg(a, 0), arg(a, 1)) > 0 },
  { name: 'gte', arity: 2, fn: (a) => compare(arg(a, 0), arg(a, 1)) >= 0 },
  { name: 'internal.member_2', arity: 2, fn: (a) => member(arg(a, 0), arg(a, 1)) },
  { name: 'internal.member_3', arity: 3, fn: (a) => memberKV(arg(a, 0), arg(a, 1), arg(a, 2)) },

  { name: 'plus', arity: 2, fn: (a) => checkNum(num(a, 0) + num(a, 1)) },
  {
    name: 'minus',
    arity: 2,
    fn: (a) => {
      const x = numOrSet(a, 0);
      const y = numOrSet(a, 1);
      if (typeof x === 'number') {
        if (typeof y !== 'number') throw typeError(2, 'number', y);
        return checkNum(x - y);
      }
      if (!(y instanceof RegoSet)) throw typeError(2, 'set', y);
      return new RegoSet(x.values().filter((v) => !y.has(v)));
    },
  },
  { name: 'mul', arity: 2, fn: (a) => checkNum(num(a, 0) * num(a, 1)) },
  {
    name: 'div',
    arity: 2,
    fn: (a) => {
      const x = num(a, 0);
      const y = num(a, 1);
      if (y === 0) fail('divide by zero');
      return checkNum(x / y);
    },
  },
  {
    name: 'rem',
    arity: 2,
    fn: (a) => {
      const x = num(a, 0);
      const y = num(a, 1);
      if (!Number.isInteger(x) || !Number.isInteger(y)) fail('modulo on floating-point number');
      if (y === 0) fail('modulo by zero');
      const r = x % y;
      return r === 0 ? 0 : r;
    },
  },
  { name: 'abs', arity: 1, fn: (a) => Math.abs(num(a, 0)) },
  { name: 'round', arity: 1, fn: (a) => goRound(num(a, 0)) },
  { name: 'ceil', arity: 1, fn: (a) => Math.ceil(num(a, 0)) },
  { name: 'floor', arity: 1, fn: (a) => Math.floor(num(a, 0)) },
  {
    name: 'numbers.range',
    arity: 2,
    fn: (a) => {
      const x = int(a, 0);
      const y = int(a, 1);
      const out: number[] = [];
      if (Math.abs(y - x) > 1e7) fail('range too large');
      if (x <= y) for (let i = x; i <= y; i++) out.push(i);
      else for (let i = x; i >= y; i--) out.push(i);
      return out;
    },
  },
  {
    name: 'numbers.range_step',
    arity: 3,
    fn: (a) => {
      const x = int(a, 0);
      const y = int(a, 1);
      const s = num(a, 2);
      if (!Number.isInteger(s) || s <= 0) fail('step must be a positive integer');
      const out: number[] = [];
      if (x <= y) for (let i = x; i <= y; i += s) out.push(i);
      else for (let i = x; i >= y; i -= s) out.push(i);
      return out;
    },
  },
  // set operators
  {
    name: 'and',
    arity: 2,
    fn: (a) => {
      const x = set(a, 0);
      const y = set(a, 1);
      return new RegoSet(x.values().filter((v) => y.has(v)));
    },
  },
  {
    name: 'or',
    arity: 2,
    fn: (a) => {
      const x = set(a, 0);
      const y = set(a, 1);
      return new RegoSet([...x.values(), ...y.values()]);
    },
  },
  {
    name: 'intersection',
    arity: 1,
    fn: (a) => {
      const sets = set(a, 0).values();
      if (sets.length === 0) return new RegoSet();
      for (const s of sets) if (!(s instanceof RegoSet)) throw new BuiltinError('operand 1 must be set of sets', 'eval_type_error');
      let cur = (sets[0] as RegoSet).values();
      for (const s of sets.slice(1)) cur = cur.filter((v) => (s as RegoSet).has(v));
      return new RegoSet(cur);
    },
  },
  {
    name: 'union',
    arity: 1,
    fn: (a) => {
      const out = new RegoSet();
      for (const s of set(a, 0).values()) {
        if (!(s instanceof RegoSet)) throw new BuiltinError('operand 1 must be set of sets', 'eval_type_error');
        for (const v of s.values()) out.add(v);
      }
      return out;
    },
  },

  // aggregates
  {
    name: 'count',
    arity: 1,
    fn: (a) => {
      const v = arg(a, 0);
      if (typeof v === 'string') return Array.from(v).length;
      if (Array.isArray(v)) return v.length;
      if (v instanceof RegoSet) return v.size;
      if (isObject(v)) return objSize(v);
      throw typeError(1, 'one of {array, object, set, string}', v);
    },
  },
  {
    name: 'sum',
    arity: 1,
    fn: (a) => {
      let s = 0;
      for (const x of arrOrSet(a, 0)) {
        if (typeof x !== 'number') throw new BuiltinError('operand 1 must be one of {set, array} containing numbers', 'eval_type_error');
        s += x;
      }
      return s;
    },
  },
  {
    name: 'product',
    arity: 1,
    fn: (a) => {
      let s = 1;
      for (const x of arrOrSet(a, 0)) {
        if (typeof x !== 'number') throw new BuiltinError('operand 1 must be one of {set, array} containing numbers', 'eval_type_error');
        s *= x;
      }
      return s;
    },
  },
  {
    name: 'max',
    arity: 1,
    fn: (a) => {
      const xs = arrOrSet(a, 0);
      if (xs.length === 0) return undefined;
      return xs.reduce((m, x) => (compare(x, m) > 0 ? x : m));
    },
  },
  {
    name: 'min',
    arity: 1,
    fn: (a) => {
      const xs = arrOrSet(a, 0);
      if (xs.length === 0) return undefined;
      return xs.reduce((m, x) => (compare(x, m) < 0 ? x : m));
    },
  },
  { name: 'sort', arity: 1, fn: (a) => [...arrOrSet(a, 0)].sort(compare) },

  // arrays
  { name: 'array.concat', arity: 2, fn: (a) => [...arr(a, 0), ...arr(a, 1)] },
  {
    name: 'array.slice',
    arity: 3,
    fn: (a) => {
      const xs = arr(a, 0);
      let s = int(a, 1);
      let e = int(a, 2);
      if (s < 0) s = 0;
      if (e > xs.length) e = xs.length;
      if (s >= e) return [];
      return xs.slice(s, e);
    },
  },
  { name: 'array.reverse', arity: 1, fn: (a) => [...arr(a, 0)].reverse() },
  {
    name: 'array.flatten',
    arity: 1,
    fn: (a) => {
      const out: Value[] = [];
      for (const x of arr(a, 0)) if (Array.isArray(x)) out.push(...x);
      else out.push(x);
      return out;
    },
  },

  // types
  { name: 'is_number', arity: 1, fn: (a) => typeof arg(a, 0) === 'number' },
  { name: 'is_string', arity: 1, fn: (a) => typeof arg(a, 0) === 'string' },
  { name: 'is_boolean', arity: 1, fn: (a) => typeof arg(a, 0) === 'boolean' },
  { name: 'is_array', arity: 1, fn: (a) => Array.isArray(arg(a, 0)) },
  { name: 'is_set', arity: 1, fn: (a) => arg(a, 0) instanceof RegoSet },
  { name: 'is_object', arity: 1, fn: (a) => isObject(arg(a, 0)) },
  { name: 'is_null', arity: 1, fn: (a) => arg(a, 0) === null },
  { name: 'type_name', arity: 1, fn: (a) => typeName(arg(a, 0)) },
];
