/** Object builtins and JSON path filtering. */
import { BuiltinError } from '../errors.js';
import type { JsonObject, RegoObject, Value } from '../value.js';
import { ObjectBuilder, RegoSet, equal, isObject, objEntries, objGet, typeName } from '../value.js';
import type { BuiltinDef } from './types.js';
import { arg, arr, fail, obj, typeError } from './util.js';

type Obj = JsonObject | RegoObject;

function lookup(v: Value | undefined, k: Value): Value | undefined {
  if (v === undefined || v === null || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) return typeof k === 'number' && Number.isInteger(k) && k >= 0 ? v[k] : undefined;
  if (v instanceof RegoSet) return v.has(k) ? k : undefined;
  return objGet(v, k);
}

function unionObj(a: Obj, b: Obj): Value {
  const out = new ObjectBuilder();
  for (const [k, v] of objEntries(a)) out.set(k, v);
  for (const [k, v] of objEntries(b)) {
    const cur = out.get(k);
    if (cur !== undefined && isObject(cur) && isObject(v)) out.set(k, unionObj(cur, v));
    else out.set(k, v);
  }
  return out.build();
}

function keysOf(args: Value[], i: number): Value[] {
  const v = arg(args, i);
  if (Array.isArray(v)) return v;
  if (v instanceof RegoSet) return v.values();
  if (isObject(v)) return objEntries(v).map((e) => e[0]);
  throw typeError(i + 1, 'one of {object, set, array}', v);
}

function isSubset(sup: Value, sub: Value): boolean {
  if (isObject(sup) && isObject(sub)) {
    for (const [k, v] of objEntries(sub)) {
      const s = objGet(sup, k);
      if (s === undefined || !isSubset(s, v)) return false;
    }
    return true;
  }
  if (sup instanceof RegoSet && sub instanceof RegoSet) return sub.values().every((x) => sup.has(x));
  if (Array.isArray(sup) && Array.isArray(sub)) {
    // sub must be a contiguous subsequence
    if (sub.length === 0) return true;
    for (let i = 0; i + sub.length <= sup.length; i++) {
      let ok = true;
      for (let j = 0; j < sub.length; j++) if (!equal(sup[i + j] as Value, sub[j] as Value)) { ok = false; break; }
      if (ok) return true;
    }
    return false;
  }
  if (Array.isArray(sup) && sub instanceof RegoSet) return sub.values().every((x) => sup.some((y) => equal(x, y)));
  return equal(sup, sub);
}

/** Parse json.filter/json.remove paths into segment arrays. */
function parsePaths(v: Value): Value[][] {
  let items: Value[];
  if (Array.isArray(v)) items = v;
  else if (v instanceof RegoSet) items = v.values();
  else throw typeError(2, 'one of {set, array}', v);
  return items.map((p) => {
    if (typeof p === 'string') {
      const t = p.replace(/^\/+/, '');
      return t === '' ? [] : t.split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    }
    if (Array.isArray(p)) return p;
    throw new BuiltinError(
      `operand 2 must be one of {set, array} containing string paths or array of path segments but got ${typeName(p)}`,
      'eval_type_error',
    );
  });
}

interface PathTrie {
  end: boolean;
  kids: Map<string, [Value, PathTrie]>;
}

function buildTrie(paths: Value[][]): PathTrie {
  const root: PathTrie = { end: false, kids: new Map() };
  for (const p of paths) {
    let n = root;
    if (p.length === 0) n.end = true;
    for (let i = 0; i < p.length; i++) {
      const seg = p[i] as Value;
      const key = JSON.stringify(typeof seg === 'string' ? seg : seg);
      let c = n.kids.get(key);
      if (!c) n.kids.set(key, (c = [seg, { end: false, kids: new Map() }]));
      n = c[1];
      if (i === p.length - 1) n.end = true;
    }
  }
  return root;
}

function segMatches(seg: Value, key: Value): boolean {
  if (equal(seg, key)) return true;
  if (typeof seg === 'string' && typeof key === 'number') return seg === String(key);
  return false;
}

function filterValue(v: Value, t: PathTrie): Value | undefined {
  if (t.end) return v;
  if (isObject(v)) {
    const out = new ObjectBuilder();
    for (const [k, x] of objEntries(v)) {
      for (const [seg, sub] of t.kids.values()) {
        if (segMatches(seg, k)) {
          const f = filterValue(x, sub);
          if (f !== undefined) out.set(k, f);
        }
      }
    }
    return out.build();
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      for (const [seg, sub] of t.kids.values()) {
        if (segMatches(seg, i)) {
          const f = filterValue(x, sub);
          if (f !== undefined) out.push(f);
        }
      }
    });
    return out;
  }
  if (v instanceof RegoSet) {
    const out = new RegoSet();
    for (const x of v.values()) {
      for (const [seg, sub] of t.kids.values()) {
        if (segMatches(seg, x)) {
          const f = filterValue(x, sub);
          if (f !== undefined) out.add(f);
        }
      }
    }
    return out;
  }
  return undefined;
}

