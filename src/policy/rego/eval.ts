/**
 * Top-down evaluator. Continuation-passing: every enumerator calls `k` for each
 * solution; a continuation returns `true` to stop the enumeration early.
 */
import type { Body, Expr, Loc, Term } from './ast.js';
import { getBuiltin } from './builtins/index.js';
import type { BuiltinContext } from './builtins/types.js';
import type { CompiledPolicySet, CompiledRule, TreeNode } from './compiler.js';
import { callArity } from './compiler.js';
import { BuiltinError, RegoEvalError } from './errors.js';
import type { HashKey, JsonObject, Value } from './value.js';
import {
  ObjectBuilder,
  RegoObject,
  RegoSet,
  compare,
  defineKey,
  equal,
  hashKey,
  isObject,
  isPlainObject,
  objEntries,
  objGet,
} from './value.js';
import { formatValue } from './builtins/format.js';
import { walkValue } from './builtins/misc.js';

type K = () => boolean;
type VK = (v: Value) => boolean;
type Frame = Map<string, Value>;

interface OvNode {
  value: Value | undefined;
  children: Map<string, OvNode>;
}

type FuncOverride = { kind: 'value'; value: Value } | { kind: 'builtin'; name: string } | { kind: 'func'; path: string[] };

interface State {
  input: Value | undefined;
  dataOv: OvNode | undefined;
  funcOv: Map<string, FuncOverride> | undefined;
  complete: Map<TreeNode, Value | null>;
  nodeVals: Map<TreeNode, Value | null>;
  keyVals: Map<TreeNode, Map<HashKey, Value | null>>;
  fnMemo: Map<TreeNode, Map<string, Value | null>>;
  /** Partial rules whose full extent raised an error: they are only ever evaluated key by key. */
  noMaterialize: Set<TreeNode>;
}

/**
 * After this many distinct key lookups into one partial rule, its full extent is computed once and
 * later lookups are answered from it: `edges_from[id]` for every node is then linear, not quadratic.
 */
const MATERIALIZE_AFTER_KEYS = 8;

/**
 * True when a keyed lookup into the node costs a full evaluation of one of its rules: then the
 * node is computed whole on the first lookup (same cost, and every later key is free).
 */
function lookupScansRule(node: TreeNode): boolean {
  return node.rules.some((r) => r.keyLifted);
}

const UNDEF_MARK = null;

/**
 * Comprehension indexing (as OPA does): `[n | some n in input.nodes; n.kind == k]` evaluated for
 * many values of the outer `k` scans the collection each time. When the body opens with an
 * iteration over a collection followed by an equality between a path into the element and a value
 * bound outside, the collection is indexed once by that path and each evaluation visits only the
 * matching elements, in the collection's own order. The rest of the body runs as before.
 */
interface ComprehensionPlan {
  /** The iteration's own key and value variables. */
  keyTerm: (Term & { type: 'var' }) | undefined;
  valueTerm: Term & { type: 'var' };
  coll: Term;
  /** The path into the element (`kind` for `n.kind`). */
  path: string[];
  /** The other side of the equality: a variable bound outside, or a scalar. */
  other: Term;
  /** Where the rest of the body starts (after the equality). */
  rest: number;
}

const plans = new WeakMap<Body, ComprehensionPlan | null>();

function elementPath(t: Term, valueVar: string): string[] | undefined {
  if (t.type !== 'ref' || t.head.type !== 'var' || t.head.name !== valueVar || t.path.length === 0) return undefined;
  const path: string[] = [];
  for (const p of t.path) {
    if (p.type !== 'string') return undefined;
    path.push(p.value);
  }
  return path;
}

function comprehensionPlan(body: Body): ComprehensionPlan | null {
  const cached = plans.get(body);
  if (cached !== undefined) return cached;
  let plan: ComprehensionPlan | null = null;
  let i = 0;
  while (i < body.length && (body[i] as Expr).e.k === 'some') i++;
  const it = body[i];
  const eq = body[i + 1];
  if (it && eq && it.e.k === 'somein' && !it.negated && it.withs.length === 0 && !eq.negated && eq.withs.length === 0) {
    const { value, key, coll } = it.e;
    const c = eq.e;
    // One collection value: a variable, or a reference without variables in its path.
    const single = coll.type === 'var' || (coll.type === 'ref' && coll.head.type === 'var' && coll.path.every((p) => p.type === 'string'));
    if (single && value.type === 'var' && (!key || key.type === 'var') && c.k === 'term' && c.term.type === 'call' && c.term.op === 'equal' && c.term.resolved?.kind === 'builtin' && c.term.args.length === 2) {
      const [a, b] = c.term.args as [Term, Term];
      const usable = (t: Term): boolean => (t.type === 'var' && t.name !== value.name && t.name !== key?.name) || t.type === 'string' || t.type === 'number' || t.type === 'bool' || t.type === 'null';
      const pa = elementPath(a, value.name);
      const pb = elementPath(b, value.name);
      const base = { keyTerm: key?.type === 'var' ? key : undefined, valueTerm: value, coll, rest: i + 2 };
      if (pa && usable(b)) plan = { ...base, path: pa, other: b };
      else if (pb && usable(a)) plan = { ...base, path: pb, other: a };
    }
  }
  plans.set(body, plan);
  return plan;
}

/** Collections smaller than this are scanned: an index would not pay for itself. */
const INDEX_MIN_SIZE = 64;

/** Per collection (by identity: values are immutable) and element path: uses so far, then the index. */
const comprehensionIndexes = new WeakMap<object, Map<string, number | Map<HashKey, [Value, Value][]>>>();

export interface EvalOptions {
  input?: Value;
  data?: Value;
  strictBuiltinErrors?: boolean;
  printSink?: (msg: string) => void;
  /** Evaluation time (ms since epoch or Date). */
  now?: number | Date;
  /** Abort with `eval_cancel_error` once evaluation has run this long (wall clock, per Evaluator). */
  timeoutMs?: number;
}

function newState(input: Value | undefined, dataOv: OvNode | undefined, funcOv: Map<string, FuncOverride> | undefined): State {
  return { input, dataOv, funcOv, complete: new Map(), nodeVals: new Map(), keyVals: new Map(), fnMemo: new Map(), noMaterialize: new Set() };
}

const NEEDS_EVAL = Symbol('needs-eval');

export class Evaluator {
  private state: State;
  private readonly set: CompiledPolicySet;
  private readonly base: Value | undefined;
  private readonly strict: boolean;
  private readonly bctx: BuiltinContext;
  private readonly ruleStack: CompiledRule[] = [];

  private readonly deadline: number;
  private steps = 0;

  constructor(set: CompiledPolicySet, opts: EvalOptions) {
    this.set = set;
    this.deadline = opts.timeoutMs === undefined ? Infinity : Date.now() + opts.timeoutMs;
    this.base = opts.data;
    this.strict = opts.strictBuiltinErrors ?? false;
    const nowMs = opts.now === undefined ? Date.now() : typeof opts.now === 'number' ? opts.now : opts.now.getTime();
    const sink = opts.printSink ?? ((): void => undefined);
    this.state = newState(opts.input, undefined, undefined);
    this.bctx = {
      nowNs: nowMs * 1e6,
      strict: this.strict,
      print: sink,
      metadataRule: () => this.metadataRule(),
      metadataChain: () => this.metadataChain(),
    };
  }

