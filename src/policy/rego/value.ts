/**
 * Rego values. JSON values are used as-is (plain JS arrays/objects from JSON.parse),
 * so `input` needs no conversion. Only what JSON cannot express has its own class:
 * `RegoSet` and `RegoObject` (an object with at least one non-string key).
 */

export type Value = null | boolean | number | string | Value[] | RegoSet | RegoObject | JsonObject;
export interface JsonObject {
  [key: string]: Value;
}

/** Hash key of a value: primitives map to themselves, composites to a canonical string. */
export type HashKey = string | number | boolean | null;

const COMPOSITE = '\u0001';

export function hashKey(v: Value): HashKey {
  if (typeof v === 'string') return v.charCodeAt(0) === 1 ? COMPOSITE + 's' + v : v;
  if (v === null || typeof v !== 'object') return v;
  return COMPOSITE + canon(v);
}

/** Canonical text of a value (sorted keys; independent of insertion order). */
export function canon(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return numKey(v);
    case 'string':
      return JSON.stringify(v);
  }
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) {
      if (i) s += ',';
      s += canon(v[i] as Value);
    }
    return s + ']';
  }
  if (v instanceof RegoSet) {
    const parts = v.values().map(canon);
    parts.sort();
    return 'set(' + parts.join(',') + ')';
  }
  if (v instanceof RegoObject) {
    const parts = v.entries().map(([k, x]) => canon(k) + ':' + canon(x));
    parts.sort();
    return '{' + parts.join(',') + '}';
  }
  const keys = Object.keys(v).sort();
  let s = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (i) s += ',';
    s += JSON.stringify(k) + ':' + canon(v[k] as Value);
  }
  return s + '}';
}

function numKey(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

export class RegoSet {
  private readonly map = new Map<HashKey, Value>();
  private sortedCache: Value[] | undefined;
  constructor(items?: Iterable<Value>) {
    if (items) for (const x of items) this.add(x);
  }
  add(v: Value): void {
    const k = hashKey(v);
    if (!this.map.has(k)) {
      this.map.set(k, v);
      this.sortedCache = undefined;
    }
  }
  has(v: Value): boolean {
    return this.map.has(hashKey(v));
  }
  get size(): number {
    return this.map.size;
  }
  /** Elements in Rego's sort order. */
  values(): Value[] {
    if (!this.sortedCache) {
      this.sortedCache = [...this.map.values()].sort(compare);
    }
    return this.sortedCache;
  }
}

export class RegoObject {
  private readonly map = new Map<HashKey, [Value, Value]>();
  private sortedCache: [Value, Value][] | undefined;
  set(k: Value, v: Value): void {
    this.map.set(hashKey(k), [k, v]);
    this.sortedCache = undefined;
  }
  get(k: Value): Value | undefined {
    const e = this.map.get(hashKey(k));
    return e ? e[1] : undefined;
  }
  get size(): number {
    return this.map.size;
  }
  /** Entries sorted by key. */
  entries(): [Value, Value][] {
    if (!this.sortedCache) this.sortedCache = [...this.map.values()].sort((a, b) => compare(a[0], b[0]));
    return this.sortedCache;
  }
}

/** Build objects: plain JSON objects while all keys are strings. */
export class ObjectBuilder {
  private plain: JsonObject | undefined = {};
  private general: RegoObject | undefined;
  set(k: Value, v: Value): void {
    if (this.plain && typeof k === 'string') {
      defineKey(this.plain, k, v);
      return;
    }
    if (this.plain) {
      this.general = new RegoObject();
      for (const key of Object.keys(this.plain)) this.general.set(key, this.plain[key] as Value);
      this.plain = undefined;
    }
    (this.general as RegoObject).set(k, v);
  }
  get(k: Value): Value | undefined {
    if (this.plain) return typeof k === 'string' && Object.hasOwn(this.plain, k) ? this.plain[k] : undefined;
    return (this.general as RegoObject).get(k);
  }
  build(): Value {
    return this.plain ?? (this.general as RegoObject);
  }
}

/** Set a key on a plain object safely (also for `__proto__`). */
export function defineKey(o: JsonObject, k: string, v: Value): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

export function isPlainObject(v: Value | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RegoSet) && !(v instanceof RegoObject);
}
export function isObject(v: Value | undefined): v is JsonObject | RegoObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RegoSet);
}
export function isSet(v: Value | undefined): v is RegoSet {
  return v instanceof RegoSet;
}

export function typeName(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
  }
  if (Array.isArray(v)) return 'array';
  if (v instanceof RegoSet) return 'set';
  return 'object';
}

