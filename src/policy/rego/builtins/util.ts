/** Operand helpers and error constructors for builtins. */
import { BuiltinError } from '../errors.js';
import type { JsonObject, RegoObject, Value } from '../value.js';
import { RegoSet, isObject, typeName } from '../value.js';

export function typeError(pos: number, expected: string, got: Value): BuiltinError {
  return new BuiltinError(`operand ${pos} must be ${expected} but got ${typeName(got)}`, 'eval_type_error');
}

export function fail(msg: string): never {
  throw new BuiltinError(msg, 'eval_builtin_error');
}

export function arg(args: Value[], i: number): Value {
  return args[i] as Value;
}

export function num(args: Value[], i: number): number {
  const v = args[i] as Value;
  if (typeof v !== 'number') throw typeError(i + 1, 'number', v);
  return v;
}

export function int(args: Value[], i: number): number {
  const n = num(args, i);
  if (!Number.isInteger(n)) throw new BuiltinError(`operand ${i + 1} must be integer number but got floating-point number`, 'eval_type_error');
  return n;
}

export function str(args: Value[], i: number): string {
  const v = args[i] as Value;
  if (typeof v !== 'string') throw typeError(i + 1, 'string', v);
  return v;
}

export function bool(args: Value[], i: number): boolean {
  const v = args[i] as Value;
  if (typeof v !== 'boolean') throw typeError(i + 1, 'boolean', v);
  return v;
}

export function arr(args: Value[], i: number): Value[] {
  const v = args[i] as Value;
  if (!Array.isArray(v)) throw typeError(i + 1, 'array', v);
  return v;
}

export function set(args: Value[], i: number): RegoSet {
  const v = args[i] as Value;
  if (!(v instanceof RegoSet)) throw typeError(i + 1, 'set', v);
  return v;
}

export function obj(args: Value[], i: number): JsonObject | RegoObject {
  const v = args[i] as Value;
  if (!isObject(v)) throw typeError(i + 1, 'object', v);
  return v;
}

/** Elements of an array or set operand. */
export function arrOrSet(args: Value[], i: number, expected = 'one of {array, set}'): Value[] {
  const v = args[i] as Value;
  if (Array.isArray(v)) return v;
  if (v instanceof RegoSet) return v.values();
  throw typeError(i + 1, expected, v);
}

/** Strings of a string, array or set operand. */
export function strings(args: Value[], i: number): string[] {
  const v = args[i] as Value;
  if (typeof v === 'string') return [v];
  const items = Array.isArray(v) ? v : v instanceof RegoSet ? v.values() : undefined;
  if (!items) throw typeError(i + 1, 'one of {string, set, array}', v);
  return items.map((x) => {
    if (typeof x !== 'string')
      throw new BuiltinError(`operand ${i + 1} must be array of strings but got array containing ${typeName(x)}`, 'eval_type_error');
    return x;
  });
}

/** Go-like UTF-8 aware helpers: Rego strings index by code points in most builtins. */
export function codePoints(s: string): string[] {
  return Array.from(s);
}