  /** Evaluate a compiled query body; returns the bindings of the given variables for each solution. */
  query(body: Body, vars: string[]): Map<string, Value>[] {
    const frame: Frame = new Map();
    const out: Map<string, Value>[] = [];
    this.evalBody(body, 0, frame, () => {
      const m = new Map<string, Value>();
      for (const v of vars) {
        const x = frame.get(v);
        if (x !== undefined) m.set(v, x);
      }
      out.push(m);
      return false;
    });
    return out;
  }

  // -------------------------------------------------------------------------
  // Bodies and expressions

  evalBody(body: Body, i: number, frame: Frame, k: K): boolean {
    if (i === body.length) return k();
    const e = body[i] as Expr;
    if (i === body.length - 1) return this.evalExpr(e, frame, k);
    return this.evalExpr(e, frame, () => this.evalBody(body, i + 1, frame, k));
  }

  private evalExpr(e: Expr, frame: Frame, k: K): boolean {
    if ((++this.steps & 0xfff) === 0 && this.deadline !== Infinity && Date.now() > this.deadline) {
      throw new RegoEvalError('eval_cancel_error', 'caller cancelled query execution (timeout)', e.loc);
    }
    if (e.withs.length) return this.evalWith(e, frame, k);
    if (e.negated) {
      if (this.evalExprCore(e, frame, () => true)) return false;
      return k();
    }
    return this.evalExprCore(e, frame, k);
  }

  private evalExprCore(e: Expr, frame: Frame, k: K): boolean {
    const x = e.e;
    switch (x.k) {
      case 'term':
        return this.evalTerm(x.term, frame, (v) => v !== false && k());
      case 'assign':
      case 'unify':
        return this.unify(x.lhs, x.rhs, frame, k);
      case 'some':
        return k();
      case 'somein':
        return this.evalTerm(x.coll, frame, (c) =>
          // `some x in s` with x already known, over a set: a membership test, not a scan.
          !x.key && c instanceof RegoSet && !this.hasUnbound(x.value, frame) && x.value.type !== 'ref'
            ? this.evalTerm(x.value, frame, (v) => c.has(v) && k())
            : this.iterate(c, (key, val) =>
                x.key ? this.unifyTV(x.key, key, frame, () => this.unifyTV(x.value, val, frame, k)) : this.unifyTV(x.value, val, frame, k),
              ),
        );
      case 'every':
        return this.evalTerm(x.coll, frame, (c) => {
          if (typeof c !== 'object' || c === null) return false;
          const ok = !this.iterate(c, (key, val) => {
            const found = x.key
              ? this.unifyTV(x.key, key, frame, () => this.unifyTV(x.value, val, frame, () => this.evalBody(x.body, 0, frame, () => true)))
              : this.unifyTV(x.value, val, frame, () => this.evalBody(x.body, 0, frame, () => true));
            return !found;
          });
          return ok && k();
        });
      case 'body':
        return this.evalBody(x.body, 0, frame, k);
      case 'or':
        for (const b of x.bodies) if (this.evalBody(b, 0, frame, () => true)) return k();
        return false;
    }
  }

  /** A comprehension body, through an index over its collection when the body allows (see ComprehensionPlan). */
  private evalComprehensionBody(body: Body, frame: Frame, k: K): boolean {
    const plan = comprehensionPlan(body);
    // `with equal as …` replaces the equality the index stands for: evaluate as written.
    if (!plan || this.state.funcOv?.has('equal') || frame.has(plan.valueTerm.name) || (plan.keyTerm !== undefined && frame.has(plan.keyTerm.name))) return this.evalBody(body, 0, frame, k);
    if (plan.other.type === 'var' && !frame.has(plan.other.name)) return this.evalBody(body, 0, frame, k);
    // The expressions before the iteration are `some x` declarations: nothing to evaluate.
    let handled = false;
    const stop = this.evalTerm(plan.coll, frame, (coll) => {
      const index = this.comprehensionIndex(coll, plan.path);
      if (!index) return false;
      handled = true;
      return this.evalTerm(plan.other, frame, (target) => {
        for (const [key, val] of index.get(hashKey(target)) ?? []) {
          const rest = (): boolean => this.unifyTV(plan.valueTerm, val, frame, () => this.evalBody(body, plan.rest, frame, k));
          if (plan.keyTerm !== undefined ? this.unifyTV(plan.keyTerm, key, frame, rest) : rest()) return true;
        }
        return false;
      });
    });
    return handled ? stop : this.evalBody(body, 0, frame, k);
  }

  /** The index of a collection by an element path, built on the second use (undefined before, or when small). */
  private comprehensionIndex(coll: Value, path: string[]): Map<HashKey, [Value, Value][]> | undefined {
    if (typeof coll !== 'object' || coll === null) return undefined;
    const size = Array.isArray(coll) ? coll.length : coll instanceof RegoSet || coll instanceof RegoObject ? coll.size : Object.keys(coll).length;
    if (size < INDEX_MIN_SIZE) return undefined;
    let byPath = comprehensionIndexes.get(coll);
    if (!byPath) comprehensionIndexes.set(coll, (byPath = new Map()));
    const pk = path.join('\u0000');
    const seen = byPath.get(pk);
    if (seen === undefined || typeof seen === 'number') {
      // The first evaluation scans as written: an index only pays from the second one on.
      if (seen === undefined) {
        byPath.set(pk, 1);
        return undefined;
      }
      const index = new Map<HashKey, [Value, Value][]>();
      this.iterate(coll, (key, val) => {
        let v: Value | undefined = val;
        for (const p of path) {
          v = lookup(v, p);
          if (v === undefined) return false;
        }
        const hk = hashKey(v);
        const list = index.get(hk);
        if (list) list.push([key, val]);
        else index.set(hk, [[key, val]]);
        return false;
      });
      byPath.set(pk, index);
      return index;
    }
    return seen;
  }

  /** Iterate a collection: arrays (index, value), objects (key, value), sets (elem, elem). */
  private iterate(c: Value, f: (k: Value, v: Value) => boolean): boolean {
    if (typeof c !== 'object' || c === null) return false;
    if (Array.isArray(c)) {
      for (let i = 0; i < c.length; i++) if (f(i, c[i] as Value)) return true;
      return false;
    }
    if (c instanceof RegoSet) {
      for (const x of c.values()) if (f(x, x)) return true;
      return false;
    }
    for (const [key, val] of objEntries(c)) if (f(key, val)) return true;
    return false;
  }