function removeValue(v: Value, t: PathTrie): Value | undefined {
  if (t.end) return undefined;
  if (t.kids.size === 0) return v;
  const subFor = (k: Value): PathTrie | undefined => {
    for (const [seg, sub] of t.kids.values()) if (segMatches(seg, k)) return sub;
    return undefined;
  };
  if (isObject(v)) {
    const out = new ObjectBuilder();
    for (const [k, x] of objEntries(v)) {
      const sub = subFor(k);
      if (!sub) out.set(k, x);
      else {
        const r = removeValue(x, sub);
        if (r !== undefined) out.set(k, r);
      }
    }
    return out.build();
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const sub = subFor(i);
      if (!sub) out.push(x);
      else {
        const r = removeValue(x, sub);
        if (r !== undefined) out.push(r);
      }
    });
    return out;
  }
  if (v instanceof RegoSet) {
    const out = new RegoSet();
    for (const x of v.values()) {
      const sub = subFor(x);
      if (!sub) out.add(x);
      else {
        const r = removeValue(x, sub);
        if (r !== undefined) out.add(r);
      }
    }
    return out;
  }
  return v;
}

// JSON patch (RFC 6902) over Rego values.
function patchPath(p: Value): Value[] {
  if (Array.isArray(p)) return p;
  if (typeof p !== 'string') fail('invalid patch path');
  if (p === '') return [];
  return p
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Array index of a patch path segment: a number or a canonical decimal string. */
function idx(seg: Value): number {
  if (typeof seg === 'number') return Number.isInteger(seg) ? seg : NaN;
  if (typeof seg === 'string' && /^(0|[1-9][0-9]*)$/.test(seg)) return Number(seg);
  return NaN;
}

function getAt(doc: Value, path: Value[]): Value | undefined {
  let cur: Value | undefined = doc;
  for (const seg of path) {
    if (cur === undefined) return undefined;
    if (Array.isArray(cur)) {
      const i = idx(seg);
      if (!Number.isInteger(i)) return undefined;
      cur = cur[i];
    } else cur = lookup(cur, seg);
  }
  return cur;
}

function updateAt(doc: Value, path: Value[], f: (parent: Value, key: Value) => Value | undefined): Value | undefined {
  if (path.length === 0) return undefined;
  const [head, ...rest] = path as [Value, ...Value[]];
  if (rest.length === 0) return f(doc, head);
  const child = Array.isArray(doc) ? doc[idx(head)] : lookup(doc, head);
  if (child === undefined) return undefined;
  const nc = updateAt(child, rest, f);
  if (nc === undefined) return undefined;
  if (Array.isArray(doc)) {
    const c = [...doc];
    c[idx(head)] = nc;
    return c;
  }
  if (isObject(doc)) {
    const b = new ObjectBuilder();
    for (const [k, v] of objEntries(doc)) b.set(k, v);
    b.set(head, nc);
    return b.build();
  }
  if (doc instanceof RegoSet) return new RegoSet([...doc.values().filter((x) => !equal(x, head)), nc]);
  return undefined;
}

function addOp(doc: Value, path: Value[], value: Value): Value | undefined {
  if (path.length === 0) return value;
  return updateAt(doc, path, (parent, key) => {
    if (Array.isArray(parent)) {
      const c = [...parent];
      if (key === '-') c.push(value);
      else {
        const i = idx(key);
        if (!Number.isInteger(i) || i < 0 || i > c.length) return undefined;
        c.splice(i, 0, value);
      }
      return c;
    }
    if (parent instanceof RegoSet) {
      if (!equal(key, value)) return undefined;
      const s = new RegoSet(parent.values());
      s.add(value);
      return s;
    }
    if (isObject(parent)) {
      const b = new ObjectBuilder();
      for (const [k, v] of objEntries(parent)) b.set(k, v);
      b.set(key, value);
      return b.build();
    }
    return undefined;
  });
}

function removeOp(doc: Value, path: Value[]): Value | undefined {
  return updateAt(doc, path, (parent, key) => {
    if (Array.isArray(parent)) {
      const i = idx(key);
      if (!Number.isInteger(i) || i < 0 || i >= parent.length) return undefined;
      const c = [...parent];
      c.splice(i, 1);
      return c;
    }
    if (parent instanceof RegoSet) {
      if (!parent.has(key)) return undefined;
      return new RegoSet(parent.values().filter((x) => !equal(x, key)));
    }
    if (isObject(parent)) {
      if (objGet(parent, key) === undefined) return undefined;
      const b = new ObjectBuilder();
      for (const [k, v] of objEntries(parent)) if (!equal(k, key)) b.set(k, v);
      return b.build();
    }
    return undefined;
  });
}

function jsonPatch(doc: Value, ops: Value[]): Value | undefined {
  let cur: Value | undefined = doc;
  for (const op of ops) {
    if (cur === undefined) return undefined;
    if (!isObject(op)) fail('invalid patch operation');
    const kind = objGet(op, 'op');
    const pathV = objGet(op, 'path');
    if (typeof kind !== 'string' || pathV === undefined) fail('invalid patch operation');
    const path = patchPath(pathV);
    const needsValue = kind === 'add' || kind === 'replace' || kind === 'test';
    if (needsValue && objGet(op, 'value') === undefined) return undefined;
    if ((kind === 'move' || kind === 'copy') && objGet(op, 'from') === undefined) return undefined;
    switch (kind) {
      case 'add':
        cur = addOp(cur, path, objGet(op, 'value') ?? null);
        break;
      case 'remove':
        cur = removeOp(cur, path);
        break;
      case 'replace': {
        const r = removeOp(cur, path);
        cur = r === undefined ? undefined : addOp(r, path, objGet(op, 'value') ?? null);
        if (path.length === 0) cur = objGet(op, 'value') ?? null;
        break;
      }
      case 'move':
      case 'copy': {
        const from = patchPath(objGet(op, 'from') ?? '');
        const v = getAt(cur, from);
        if (v === undefined) return undefined;
        if (kind === 'move') {
          cur = removeOp(cur, from);
          if (cur === undefined) return undefined;
        }
        cur = addOp(cur, path, v);
        break;
      }
      case 'test': {
        const v = getAt(cur, path);
        if (v === undefined || !equal(v, objGet(op, 'value') ?? null)) return undefined;
        break;
      }
      default:
        fail(`unknown patch operation ${kind}`);
    }
  }
  return cur;
}

export const objectBuiltins: BuiltinDef[] = [
  {
    name: 'object.get',
    arity: 3,
    fn: (a) => {
      const o = arg(a, 0);
      if (!isObject(o)) throw typeError(1, 'object', o);
      const k = arg(a, 1);
      const d = arg(a, 2);
      if (Array.isArray(k)) {
        let cur: Value | undefined = o;
        for (const seg of k) {
          cur = lookup(cur, seg);
          if (cur === undefined) return d;
        }
        return cur;
      }
      const v = objGet(o, k);
      return v === undefined ? d : v;
    },
  },
  { name: 'object.keys', arity: 1, fn: (a) => new RegoSet(objEntries(obj(a, 0)).map((e) => e[0])) },
  {
    name: 'object.union',
    arity: 2,
    fn: (a) => unionObj(obj(a, 0), obj(a, 1)),
  },
  {
    name: 'object.union_n',
    arity: 1,
    fn: (a) => {
      const xs = arr(a, 0);
      let cur: Value = {};
      for (const x of xs) {
        if (!isObject(x)) throw new BuiltinError('operand 1 must be array of objects', 'eval_type_error');
        cur = unionObj(cur as Obj, x);
      }
      return cur;
    },
  },
  {
    name: 'object.remove',
    arity: 2,
    fn: (a) => {
      const o = obj(a, 0);
      const ks = keysOf(a, 1);
      const rm = new RegoSet(ks);
      const b = new ObjectBuilder();
      for (const [k, v] of objEntries(o)) if (!rm.has(k)) b.set(k, v);
      return b.build();
    },
  },
  {
    name: 'object.filter',
    arity: 2,
    fn: (a) => {
      const o = obj(a, 0);
      const keep = new RegoSet(keysOf(a, 1));
      const b = new ObjectBuilder();
      for (const [k, v] of objEntries(o)) if (keep.has(k)) b.set(k, v);
      return b.build();
    },
  },
  {
    name: 'object.subset',
    arity: 2,
    fn: (a) => {
      const sup = arg(a, 0);
      const sub = arg(a, 1);
      const ok = (v: Value): boolean => isObject(v) || Array.isArray(v) || v instanceof RegoSet;
      if (!ok(sup)) throw typeError(1, 'one of {object, set, array}', sup);
      if (!ok(sub)) throw typeError(2, 'one of {object, set, array}', sub);
      if (isObject(sup) !== isObject(sub)) {
        if (isObject(sup) || isObject(sub)) return false;
      }
      return isSubset(sup, sub);
    },
  },
  {
    name: 'json.filter',
    arity: 2,
    fn: (a) => {
      const o = obj(a, 0);
      const paths = parsePaths(arg(a, 1));
      return filterValue(o, buildTrie(paths)) ?? {};
    },
  },
  {
    name: 'json.remove',
    arity: 2,
    fn: (a) => {
      const o = obj(a, 0);
      const paths = parsePaths(arg(a, 1));
      return removeValue(o, buildTrie(paths)) ?? {};
    },
  },
  { name: 'json.patch', arity: 2, fn: (a) => jsonPatch(arg(a, 0), arr(a, 1)) },
];