function typeRank(v: Value): number {
  if (v === null) return 0;
  switch (typeof v) {
    case 'boolean':
      return 1;
    case 'number':
      return 2;
    case 'string':
      return 3;
  }
  if (Array.isArray(v)) return 4;
  if (v instanceof RegoSet) return 6;
  return 5;
}

/** Object lookup for any object representation. */
export function objGet(o: JsonObject | RegoObject, k: Value): Value | undefined {
  if (o instanceof RegoObject) return o.get(k);
  if (typeof k !== 'string') return undefined;
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

/** Sorted object entries. */
export function objEntries(o: JsonObject | RegoObject): [Value, Value][] {
  if (o instanceof RegoObject) return o.entries();
  const keys = Object.keys(o).sort(compareStrings);
  const out: [Value, Value][] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out[i] = [k, o[k] as Value];
  }
  return out;
}

export function objKeys(o: JsonObject | RegoObject): Value[] {
  if (o instanceof RegoObject) return o.entries().map((e) => e[0]);
  return Object.keys(o).sort(compareStrings);
}

export function objSize(o: JsonObject | RegoObject): number {
  if (o instanceof RegoObject) return o.size;
  return Object.keys(o).length;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total order of Rego values (null < boolean < number < string < array < object < set). */
export function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  const ta = typeRank(a);
  const tb = typeRank(b);
  if (ta !== tb) return ta - tb;
  switch (ta) {
    case 0:
      return 0;
    case 1:
      return a === b ? 0 : a ? 1 : -1;
    case 2:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 3:
      return compareStrings(a as string, b as string);
    case 4: {
      const x = a as Value[];
      const y = b as Value[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compare(x[i] as Value, y[i] as Value);
        if (c) return c;
      }
      return x.length - y.length;
    }
    case 5: {
      const x = objEntries(a as JsonObject | RegoObject);
      const y = objEntries(b as JsonObject | RegoObject);
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const [ka, va] = x[i] as [Value, Value];
        const [kb, vb] = y[i] as [Value, Value];
        const c = compare(ka, kb) || compare(va, vb);
        if (c) return c;
      }
      return x.length - y.length;
    }
    default: {
      const x = (a as RegoSet).values();
      const y = (b as RegoSet).values();
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compare(x[i] as Value, y[i] as Value);
        if (c) return c;
      }
      return x.length - y.length;
    }
  }
}

export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i] as Value, b[i] as Value)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof RegoSet) {
    if (!(b instanceof RegoSet) || a.size !== b.size) return false;
    for (const x of a.values()) if (!b.has(x)) return false;
    return true;
  }
  if (b instanceof RegoSet) return false;
  if (a instanceof RegoObject || b instanceof RegoObject) {
    if (objSize(a) !== objSize(b)) return false;
    for (const [k, v] of objEntries(a)) {
      const w = objGet(b, k);
      if (w === undefined || !equal(v, w)) return false;
    }
    return true;
  }
  let n = 0;
  for (const k in a) {
    if (!Object.hasOwn(a, k)) continue;
    n++;
    if (!Object.hasOwn(b, k) || !equal(a[k] as Value, b[k] as Value)) return false;
  }
  return n === Object.keys(b).length;
}

/** Convert a value to JSON-compatible data: sets become sorted arrays, non-string keys are stringified. */
export function toJSON(v: Value): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toJSON);
  if (v instanceof RegoSet) return v.values().map(toJSON);
  const out: Record<string, unknown> = {};
  for (const [k, x] of objEntries(v)) {
    const ks = typeof k === 'string' ? k : JSON.stringify(toJSON(k));
    Object.defineProperty(out, ks, { value: toJSON(x), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Convert JSON-like data (e.g. from YAML) into a Value. Only needed for non-JSON inputs. */
export function fromJS(x: unknown): Value {
  if (x === null || x === undefined) return null;
  if (typeof x === 'boolean' || typeof x === 'number' || typeof x === 'string') return x;
  if (typeof x === 'bigint') return Number(x);
  if (Array.isArray(x)) return x.map(fromJS);
  if (x instanceof Set) return new RegoSet([...x].map(fromJS));
  if (x instanceof Map) {
    const b = new ObjectBuilder();
    for (const [k, v] of x) b.set(String(k), fromJS(v));
    return b.build();
  }
  if (x instanceof Date) return x.toISOString();
  const o: JsonObject = {};
  for (const k of Object.keys(x)) defineKey(o, k, fromJS((x as Record<string, unknown>)[k]));
  return o;
}