  private evalWith(e: Expr, frame: Frame, k: K): boolean {
    const vals: Value[] = [];
    const collect = (i: number): boolean => {
      if (i === e.withs.length) return this.applyWith(e, vals, frame, k);
      const w = e.withs[i] as Expr['withs'][number];
      const fo = this.funcRefOf(w.value);
      if (fo) {
        vals.push(null);
        const r = collect(i + 1);
        vals.pop();
        return r;
      }
      return this.evalTerm(w.value, frame, (v) => {
        vals.push(v);
        const r = collect(i + 1);
        vals.pop();
        return r;
      });
    };
    return collect(0);
  }

  private funcRefOf(t: Term): FuncOverride | undefined {
    if (t.type === 'call' && t.args.length === 0 && t.resolved?.kind === 'builtin') return { kind: 'builtin', name: t.resolved.name };
    if (t.type === 'ref' && t.head.type === 'var' && t.head.name === 'data') {
      const p: string[] = [];
      for (const x of t.path) {
        if (x.type !== 'string') return undefined;
        p.push(x.value);
      }
      const n = this.set.root.lookup(p);
      if (n && n.kind === 'func') return { kind: 'func', path: p };
    }
    return undefined;
  }

  private applyWith(e: Expr, vals: Value[], frame: Frame, k: K): boolean {
    const st = this.state;
    let input = st.input;
    let dataOv = st.dataOv ? cloneOv(st.dataOv) : undefined;
    let funcOv = st.funcOv;
    e.withs.forEach((w, i) => {
      const t = w.target;
      const fo = this.funcRefOf(w.value);
      const override: FuncOverride = fo ?? { kind: 'value', value: vals[i] as Value };
      if (t.type === 'call' && t.resolved?.kind === 'builtin') {
        funcOv = new Map(funcOv);
        funcOv.set(t.resolved.name, override);
        return;
      }
      const head = t.type === 'ref' ? t.head : t;
      const path: Value[] = [];
      if (t.type === 'ref') for (const p of t.path) path.push(constOf(p));
      if (head.type === 'var' && head.name === 'input') {
        input = path.length === 0 ? (vals[i] as Value) : setPath(input, path, vals[i] as Value);
        return;
      }
      const sp = path.map((p) => String(p));
      const node = this.set.root.lookup(sp);
      if (node && node.kind === 'func') {
        funcOv = new Map(funcOv);
        funcOv.set('data.' + sp.join('.'), override);
        return;
      }
      if (fo) throw new RegoEvalError('rego_compile_error', 'with keyword replacing data must not use a function value', w.loc);
      dataOv = dataOv ?? { value: undefined, children: new Map() };
      ovSet(dataOv, sp, vals[i] as Value);
    });
    const ns = newState(input, dataOv, funcOv);
    this.state = ns;
    try {
      const inner = (): boolean => {
        this.state = st;
        const r = k();
        this.state = ns;
        return r;
      };
      if (e.negated) {
        if (this.evalExprCore(e, frame, () => true)) return false;
        return inner();
      }
      return this.evalExprCore(e, frame, inner);
    } finally {
      this.state = st;
    }
  }

  // -------------------------------------------------------------------------
  // Unification

  /** Does the term contain unbound variables in pattern positions? */
  private hasUnbound(t: Term, frame: Frame): boolean {
    switch (t.type) {
      case 'var':
        return t.name !== 'input' && t.name !== 'data' && !frame.has(t.name);
      case 'array':
        for (const x of t.items) if (this.hasUnbound(x, frame)) return true;
        return false;
      case 'object':
        for (const [, v] of t.items) if (this.hasUnbound(v, frame)) return true;
        return false;
      default:
        return false;
    }
  }

  unify(a: Term, b: Term, frame: Frame, k: K): boolean {
    const ua = this.hasUnbound(a, frame);
    const ub = this.hasUnbound(b, frame);
    if (!ua) return this.evalTerm(a, frame, (va) => this.unifyTV(b, va, frame, k));
    if (!ub) return this.evalTerm(b, frame, (vb) => this.unifyTV(a, vb, frame, k));
    if (a.type === 'array' && b.type === 'array') {
      if (a.items.length !== b.items.length) return false;
      const step = (i: number): boolean => {
        if (i === a.items.length) return k();
        return this.unify(a.items[i] as Term, b.items[i] as Term, frame, () => step(i + 1));
      };
      return step(0);
    }
    if (a.type === 'object' && b.type === 'object') {
      if (a.items.length !== b.items.length) return false;
      // Match keys (must be ground).
      return this.evalTerms(
        a.items.map((x) => x[0]),
        frame,
        (ka) =>
          this.evalTerms(
            b.items.map((x) => x[0]),
            frame,
            (kb) => {
              const pairs: [Term, Term][] = [];
              for (let i = 0; i < ka.length; i++) {
                const j = kb.findIndex((x) => equal(x, ka[i] as Value));
                if (j < 0) return false;
                pairs.push([(a.items[i] as [Term, Term])[1], (b.items[j] as [Term, Term])[1]]);
              }
              const step = (i: number): boolean => {
                if (i === pairs.length) return k();
                const [x, y] = pairs[i] as [Term, Term];
                return this.unify(x, y, frame, () => step(i + 1));
              };
              return step(0);
            },
          ),
      );
    }
    if (a.type === 'var' && b.type === 'var') {
      throw new RegoEvalError('eval_internal_error', `unsafe unification of ${a.name} and ${b.name}`, a.loc);
    }
    // One side is a pattern with unbound vars, the other has unbound vars nested: try evaluating the simpler one.
    if (a.type === 'var') return false;
    return false;
  }

  /** Unify a term with a value. */
  unifyTV(t: Term, v: Value, frame: Frame, k: K): boolean {
    switch (t.type) {
      case 'var': {
        const name = t.name;
        const cur = frame.get(name);
        if (cur !== undefined) return equal(cur, v) && k();
        if (name === 'input' || name === 'data') return this.evalTerm(t, frame, (x) => equal(x, v) && k());
        frame.set(name, v);
        const r = k();
        frame.delete(name);
        return r;
      }
      case 'string':
      case 'number':
      case 'bool':
        return t.value === v && k();
      case 'null':
        return v === null && k();
      case 'array': {
        if (!Array.isArray(v) || v.length !== t.items.length) return false;
        const step = (i: number): boolean => {
          if (i === v.length) return k();
          return this.unifyTV(t.items[i] as Term, v[i] as Value, frame, () => step(i + 1));
        };
        return step(0);
      }
      case 'object': {
        if (!isObject(v)) return false;
        if ((v instanceof RegoObject ? v.size : Object.keys(v).length) !== t.items.length) return false;
        return this.evalTerms(
          t.items.map((x) => x[0]),
          frame,
          (keys) => {
            const step = (i: number): boolean => {
              if (i === keys.length) return k();
              const sub = objGet(v, keys[i] as Value);
              if (sub === undefined) return false;
              return this.unifyTV((t.items[i] as [Term, Term])[1], sub, frame, () => step(i + 1));
            };
            return step(0);
          },
        );
      }
      default:
        return this.evalTerm(t, frame, (x) => equal(x, v) && k());
    }
  }

  // -------------------------------------------------------------------------
  // Terms

  evalTerms(ts: Term[], frame: Frame, k: (vs: Value[]) => boolean): boolean {
    const out: Value[] = new Array(ts.length);
    // Fast path: scalars and bound vars.
    let simple = true;
    for (let i = 0; i < ts.length; i++) {
      const v = this.fastValue(ts[i] as Term, frame);
      if (v === NEEDS_EVAL) {
        simple = false;
        break;
      }
      if (v === undefined) return false;
      out[i] = v;
    }
    if (simple) return k(out);
    // Evaluate references and calls first: they may bind variables used by the others.
    const order: number[] = [];
    for (let i = 0; i < ts.length; i++) if ((ts[i] as Term).type !== 'var') order.push(i);
    for (let i = 0; i < ts.length; i++) if ((ts[i] as Term).type === 'var') order.push(i);
    const step = (j: number): boolean => {
      if (j === order.length) return k(out.slice());
      const i = order[j] as number;
      return this.evalTerm(ts[i] as Term, frame, (v) => {
        out[i] = v;
        return step(j + 1);
      });
    };
    return step(0);
  }

  private simpleValue(t: Term, frame: Frame): Value | typeof NEEDS_EVAL {
    switch (t.type) {
      case 'string':
      case 'number':
      case 'bool':
        return t.value;
      case 'null':
        return null;
      case 'var': {
        const v = frame.get(t.name);
        return v === undefined ? NEEDS_EVAL : v;
      }
      default:
        return NEEDS_EVAL;
    }
  }

  /** Value of scalars, bound vars and references without enumeration; undefined if the reference is undefined. */
  private fastValue(t: Term, frame: Frame): Value | undefined | typeof NEEDS_EVAL {
    switch (t.type) {
      case 'string':
      case 'number':
      case 'bool':
        return t.value;
      case 'null':
        return null;
      case 'var': {
        const v = frame.get(t.name);
        if (v !== undefined) return v;
        return t.name === 'input' ? this.state.input : NEEDS_EVAL;
      }
      case 'ref': {
        const h = t.head;
        if (h.type !== 'var') return NEEDS_EVAL;
        let v: Value | undefined = frame.get(h.name);
        if (v === undefined) {
          if (h.name !== 'input') return NEEDS_EVAL;
          v = this.state.input;
          if (v === undefined) return undefined;
        }
        const path = t.path;
        for (let i = 0; i < path.length; i++) {
          const key = this.simpleValue(path[i] as Term, frame);
          if (key === NEEDS_EVAL) return NEEDS_EVAL;
          v = lookup(v, key);
          if (v === undefined) return undefined;
        }
        return v;
      }
      default:
        return NEEDS_EVAL;
    }
  }

  evalTerm(t: Term, frame: Frame, k: VK): boolean {
    switch (t.type) {
      case 'string':
      case 'number':
      case 'bool':
        return k(t.value);
      case 'null':
        return k(null);
      case 'var': {
        const v = frame.get(t.name);
        if (v !== undefined) return k(v);
        if (t.name === 'input') return this.state.input === undefined ? false : k(this.state.input);
        if (t.name === 'data') return this.walkData(this.set.root, this.base, this.state.dataOv, [], 0, frame, k);
        throw new RegoEvalError('eval_internal_error', `var ${t.name} is unbound`, t.loc);
      }
      case 'ref': {
        const fv = this.fastValue(t, frame);
        if (fv === NEEDS_EVAL) return this.evalRef(t, frame, k);
        return fv !== undefined && k(fv);
      }
      case 'array':
        return this.evalTerms(t.items, frame, (vs) => k(vs));
      case 'set':
        return this.evalTerms(t.items, frame, (vs) => k(new RegoSet(vs)));
      case 'object':
        return this.evalTerms(
          t.items.map((x) => x[0]),
          frame,
          (ks) =>
            this.evalTerms(
              t.items.map((x) => x[1]),
              frame,
              (vs) => {
                const b = new ObjectBuilder();
                for (let i = 0; i < ks.length; i++) b.set(ks[i] as Value, vs[i] as Value);
                return k(b.build());
              },
            ),
        );
      case 'arraycomp': {
        const out: Value[] = [];
        this.evalComprehensionBody(t.body, frame, () =>
          this.evalTerm(t.head, frame, (v) => {
            out.push(v);
            return false;
          }),
        );
        return k(out);
      }
      case 'setcomp': {
        const out = new RegoSet();
        this.evalComprehensionBody(t.body, frame, () =>
          this.evalTerm(t.head, frame, (v) => {
            out.add(v);
            return false;
          }),
        );
        return k(out);
      }
      case 'objcomp': {
        const b = new ObjectBuilder();
        this.evalBody(t.body, 0, frame, () =>
          this.evalTerm(t.key, frame, (kv) =>
            this.evalTerm(t.value, frame, (vv) => {
              const prev = b.get(kv);
              if (prev !== undefined && !equal(prev, vv)) throw new RegoEvalError('eval_conflict_error', 'object keys must be unique', t.loc);
              b.set(kv, vv);
              return false;
            }),
          ),
        );
        return k(b.build());
      }
      case 'call':
        return this.evalCall(t, frame, k);
      case 'template': {
        const parts = t.parts;
        const step = (i: number, acc: string): boolean => {
          if (i === parts.length) return k(acc);
          const p = parts[i] as string | Term;
          if (typeof p === 'string') return step(i + 1, acc + p);
          let vals: Value[] = [];
          this.evalTerm(p, frame, (v) => {
            vals.push(v);
            return false;
          });
          if (p.type === 'arraycomp' && p.spread) vals = (vals[0] as Value[] | undefined) ?? [];
          if (vals.length === 0) return step(i + 1, acc + '<undefined>');
          if (vals.length > 1) throw new RegoEvalError('eval_conflict_error', 'template expression produced multiple outputs', p.loc);
          const v = vals[0] as Value;
          return step(i + 1, acc + (typeof v === 'string' ? v : formatValue(v)));
        };
        return step(0, '');
      }
    }
  }

  // -------------------------------------------------------------------------
  // References

  private evalRef(t: Term & { type: 'ref' }, frame: Frame, k: VK): boolean {
    const head = t.head;
    if (head.type === 'var') {
      const name = head.name;
      const v = frame.get(name);
      if (v !== undefined) return this.walkValue(v, t.path, 0, frame, k);
      if (name === 'input') {
        const input = this.state.input;
        return input === undefined ? false : this.walkValue(input, t.path, 0, frame, k);
      }
      if (name === 'data') return this.walkData(this.set.root, this.base, this.state.dataOv, t.path, 0, frame, k);
      throw new RegoEvalError('eval_internal_error', `var ${name} is unbound`, head.loc);
    }
    return this.evalTerm(head, frame, (v) => this.walkValue(v, t.path, 0, frame, k));
  }

  /** Walk a reference path into a value. `data` documents also accept integer keys for string object keys. */
  private walkValue(v0: Value, path: Term[], i0: number, frame: Frame, k: VK, data = false): boolean {
    const look = data ? lookupData : lookup;
    let v: Value | undefined = v0;
    let i = i0;
    while (i < path.length) {
      const op = path[i] as Term;
      const key = this.simpleValue(op, frame);
      if (key === NEEDS_EVAL) break;
      v = look(v, key);
      if (v === undefined) return false;
      i++;
    }
    if (i === path.length) return k(v);
    const op = path[i] as Term;
    const cur = v;
    if (op.type === 'var' || op.type === 'array' || op.type === 'object') {
      if (!this.hasUnbound(op, frame)) {
        return this.evalTerm(op, frame, (key) => {
          const sub = look(cur, key);
          return sub !== undefined && this.walkValue(sub, path, i + 1, frame, k, data);
        });
      }
      return this.iterate(cur, (key, val) => this.unifyTV(op, key, frame, () => this.walkValue(val, path, i + 1, frame, k, data)));
    }
    return this.evalTerm(op, frame, (key) => {
      const sub = look(cur, key);
      return sub !== undefined && this.walkValue(sub, path, i + 1, frame, k, data);
    });
  }

  private walkData(node: TreeNode | undefined, base: Value | undefined, ov: OvNode | undefined, path: Term[], i: number, frame: Frame, k: VK): boolean {
    if (ov && ov.value !== undefined) return this.walkValue(ov.value, path, i, frame, k);
    if (!ov && (!node || !node.hasRules)) {
      if (base === undefined) return false;
      return this.walkValue(base, path, i, frame, k, true);
    }
    if (node && (node.rules.length || node.defaults.length)) {
      if (node.kind === 'func') return false;
      if (node.complete) {
        const v = this.evalComplete(node);
        if (v === undefined) return false;
        return this.walkValue(v, path, i, frame, k);
      }
      if (i === path.length) {
        const v = this.materialize(node, base, ov);
        return v !== undefined && k(v);
      }
      const op = path[i] as Term;
      const key = this.simpleValue(op, frame);
      if (key !== NEEDS_EVAL) {
        const sub = this.partialLookup(node, base, ov, key);
        return sub !== undefined && this.walkValue(sub, path, i + 1, frame, k);
      }
      if (op.type !== 'var' && op.type !== 'array' && op.type !== 'object') {
        return this.evalTerm(op, frame, (kv) => {
          const sub = this.partialLookup(node, base, ov, kv);
          return sub !== undefined && this.walkValue(sub, path, i + 1, frame, k);
        });
      }
      const full = this.materialize(node, base, ov);
      return full !== undefined && this.walkValue(full, path, i, frame, k);
    }
    // Intermediate node (package or ref prefix).
    if (i === path.length) {
      const v = this.materialize(node, base, ov);
      return v !== undefined && k(v);
    }
    const op = path[i] as Term;
    const step = (key0: Value): boolean => {
      const key = typeof key0 === 'number' && Number.isInteger(key0) && isPlainObject(base) ? String(key0) : key0;
      if (typeof key !== 'string') {
        const sub = base === undefined ? undefined : lookup(base, key);
        return sub !== undefined && this.walkValue(sub, path, i + 1, frame, k);
      }
      const child = node?.children.get(key);
      const cbase = base === undefined ? undefined : lookup(base, key);
      const cov = ov?.children.get(key);
      if (!child && !cov) return cbase !== undefined && this.walkValue(cbase, path, i + 1, frame, k, true);
      return this.walkData(child, cbase, cov, path, i + 1, frame, k);
    };
    const key = this.simpleValue(op, frame);
    if (key !== NEEDS_EVAL) return step(key);
    if (op.type === 'var' || op.type === 'array' || op.type === 'object') {
      if (!this.hasUnbound(op, frame)) return this.evalTerm(op, frame, step);
      const keys = new Set<string>();
      if (node) for (const c of node.children.keys()) keys.add(c);
      if (ov) for (const c of ov.children.keys()) keys.add(c);
      if (isPlainObject(base)) for (const c of Object.keys(base)) keys.add(c);
      const sorted = [...keys].sort();
      for (const key of sorted) {
        if (this.unifyTV(op, key, frame, () => step(key))) return true;
      }
      return false;
    }
    return this.evalTerm(op, frame, step);
  }

  /** The full value of a data node (virtual and base documents merged). */
  private materialize(node: TreeNode | undefined, base: Value | undefined, ov: OvNode | undefined): Value | undefined {
    if (ov && ov.value !== undefined) return ov.value;
    if (!node || !node.hasRules) {
      if (!ov) return base;
      return mergeOv(base, ov);
    }
    if (node.kind === 'func') return undefined;
    const cacheable = !ov;
    if (cacheable) {
      const c = this.state.nodeVals.get(node);
      if (c !== undefined) return c === UNDEF_MARK ? undefined : c;
      if (this.state.nodeVals.has(node)) return undefined;
    }
    let result: Value | undefined;
    if (node.complete) result = this.evalComplete(node);
    else {
      let own: Value | undefined;
      if (node.rules.length) own = this.evalPartial(node, undefined, false);
      if (own instanceof RegoSet) result = own;
      else {
        const b = new ObjectBuilder();
        if (isObject(base)) for (const [kk, vv] of objEntries(base)) b.set(kk, vv);
        if (own !== undefined && isObject(own)) for (const [kk, vv] of objEntries(own)) b.set(kk, mergeValues(b.get(kk), vv, true));
        for (const [name, child] of node.children) {
          const cv = this.materialize(child, base === undefined ? undefined : lookup(base, name), ov?.children.get(name));
          if (cv !== undefined) b.set(name, mergeValues(b.get(name), cv, base !== undefined && lookup(base, name) !== undefined));
        }
        if (ov) for (const [name, cov] of ov.children) if (!node.children.has(name)) {
          const cv = mergeOv(base === undefined ? undefined : lookup(base, name), cov);
          if (cv !== undefined) b.set(name, cv);
        }
        result = b.build();
      }
    }
    if (cacheable) this.state.nodeVals.set(node, result === undefined ? UNDEF_MARK : result);
    return result;
  }

  private partialLookup(node: TreeNode, base: Value | undefined, ov: OvNode | undefined, key: Value): Value | undefined {
    const full = ov ? undefined : this.state.nodeVals.get(node);
    if (full !== undefined && full !== null) return lookup(full, key);
    let m = this.state.keyVals.get(node);
    const hk = hashKey(key);
    if (!ov) {
      if (!m) this.state.keyVals.set(node, (m = new Map()));
      const c = m.get(hk);
      if (c !== undefined) return c === UNDEF_MARK ? undefined : c;
      if (!m.has(hk)) {
        const after = lookupScansRule(node) ? 0 : MATERIALIZE_AFTER_KEYS;
        if (m.size >= after && !this.state.noMaterialize.has(node)) {
          // Many different keys are being asked for, or any one of them costs a full evaluation of
          // the rule: compute the whole document once instead.
          let whole: Value | undefined;
          try {
            whole = this.materialize(node, base, ov);
          } catch (e) {
            // An error in a part no lookup asked for must not surface: stay key by key.
            if (!(e instanceof RegoEvalError)) throw e;
            this.state.noMaterialize.add(node);
          }
          if (!this.state.noMaterialize.has(node)) return whole === undefined ? undefined : lookup(whole, key);
        }
      } else return undefined;
    }
    let v: Value | undefined;
    const own = this.evalPartial(node, key, true);
    if (own instanceof RegoSet) v = own.has(key) ? key : undefined;
    else if (own !== undefined) v = lookup(own, key);
    if (typeof key === 'string') {
      const child = node.children.get(key);
      const cbase = base === undefined ? undefined : lookup(base, key);
      if (child) {
        const cv = this.materialize(child, cbase, ov?.children.get(key));
        if (cv !== undefined) v = mergeValues(v, cv);
      } else if (cbase !== undefined && !(own instanceof RegoSet)) v = v === undefined ? cbase : mergeValues(cbase, v, true);
    }
    if (!ov && m) m.set(hk, v === undefined ? UNDEF_MARK : v);
    return v;
  }

  /** Evaluate partial (non-complete) rules at a node, optionally constrained to a first key. */
  private evalPartial(node: TreeNode, key: Value | undefined, constrained: boolean): Value | undefined {
    const isSetNode = node.kind === 'multi' && node.rules.every((r) => r.rest.length === 0);
    if (isSetNode) {
      const out = new RegoSet();
      for (const r of node.rules) {
        const frame: Frame = new Map();
        const keyTerm = r.rule.key as Term;
        const run = (): boolean =>
          this.withRule(r, () =>
            this.evalBody(r.body, 0, frame, () =>
              this.evalTerm(keyTerm, frame, (v) => {
                out.add(v);
                return constrained;
              }),
            ),
          );
        if (constrained) {
          if (this.unifyTV(keyTerm, key as Value, frame, run)) {
            // found
          }
        } else run();
      }
      return out;
    }
    const root = new NestedDoc();
    for (const r of node.rules) {
      const frame: Frame = new Map();
      const first = r.rest[0];
      const headTerms = r.rest;
      const leafTerm = r.kind === 'multi' ? (r.rule.key as Term) : (r.rule.value ?? TRUE_TERM);
      const run = (): boolean =>
        this.withRule(r, () =>
          this.evalBody(r.body, 0, frame, () =>
            this.evalTerms(headTerms, frame, (keys) =>
              this.evalTerm(leafTerm, frame, (leaf) => {
                root.insert(keys, leaf, r.kind === 'multi', r.rule.loc);
                return false;
              }),
            ),
          ),
        );
      if (constrained && first) {
        if (first.type === 'string' || first.type === 'number' || first.type === 'bool') {
          if (!equal(first.value, key as Value)) continue; // rule index: head key cannot match
        }
        this.unifyTV(first, key as Value, frame, run);
      } else run();
    }
    return root.toValue();
  }

  private withRule(r: CompiledRule, f: () => boolean): boolean {
    this.ruleStack.push(r);
    try {
      return f();
    } finally {
      this.ruleStack.pop();
    }
  }

  /** Value of a complete rule (memoized per evaluation state). */
  private evalComplete(node: TreeNode): Value | undefined {
    const cache = this.state.complete;
    const c = cache.get(node);
    if (c !== undefined) return c === UNDEF_MARK ? undefined : c;
    if (cache.has(node)) return undefined;
    let result: Value | undefined;
    for (const r of node.rules) {
      const v = this.evalRuleValue(r, new Map());
      if (v === undefined) continue;
      if (result !== undefined && !equal(result, v)) {
        throw new RegoEvalError('eval_conflict_error', 'complete rules must not produce multiple outputs', r.rule.loc);
      }
      result = v;
    }
    if (result === undefined) {
      const d = node.defaults[0];
      if (d) {
        this.evalTerm(d.rule.value ?? TRUE_TERM, new Map(), (v) => {
          result = v;
          return true;
        });
      }
    }
    if (result !== undefined) markLeaf(result);
    cache.set(node, result === undefined ? UNDEF_MARK : result);
    return result;
  }

  /** Evaluate a rule body (and its else chain) to a value; frame may hold bound arguments. */
  private evalRuleValue(r: CompiledRule, frame: Frame): Value | undefined {
    const clauses: { body: Body; value: Term | undefined; loc: Loc }[] = [
      { body: r.body, value: r.rule.value, loc: r.rule.loc },
      ...r.rule.elses.map((e) => ({ body: e.body, value: e.value ?? TRUE_TERM, loc: e.loc })),
    ];
    for (const c of clauses) {
      let result: Value | undefined;
      const valueTerm = c.value ?? TRUE_TERM;
      this.withRule(r, () =>
        this.evalBody(c.body, 0, frame, () =>
          this.evalTerm(valueTerm, frame, (v) => {
            if (result !== undefined && !equal(result, v)) {
              throw new RegoEvalError(
                'eval_conflict_error',
                r.kind === 'func' ? 'functions must not produce multiple outputs for same inputs' : 'complete rules must not produce multiple outputs',
                r.rule.loc,
              );
            }
            result = v;
            return false;
          }),
        ),
      );
      if (result !== undefined) return result;
    }
    return undefined;
  }

  // -------------------------------------------------------------------------
  // Calls

  private evalCall(t: Term & { type: 'call' }, frame: Frame, k: VK): boolean {
    const target = t.resolved;
    if (!target) throw new RegoEvalError('eval_internal_error', `unresolved call ${t.op}`, t.loc);
    if (target.kind === 'builtin' && target.name === 'print') return this.evalPrint(t, frame, k);
    if (target.kind === 'builtin' && target.name === 'walk' && !this.state.funcOv?.has('walk')) {
      const outT = t.args[1];
      return this.evalTerm(t.args[0] as Term, frame, (v) => {
        for (const pair of walkValue(v)) {
          if (outT ? this.unifyTV(outT, pair, frame, () => k(true)) : k(pair)) return true;
        }
        return false;
      });
    }
    if (target.kind === 'dynamic') throw new RegoEvalError('eval_internal_error', `dynamic call ${t.op} is not supported`, t.loc);
    let prep = t.prep;
    if (!prep) {
      const arity = callArity(t, (p) => {
        const n = this.set.root.lookup(p);
        return (n?.rules[0] ?? n?.defaults[0])?.rule.args?.length;
      });
      const n = arity ?? t.args.length;
      prep = {
        key: target.kind === 'builtin' ? target.name : 'data.' + target.path.join('.'),
        inputs: t.args.length > n ? t.args.slice(0, n) : t.args,
        out: t.args.length > n ? t.args[n] : undefined,
      };
      t.prep = prep;
    }
    const { key, inputs, out } = prep;
    // Fast path: all operands available without enumeration.
    const n = inputs.length;
    const vals: Value[] = new Array(n);
    let fast = true;
    for (let i = 0; i < n; i++) {
      const v = this.fastValue(inputs[i] as Term, frame);
      if (v === NEEDS_EVAL) {
        fast = false;
        break;
      }
      if (v === undefined) return false;
      vals[i] = v;
    }
    if (fast) {
      const res = this.invoke(key, target, vals, t.loc);
      if (res === undefined) return false;
      if (out) return this.unifyTV(out, res, frame, () => k(true));
      return k(res);
    }
    return this.evalTerms(inputs, frame, (vals) => {
      const res = this.invoke(key, target, vals, t.loc);
      if (res === undefined) return false;
      if (out) return this.unifyTV(out, res, frame, () => k(true));
      return k(res);
    });
  }

  private invoke(key: string, target: { kind: 'builtin'; name: string } | { kind: 'func'; path: string[] }, vals: Value[], loc: Loc): Value | undefined {
    const ov = this.state.funcOv?.get(key);
    if (ov && ov.kind !== 'value') {
      // Inside a replacement function no function replacements apply (OPA: mocks do not call other mocks).
      const st = this.state;
      this.state = newState(st.input, st.dataOv, undefined);
      try {
        if (ov.kind === 'builtin') return ov.name === key ? this.callBuiltin(ov.name, vals, loc) : this.invoke(ov.name, { kind: 'builtin', name: ov.name }, vals, loc);
        const k2 = 'data.' + ov.path.join('.');
        return k2 === key ? this.callFunc(ov.path, vals, loc) : this.invoke(k2, { kind: 'func', path: ov.path }, vals, loc);
      } finally {
        this.state = st;
      }
    }
    if (ov) return ov.value;
    if (target.kind === 'builtin') return this.callBuiltin(target.name, vals, loc);
    return this.callFunc(target.path, vals, loc);
  }

  private callBuiltin(name: string, vals: Value[], loc: Loc): Value | undefined {
    const b = getBuiltin(name);
    if (b && !this.strict) {
      try {
        return b.fn(vals, this.bctx);
      } catch (e) {
        if (e instanceof BuiltinError || e instanceof RangeError || e instanceof TypeError) return undefined;
        throw e;
      }
    }
    if (!b) throw new RegoEvalError('eval_internal_error', `unknown builtin ${name}`, loc);
    try {
      return b.fn(vals, this.bctx);
    } catch (e) {
      if (e instanceof BuiltinError) {
        if (this.strict) throw new RegoEvalError(e.code, `${name}: ${e.message}`, loc);
        return undefined;
      }
      if (e instanceof RegoEvalError) throw e;
      if (e instanceof RangeError || e instanceof TypeError) {
        if (this.strict) throw new RegoEvalError('eval_builtin_error', `${name}: ${e.message}`, loc);
        return undefined;
      }
      throw e;
    }
  }

  private callFunc(path: string[], vals: Value[], loc: Loc): Value | undefined {
    const node = this.set.root.lookup(path);
    // Rego v0 `f() = 1` is compiled as a constant rule; `f()` reads it.
    if (node && node.kind !== 'func' && vals.length === 0) return this.materialize(node, undefined, undefined);
    if (!node || node.kind !== 'func') throw new RegoEvalError('eval_internal_error', `undefined function data.${path.join('.')}`, loc);
    let memo = this.state.fnMemo.get(node);
    const mk = vals.length === 1 && typeof vals[0] !== 'object' ? String(hashKey(vals[0] as Value)) + typeof vals[0] : undefined;
    if (mk !== undefined && memo) {
      const c = memo.get(mk);
      if (c !== undefined) return c === UNDEF_MARK ? undefined : c;
      if (memo.has(mk)) return undefined;
    }
    let result: Value | undefined;
    for (const r of node.rules) {
      const frame: Frame = new Map();
      const args = r.rule.args as Term[];
      let v: Value | undefined;
      const bindArgs = (i: number): boolean => {
        if (i === args.length) {
          const x = this.evalRuleValue(r, frame);
          if (x !== undefined) {
            if (v !== undefined && !equal(v, x)) {
              throw new RegoEvalError('eval_conflict_error', 'functions must not produce multiple outputs for same inputs', r.rule.loc);
            }
            v = x;
          }
          return false;
        }
        return this.unifyTV(args[i] as Term, vals[i] as Value, frame, () => bindArgs(i + 1));
      };
      bindArgs(0);
      if (v === undefined) continue;
      if (result !== undefined && !equal(result, v)) {
        throw new RegoEvalError('eval_conflict_error', 'functions must not produce multiple outputs for same inputs', r.rule.loc);
      }
      result = v;
    }
    if (result === undefined) {
      const d = node.defaults[0];
      if (d) {
        this.evalTerm(d.rule.value ?? TRUE_TERM, new Map(), (x) => {
          result = x;
          return true;
        });
      }
    }
    if (mk !== undefined) {
      if (!memo) this.state.fnMemo.set(node, (memo = new Map()));
      memo.set(mk, result === undefined ? UNDEF_MARK : result);
    }
    return result;
  }

  private evalPrint(t: Term & { type: 'call' }, frame: Frame, k: VK): boolean {
    const parts: string[] = [];
    for (const a of t.args) {
      const vals: Value[] = [];
      this.evalTerm(a, frame, (v) => {
        vals.push(v);
        return false;
      });
      if (vals.length === 0) parts.push('<undefined>');
      else parts.push(vals.map((v) => (typeof v === 'string' ? v : formatValue(v))).join(' '));
    }
    this.bctx.print(parts.join(' '));
    return k(true);
  }

  // -------------------------------------------------------------------------
  // Metadata

  private metadataRule(): Value {
    const r = this.ruleStack[this.ruleStack.length - 1];
    if (!r) return {};
    const a = r.rule.annotations.find((x) => x.scope === 'rule') ?? r.rule.annotations[0];
    return a ? annotationValue(a) : {};
  }

  private metadataChain(): Value {
    const r = this.ruleStack[this.ruleStack.length - 1];
    if (!r) return [];
    const out: Value[] = [];
    const ruleAnn = r.rule.annotations[0];
    const entry: JsonObject = { path: [...r.path] as Value[] };
    if (ruleAnn) entry.annotations = annotationValue(ruleAnn);
    out.push(entry);
    // document-scope annotations on other rules of the same node
    const node = this.set.root.lookup(r.path);
    if (!ruleAnn && node) {
      for (const o of [...node.rules, ...node.defaults]) {
        const d = o.rule.annotations.find((x) => x.scope === 'document');
        if (d) {
          entry.annotations = annotationValue(d);
          break;
        }
      }
    } else if (node && ruleAnn && ruleAnn.scope === 'rule') {
      for (const o of [...node.rules, ...node.defaults]) {
        const d = o.rule.annotations.find((x) => x.scope === 'document');
        if (d) {
          out.push({ path: [...r.path] as Value[], annotations: annotationValue(d) });
          break;
        }
      }
    }
    const pkg = r.rule.pkg;
    for (let i = pkg.length; i >= 0; i--) {
      const n = this.set.root.lookup(pkg.slice(0, i));
      if (!n) continue;
      for (const a of n.pkgAnnotations) {
        if (i === pkg.length && a.scope === 'package') out.push({ path: [...pkg.slice(0, i)] as Value[], annotations: annotationValue(a) });
        else if (a.scope === 'subpackages') out.push({ path: [...pkg.slice(0, i)] as Value[], annotations: annotationValue(a) });
      }
    }
    return out;
  }
}

function annotationValue(a: Record<string, unknown>): Value {
  const o: JsonObject = {};
  for (const [k, v] of Object.entries(a)) {
    if (k === 'authors' && Array.isArray(v)) {
      defineKey(
        o,
        k,
        v.map((x) => {
          if (typeof x !== 'string') return jsToValue(x);
          const m = /^(.*?)\s*<([^>]*)>\s*$/.exec(x);
          if (m) return m[1] ? { name: m[1], email: m[2] ?? '' } : { email: m[2] ?? '' };
          return x.includes('@') && !x.includes(' ') ? { email: x } : { name: x };
        }),
      );
      continue;
    }
    if (k === 'related_resources' && Array.isArray(v)) {
      defineKey(o, k, v.map((x) => (typeof x === 'string' ? { ref: x } : jsToValue(x))));
      continue;
    }
    defineKey(o, k, jsToValue(v));
  }
  return o;
}

function jsToValue(x: unknown): Value {
  if (x === null || x === undefined) return null;
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
  if (Array.isArray(x)) return x.map(jsToValue);
  if (typeof x === 'object') {
    const o: JsonObject = {};
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) defineKey(o, k, jsToValue(v));
    return o;
  }
  return String(x);
}

const TRUE_TERM: Term = { type: 'bool', value: true, loc: { file: '', line: 0, col: 0 } };

function constOf(t: Term): Value {
  switch (t.type) {
    case 'string':
    case 'number':
    case 'bool':
      return t.value;
    case 'null':
      return null;
    default:
      throw new RegoEvalError('rego_compile_error', 'with target path must be constant', t.loc);
  }
}

/** Look up a key in a collection value. */
export function lookup(v: Value | undefined, key: Value): Value | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  if (Array.isArray(v)) {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0) return undefined;
    return v[key];
  }
  if (v instanceof RegoSet) return v.has(key) ? key : undefined;
  if (v instanceof RegoObject) return v.get(key);
  if (typeof key !== 'string') return undefined;
  return Object.hasOwn(v, key) ? v[key] : undefined;
}

/** Lookup in base documents: integer keys also match string keys of objects (as OPA's store does). */
function lookupData(v: Value | undefined, key: Value): Value | undefined {
  if (typeof key === 'number' && Number.isInteger(key) && isPlainObject(v)) return lookup(v, String(key));
  return lookup(v, key);
}

function setPath(root: Value | undefined, path: Value[], value: Value): Value {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [Value, ...Value[]];
  const b = new ObjectBuilder();
  if (isObject(root)) for (const [k, v] of objEntries(root)) b.set(k, v);
  b.set(head, setPath(isObject(root) ? objGet(root, head) : undefined, rest, value));
  return b.build();
}

function cloneOv(o: OvNode): OvNode {
  const c: OvNode = { value: o.value, children: new Map() };
  for (const [k, v] of o.children) c.children.set(k, cloneOv(v));
  return c;
}

function ovSet(o: OvNode, path: string[], v: Value): void {
  let n = o;
  for (let i = 0; i < path.length; i++) {
    const p = path[i] as string;
    if (n.value !== undefined) {
      n.value = setPath(n.value, path.slice(i), v);
      return;
    }
    let c = n.children.get(p);
    if (!c) n.children.set(p, (c = { value: undefined, children: new Map() }));
    n = c;
  }
  n.value = v;
  n.children.clear();
}

function mergeOv(base: Value | undefined, ov: OvNode): Value | undefined {
  if (ov.value !== undefined) return ov.value;
  let cur = base;
  for (const [k, c] of ov.children) {
    const sub = mergeOv(cur === undefined ? undefined : lookup(cur, k), c);
    if (sub !== undefined) cur = setPath(isObject(cur) ? cur : {}, [k], sub);
  }
  return cur;
}

/** Object values produced whole by a rule: another rule must not extend them (OPA reports a conflict). */
const RULE_LEAVES = new WeakSet<object>();

function markLeaf(v: Value): void {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) RULE_LEAVES.add(v);
}

/** Merge two documents at the same path; with `preferA` a conflict keeps `a` (base data wins over rules). */
function mergeValues(a: Value | undefined, b: Value, preferA = false): Value {
  if (a === undefined) return b;
  if (!preferA && ((typeof a === 'object' && a !== null && RULE_LEAVES.has(a)) || (typeof b === 'object' && b !== null && RULE_LEAVES.has(b)))) {
    if (!equal(a, b)) throw new RegoEvalError('eval_conflict_error', 'object keys must be unique');
    return a;
  }
  if (isObject(a) && isObject(b)) {
    const o = new ObjectBuilder();
    for (const [k, v] of objEntries(a)) o.set(k, v);
    for (const [k, v] of objEntries(b)) o.set(k, mergeValues(o.get(k), v, preferA));
    return o.build();
  }
  if (a instanceof RegoSet && b instanceof RegoSet) return new RegoSet([...a.values(), ...b.values()]);
  if (!equal(a, b)) {
    if (preferA) return a;
    throw new RegoEvalError('eval_conflict_error', 'object keys must be unique');
  }
  return a;
}

/** Accumulates the results of partial rules into nested objects/sets. */
class NestedDoc {
  private readonly map = new Map<HashKey, [Value, NestedDoc | Value, boolean]>();
  private set: RegoSet | undefined;
  insert(keys: Value[], leaf: Value, multi: boolean, loc: Loc): void {
    if (keys.length === 0) {
      if (multi) (this.set ??= new RegoSet()).add(leaf);
      return;
    }
    const [k, ...rest] = keys as [Value, ...Value[]];
    const hk = hashKey(k);
    const cur = this.map.get(hk);
    if (rest.length === 0 && !multi) {
      if (cur) {
        if (cur[2] || !equal(cur[1] as Value, leaf)) throw new RegoEvalError('eval_conflict_error', 'object keys must be unique', loc);
        return;
      }
      markLeaf(leaf);
      this.map.set(hk, [k, leaf, false]);
      return;
    }
    let sub: NestedDoc;
    if (cur) {
      if (!cur[2]) throw new RegoEvalError('eval_conflict_error', 'object keys must be unique', loc);
      sub = cur[1] as NestedDoc;
    } else {
      sub = new NestedDoc();
      this.map.set(hk, [k, sub, true]);
    }
    sub.insert(rest, leaf, multi, loc);
  }
  toValue(): Value {
    if (this.set && this.map.size === 0) return this.set;
    const b = new ObjectBuilder();
    for (const [k, v, nested] of this.map.values()) b.set(k, nested ? (v as NestedDoc).toValue() : (v as Value));
    return b.build();
  }
}

export { compare };
