/**
 * Compiler: merges modules into a package tree, resolves names, checks safety,
 * reorders body expressions so that variables are bound before use, and detects recursion.
 */
import type { Body, CallTarget, Expr, Loc, Module, Rule, Term } from './ast.js';
import { getBuiltin } from './builtins/index.js';
import { RegoCompileError } from './errors.js';
import { parseModule } from './parser.js';

export type RuleKind = 'single' | 'multi' | 'func';

export interface CompiledRule {
  rule: Rule;
  kind: RuleKind;
  /** Full path of the node the rule lives at (from the data root). */
  path: string[];
  /** Head reference terms after `path` (may contain variables). */
  rest: Term[];
  /** Reordered body. */
  body: Body;
  /**
   * The head key a lookup binds (the first `rest` term, or a set rule's key) was lifted into the
   * body (`p[node.id]`, `q contains lower(x)`): it is known only once the body has run, so a lookup
   * by key evaluates the whole rule.
   */
  keyLifted: boolean;
}

export class TreeNode {
  readonly path: string[];
  readonly children = new Map<string, TreeNode>();
  readonly rules: CompiledRule[] = [];
  defaults: CompiledRule[] = [];
  kind: RuleKind | undefined;
  /** The node's rules are all complete rules with no remaining ref terms. */
  complete = false;
  /** Any rule (or package) at or below this node. */
  hasRules = false;
  /** A module declares this package. */
  isPackage = false;
  /** Package annotations (scope package/subpackages) for nodes that are packages. */
  pkgAnnotations: Record<string, unknown>[] = [];
  constructor(path: string[]) {
    this.path = path;
  }
  child(name: string): TreeNode {
    let c = this.children.get(name);
    if (!c) {
      c = new TreeNode([...this.path, name]);
      this.children.set(name, c);
    }
    return c;
  }
  lookup(path: readonly string[]): TreeNode | undefined {
    let n: TreeNode | undefined = this as TreeNode;
    for (const p of path) {
      n = n.children.get(p);
      if (!n) return undefined;
    }
    return n;
  }
}

export interface CompiledPolicySet {
  root: TreeNode;
  modules: Module[];
  rules: CompiledRule[];
}

let gensym = 0;
function fresh(base: string): string {
  gensym++;
  return `${base}$${gensym}`;
}

function isWildcard(name: string): boolean {
  return name.includes('$');
}

// ---------------------------------------------------------------------------
// Term utilities

export function walkTerm(t: Term, f: (t: Term) => boolean | void): void {
  if (f(t) === false) return;
  switch (t.type) {
    case 'ref':
      walkTerm(t.head, f);
      for (const p of t.path) walkTerm(p, f);
      break;
    case 'array':
    case 'set':
      for (const x of t.items) walkTerm(x, f);
      break;
    case 'object':
      for (const [k, v] of t.items) {
        walkTerm(k, f);
        walkTerm(v, f);
      }
      break;
    case 'call':
      for (const a of t.args) walkTerm(a, f);
      break;
    case 'template':
      for (const p of t.parts) if (typeof p !== 'string') walkTerm(p, f);
      break;
    case 'arraycomp':
    case 'setcomp':
      walkTerm(t.head, f);
      walkBody(t.body, f);
      break;
    case 'objcomp':
      walkTerm(t.key, f);
      walkTerm(t.value, f);
      walkBody(t.body, f);
      break;
    default:
      break;
  }
}

export function walkExpr(e: Expr, f: (t: Term) => boolean | void): void {
  const k = e.e;
  switch (k.k) {
    case 'term':
      walkTerm(k.term, f);
      break;
    case 'assign':
    case 'unify':
      walkTerm(k.lhs, f);
      walkTerm(k.rhs, f);
      break;
    case 'some':
      for (const v of k.vars) walkTerm(v, f);
      break;
    case 'somein':
      if (k.key) walkTerm(k.key, f);
      walkTerm(k.value, f);
      walkTerm(k.coll, f);
      break;
    case 'every':
      if (k.key) walkTerm(k.key, f);
      walkTerm(k.value, f);
      walkTerm(k.coll, f);
      walkBody(k.body, f);
      break;
    case 'body':
      walkBody(k.body, f);
      break;
    case 'or':
      for (const b of k.bodies) walkBody(b, f);
      break;
  }
  for (const w of e.withs) {
    walkTerm(w.target, f);
    walkTerm(w.value, f);
  }
}

export function walkBody(b: Body, f: (t: Term) => boolean | void): void {
  for (const e of b) walkExpr(e, f);
}

/** Variables of a term that are not inside closures (comprehensions). */
function shallowVars(t: Term, out: Map<string, Loc>): void {
  walkTerm(t, (x) => {
    if (x.type === 'var') {
      if (x.name !== 'input' && x.name !== 'data' && !out.has(x.name)) out.set(x.name, x.loc);
    }
    if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objcomp') return false;
    return undefined;
  });
}

function deepVars(t: Term, out: Map<string, Loc>): void {
  walkTerm(t, (x) => {
    if (x.type === 'var' && x.name !== 'input' && x.name !== 'data' && !out.has(x.name)) out.set(x.name, x.loc);
  });
}

function exprShallowVars(e: Expr, out: Map<string, Loc>): void {
  const k = e.e;
  switch (k.k) {
    case 'term':
      shallowVars(k.term, out);
      break;
    case 'assign':
    case 'unify':
      shallowVars(k.lhs, out);
      shallowVars(k.rhs, out);
      break;
    case 'some':
      for (const v of k.vars) shallowVars(v, out);
      break;
    case 'somein':
      if (k.key) shallowVars(k.key, out);
      shallowVars(k.value, out);
      shallowVars(k.coll, out);
      break;
    case 'every':
      shallowVars(k.coll, out);
      break;
  }
  for (const w of e.withs) shallowVars(w.value, out);
}

// ---------------------------------------------------------------------------
// Name resolution

interface Scope {
  renames: Map<string, string>;
  declared: Set<string>;
  parent: Scope | undefined;
}

class Resolver {
  private readonly pkgPath: string[];
  private readonly globals: Set<string>;
  private readonly imports: Map<string, Term>;
  private readonly file: string;
  private readonly v0: boolean;
  constructor(pkgPath: string[], globals: Set<string>, imports: Map<string, Term>, file: string, v0 = false) {
    this.pkgPath = pkgPath;
    this.globals = globals;
    this.imports = imports;
    this.file = file;
    this.v0 = v0;
  }

  private builtin(name: string): boolean {
    const b = getBuiltin(name);
    return b !== undefined && (!b.deprecated || this.v0);
  }

  private lookupScope(name: string, scope: Scope | undefined): string | undefined {
    for (let s = scope; s; s = s.parent) {
      const r = s.renames.get(name);
      if (r !== undefined) return r;
      if (s.declared.has(name)) return name;
    }
    return undefined;
  }

  private dataRef(path: string[], loc: Loc): Term {
    return {
      type: 'ref',
      head: { type: 'var', name: 'data', loc },
      path: path.map((p) => ({ type: 'string', value: p, loc }) as Term),
      loc,
    };
  }

  private copyTerm(t: Term, loc: Loc): Term {
    if (t.type === 'ref') return { type: 'ref', head: this.copyTerm(t.head, loc), path: t.path.map((p) => this.copyTerm(p, loc)), loc };
    return { ...t, loc } as Term;
  }

  resolveVarName(name: string, loc: Loc, scope: Scope | undefined): Term {
    if (name === '_') return { type: 'var', name: fresh('_'), loc };
    const local = this.lookupScope(name, scope);
    if (local !== undefined) return { type: 'var', name: local, loc };
    if (name === 'input' || name === 'data') return { type: 'var', name, loc };
    const imp = this.imports.get(name);
    if (imp) return this.copyTerm(imp, loc);
    if (this.globals.has(name)) return this.dataRef([...this.pkgPath, name], loc);
    return { type: 'var', name, loc };
  }

  resolveCallTarget(op: string, loc: Loc, scope: Scope | undefined): CallTarget {
    const parts = op.split('.');
    const first = parts[0] as string;
    if (this.lookupScope(first, scope) === undefined) {
      if (first === 'data') return { kind: 'func', path: parts.slice(1) };
      const imp = this.imports.get(first);
      if (imp && imp.type === 'ref' && imp.head.type === 'var' && imp.head.name === 'data') {
        const p: string[] = [];
        for (const x of imp.path) if (x.type === 'string') p.push(x.value);
        return { kind: 'func', path: [...p, ...parts.slice(1)] };
      }
      if (this.globals.has(first) && !this.builtin(op)) return { kind: 'func', path: [...this.pkgPath, ...parts] };
      if (this.globals.has(first) && parts.length === 1) return { kind: 'func', path: [...this.pkgPath, ...parts] };
    }
    if (this.builtin(op)) return { kind: 'builtin', name: op };
    throw new RegoCompileError('rego_type_error', `undefined function ${op}`, loc);
  }

  term(t: Term, scope: Scope | undefined): Term {
    switch (t.type) {
      case 'var':
        return this.resolveVarName(t.name, t.loc, scope);
      case 'ref': {
        const head = this.term(t.head, scope);
        const path = t.path.map((p) => this.term(p, scope));
        if (head.type === 'ref') return { type: 'ref', head: head.head, path: [...head.path, ...path], loc: t.loc };
        return { type: 'ref', head, path, loc: t.loc };
      }
      case 'array':
        return { type: 'array', items: t.items.map((x) => this.term(x, scope)), loc: t.loc };
      case 'set':
        return { type: 'set', items: t.items.map((x) => this.term(x, scope)), loc: t.loc };
      case 'object':
        return { type: 'object', items: t.items.map(([k, v]) => [this.term(k, scope), this.term(v, scope)] as [Term, Term]), loc: t.loc };
      case 'call': {
        const args = t.args.map((x) => this.term(x, scope));
        let resolved: CallTarget;
        const local = this.lookupScope(t.op.split('.')[0] as string, scope);
        if (local !== undefined) resolved = { kind: 'dynamic' };
        else resolved = this.resolveCallTarget(t.op, t.loc, scope);
        const out: Term = { type: 'call', op: t.op, args, loc: t.loc, resolved };
        if (resolved.kind === 'dynamic' && t.opTerm) out.opTerm = this.term(t.opTerm, scope);
        return out;
      }
      case 'template':
        return { type: 'template', parts: t.parts.map((p) => (typeof p === 'string' ? p : this.term(p, scope))), loc: t.loc };
      case 'arraycomp':
      case 'setcomp': {
        const s = this.nestedScope(t.body, scope, []);
        const body = this.body(t.body, s);
        const out: Term = { type: t.type, head: this.term(t.head, s), body, loc: t.loc };
        if (t.type === 'arraycomp' && t.spread && out.type === 'arraycomp') out.spread = true;
        return out;
      }
      case 'objcomp': {
        const s = this.nestedScope(t.body, scope, []);
        const body = this.body(t.body, s);
        return { type: 'objcomp', key: this.term(t.key, s), value: this.term(t.value, s), body, loc: t.loc };
      }
      default:
        return t;
    }
  }

  /** `x := ...` twice in one body (or over a function argument) is an error, as in OPA. */
  checkRedeclare(body: Body, predeclared: Iterable<string> = []): void {
    const seen = new Set<string>(predeclared);
    for (const e of body) {
      if (e.e.k !== 'assign') continue;
      walkTerm(e.e.lhs, (x) => {
        if (x.type === 'var' && x.name !== '_') {
          if (seen.has(x.name)) throw new RegoCompileError('rego_compile_error', `var ${x.name} assigned above`, x.loc);
          seen.add(x.name);
        }
        if (x.type === 'ref' || x.type === 'call') return false;
        return undefined;
      });
    }
  }

  /** Variables declared by `:=`, `some` in the body's top level. */
  declaredIn(body: Body): string[] {
    const out: string[] = [];
    const pat = (t: Term): void => {
      walkTerm(t, (x) => {
        if (x.type === 'var' && x.name !== '_') out.push(x.name);
        if (x.type === 'ref' || x.type === 'call' || x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objcomp')
          return false;
        return undefined;
      });
    };
    for (const e of body) {
      const k = e.e;
      if (k.k === 'assign') pat(k.lhs);
      else if (k.k === 'some') for (const v of k.vars) pat(v);
      else if (k.k === 'somein') {
        if (k.key) pat(k.key);
        pat(k.value);
      }
    }
    return out;
  }

  nestedScope(body: Body, parent: Scope | undefined, extra: string[]): Scope {
    this.checkRedeclare(body, extra);
    const s: Scope = { renames: new Map(), declared: new Set(), parent };
    for (const n of [...this.declaredIn(body), ...extra]) if (!s.renames.has(n)) s.renames.set(n, fresh(n));
    return s;
  }

  body(body: Body, scope: Scope | undefined): Body {
    return body.map((e) => this.expr(e, scope));
  }

  expr(e: Expr, scope: Scope | undefined): Expr {
    const k = e.e;
    let out: Expr['e'];
    switch (k.k) {
      case 'term':
        out = { k: 'term', term: this.term(k.term, scope) };
        break;
      case 'assign':
      case 'unify':
        out = { k: k.k, lhs: this.term(k.lhs, scope), rhs: this.term(k.rhs, scope) };
        break;
      case 'some':
        out = { k: 'some', vars: k.vars.map((v) => this.term(v, scope)) };
        break;
      case 'somein':
        out = {
          k: 'somein',
          key: k.key ? this.term(k.key, scope) : undefined,
          value: this.term(k.value, scope),
          coll: this.term(k.coll, scope),
        };
        break;
      case 'every': {
        const names: string[] = [];
        const collect = (t: Term | undefined): void => {
          if (t) walkTerm(t, (x) => void (x.type === 'var' && x.name !== '_' && names.push(x.name)));
        };
        collect(k.key);
        collect(k.value);
        const s = this.nestedScope(k.body, scope, names);
        out = {
          k: 'every',
          key: k.key ? this.term(k.key, s) : undefined,
          value: this.term(k.value, s),
          coll: this.term(k.coll, scope),
          body: this.body(k.body, s),
        };
        break;
      }
      case 'body': {
        const s = this.nestedScope(k.body, scope, []);
        out = { k: 'body', body: this.body(k.body, s) };
        break;
      }
      case 'or':
        out = { k: 'or', bodies: k.bodies.map((b) => this.body(b, this.nestedScope(b, scope, []))) };
        break;
    }
    const withs = e.withs.map((w) => ({ target: this.withTarget(w.target, scope), value: this.withValue(w.value, scope), loc: w.loc }));
    return { loc: e.loc, negated: e.negated, withs, e: out, text: e.text };
  }

  /** A with value naming a builtin (e.g. `with count as mock_count` or `as count`) becomes a call marker. */
  withValue(t: Term, scope: Scope | undefined): Term {
    const name = dotted(t);
    if (name !== undefined) {
      const first = name.split('.')[0] as string;
      if (this.lookupScope(first, scope) === undefined && !this.imports.has(first) && !this.globals.has(first) && this.builtin(name)) {
        return { type: 'call', op: name, args: [], loc: t.loc, resolved: { kind: 'builtin', name } };
      }
    }
    return this.term(t, scope);
  }

  withTarget(t: Term, scope: Scope | undefined): Term {
    // Builtin names are kept as a call-less string marker.
    const name = dotted(t);
    if (name !== undefined && name !== 'input' && name !== 'data' && !name.startsWith('input.') && !name.startsWith('data.')) {
      const first = name.split('.')[0] as string;
      if (!this.imports.has(first) && !this.globals.has(first) && this.builtin(name)) {
        return { type: 'call', op: name, args: [], loc: t.loc, resolved: { kind: 'builtin', name } };
      }
    }
    const r = this.term(t, scope);
    if (r.type === 'var' && r.name !== 'input' && r.name !== 'data') {
      throw new RegoCompileError('rego_compile_error', `with keyword target must reference existing input, data, or a function`, t.loc);
    }
    return r;
  }
}

function dotted(t: Term): string | undefined {
  if (t.type === 'var') return t.name;
  if (t.type !== 'ref' || t.head.type !== 'var') return undefined;
  const parts = [t.head.name];
  for (const p of t.path) {
    if (p.type !== 'string') return undefined;
    parts.push(p.value);
  }
  return parts.join('.');
}

// ---------------------------------------------------------------------------
// Safety and reordering

interface VarInfo {
  /** must be bound before */
  inp: Map<string, Loc>;
  /** bound by reference iteration */
  ref: Map<string, Loc>;
  /** bound by unification patterns */
  pat: Map<string, Loc>;
}

function newInfo(): VarInfo {
  return { inp: new Map(), ref: new Map(), pat: new Map() };
}

function addVar(m: Map<string, Loc>, t: { name: string; loc: Loc }): void {
  if (t.name === 'input' || t.name === 'data') return;
  if (!m.has(t.name)) m.set(t.name, t.loc);
}

export function callArity(t: Term & { type: 'call' }, funcArity: (path: string[]) => number | undefined): number | undefined {
  const r = t.resolved;
  if (!r) return undefined;
  if (r.kind === 'builtin') {
    const a = getBuiltin(r.name)?.arity;
    return a === undefined || a < 0 ? undefined : a;
  }
  if (r.kind === 'func') return funcArity(r.path);
  return undefined;
}

class Safety {
  private readonly funcArity: (path: string[]) => number | undefined;
  constructor(funcArity: (path: string[]) => number | undefined) {
    this.funcArity = funcArity;
  }

  termInfo(t: Term, mode: 'pat' | 'in' | 'ref', info: VarInfo, visible: Set<string>): void {
    switch (t.type) {
      case 'var':
        addVar(mode === 'pat' ? info.pat : mode === 'ref' ? info.ref : info.inp, t);
        return;
      case 'ref': {
        if (t.head.type === 'var') addVar(info.inp, t.head);
        else this.termInfo(t.head, 'in', info, visible);
        for (const p of t.path) {
          if (p.type === 'var' || p.type === 'array' || p.type === 'object') this.termInfo(p, 'ref', info, visible);
          else this.termInfo(p, 'in', info, visible);
        }
        return;
      }
      case 'array':
        for (const x of t.items) this.termInfo(x, mode, info, visible);
        return;
      case 'object':
        for (const [k, v] of t.items) {
          this.termInfo(k, 'in', info, visible);
          this.termInfo(v, mode, info, visible);
        }
        return;
      case 'set':
        for (const x of t.items) this.termInfo(x, 'in', info, visible);
        return;
      case 'call': {
        const n = callArity(t, this.funcArity);
        if (n !== undefined && (t.args.length < n || t.args.length > n + 1)) {
          throw new RegoCompileError('rego_type_error', `${t.op}: arity mismatch: have ${t.args.length} arguments, want ${n}`, t.loc);
        }
        t.args.forEach((a, i) => {
          if (n !== undefined && i >= n) this.termInfo(a, 'pat', info, visible);
          else this.termInfo(a, 'in', info, visible);
        });
        if (t.resolved?.kind === 'dynamic' && t.opTerm) this.termInfo(t.opTerm, 'in', info, visible);
        return;
      }
      case 'template':
        for (const p of t.parts) if (typeof p !== 'string') this.termInfo(p, 'in', info, visible);
        return;
      case 'arraycomp':
      case 'setcomp':
      case 'objcomp': {
        const all = new Map<string, Loc>();
        deepVars(t, all);
        for (const [n, l] of all) if (visible.has(n)) addVar(info.inp, { name: n, loc: l });
        return;
      }
      default:
        return;
    }
  }

  exprInfo(e: Expr, visible: Set<string>): { info: VarInfo; unify?: [Term, Term] } {
    const info = newInfo();
    const k = e.e;
    let unify: [Term, Term] | undefined;
    switch (k.k) {
      case 'term':
        if (k.term.type === 'var') addVar(info.inp, k.term);
        else this.termInfo(k.term, 'in', info, visible);
        break;
      case 'assign':
      case 'unify':
        this.termInfo(k.lhs, 'pat', info, visible);
        this.termInfo(k.rhs, 'pat', info, visible);
        unify = [k.lhs, k.rhs];
        break;
      case 'some':
        break;
      case 'somein':
        if (k.key) this.termInfo(k.key, 'pat', info, visible);
        this.termInfo(k.value, 'pat', info, visible);
        this.termInfo(k.coll, 'in', info, visible);
        break;
      case 'every': {
        this.termInfo(k.coll, 'in', info, visible);
        const all = new Map<string, Loc>();
        for (const x of k.body) walkExpr(x, (t) => void (t.type === 'var' && addVar(all, t)));
        for (const [n, l] of all) if (visible.has(n)) addVar(info.inp, { name: n, loc: l });
        break;
      }
      case 'body':
      case 'or': {
        const all = new Map<string, Loc>();
        for (const b of k.k === 'body' ? [k.body] : k.bodies) for (const x of b) walkExpr(x, (t) => void (t.type === 'var' && addVar(all, t)));
        for (const [n, l] of all) if (visible.has(n)) addVar(info.inp, { name: n, loc: l });
        break;
      }
    }
    for (const w of e.withs) {
      if (w.value.type === 'call' && w.value.args.length === 0) continue;
      this.termInfo(w.value, 'in', info, visible);
    }
    if (e.negated) {
      const all = newInfo();
      for (const m of [info.inp, info.ref, info.pat]) for (const [n, l] of m) if (!isWildcard(n) || visible.has(n)) addVar(all.inp, { name: n, loc: l });
      // Variables local to the negated expression (wildcards) are fine.
      return { info: all };
    }
    return unify ? { info, unify } : { info };
  }

  /** Can `a = b` be evaluated with the given bound variables? */
  private unifiable(a: Term, b: Term, bound: Set<string>): boolean {
    const unb = (t: Term): boolean => {
      let found = false;
      const info = newInfo();
      this.termInfo(t, 'pat', info, new Set());
      for (const n of info.pat.keys()) if (!bound.has(n)) found = true;
      return found;
    };
    if (!unb(a) || !unb(b)) return true;
    if (a.type === 'array' && b.type === 'array' && a.items.length === b.items.length) {
      // pairwise, with bindings flowing left to right
      const bnd = new Set(bound);
      const pending: [Term, Term][] = a.items.map((x, i) => [x, b.items[i] as Term]);
      let progress = true;
      while (pending.length && progress) {
        progress = false;
        for (let i = 0; i < pending.length; i++) {
          const [x, y] = pending[i] as [Term, Term];
          if (this.unifiable(x, y, bnd)) {
            for (const t of [x, y]) {
              const info = newInfo();
              this.termInfo(t, 'pat', info, new Set());
              for (const n of info.pat.keys()) bnd.add(n);
            }
            pending.splice(i, 1);
            progress = true;
            break;
          }
        }
      }
      return pending.length === 0;
    }
    if (a.type === 'object' && b.type === 'object' && a.items.length === b.items.length) return true;
    return false;
  }

  /** Reorder a body; returns the new body and the bound set after it. */
  reorder(body: Body, bound0: Set<string>, visibleOuter: Set<string>): { body: Body; bound: Set<string> } {
    const visible = new Set(visibleOuter);
    const sv = new Map<string, Loc>();
    for (const e of body) exprShallowVars(e, sv);
    for (const n of sv.keys()) visible.add(n);
    const bound = new Set(bound0);
    // Variables declared with `:=`/`some` are visible to closures only after their declaration.
    const declaredAt = new Map<string, number>();
    body.forEach((e, i) => {
      const k = e.e;
      const mark = (t: Term): void =>
        walkTerm(t, (x) => {
          if (x.type === 'var' && !declaredAt.has(x.name)) declaredAt.set(x.name, i);
          if (x.type === 'ref' || x.type === 'call' || x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objcomp') return false;
          return undefined;
        });
      if (k.k === 'assign') mark(k.lhs);
      else if (k.k === 'some') k.vars.forEach(mark);
      else if (k.k === 'somein') {
        if (k.key) mark(k.key);
        mark(k.value);
      }
    });
    const remaining = body.map((e, i) => {
      let vis = visible;
      if (declaredAt.size) {
        vis = new Set(visible);
        for (const [n, at] of declaredAt) if (at >= i && !visibleOuter.has(n)) vis.delete(n);
      }
      return { e, ...this.exprInfo(e, vis) };
    });
    const out: Body = [];
    while (remaining.length) {
      let picked = -1;
      for (let i = 0; i < remaining.length; i++) {
        const r = remaining[i] as (typeof remaining)[number];
        let ok = true;
        for (const n of r.info.inp.keys()) if (!bound.has(n) && !r.info.ref.has(n)) ok = false;
        if (ok && r.unify) {
          const b2 = new Set(bound);
          for (const n of r.info.ref.keys()) b2.add(n);
          ok = this.unifiable(r.unify[0], r.unify[1], b2);
        }
        if (ok) {
          picked = i;
          break;
        }
      }
      if (picked < 0) {
        const r = remaining[0] as (typeof remaining)[number];
        const unsafe: [string, Loc][] = [];
        for (const [n, l] of [...r.info.inp, ...r.info.pat]) if (!bound.has(n)) unsafe.push([n, l]);
        const [n, l] = unsafe[0] ?? [...r.info.inp][0] ?? ['?', r.e.loc];
        throw new RegoCompileError('rego_unsafe_var_error', `var ${displayVar(n)} is unsafe`, l);
      }
      const [r] = remaining.splice(picked, 1);
      if (!r) break;
      this.nested(r.e, bound, visible);
      for (const m of [r.info.ref, r.info.pat]) for (const n of m.keys()) bound.add(n);
      out.push(r.e);
    }
    return { body: out, bound };
  }

  /** Reorder bodies nested in an expression (comprehensions, every). */
  nested(e: Expr, bound: Set<string>, visible: Set<string>): void {
    const k = e.e;
    if (k.k === 'every') {
      const b = new Set(bound);
      for (const t of [k.key, k.value]) if (t) walkTerm(t, (x) => void (x.type === 'var' && b.add(x.name)));
      k.body = this.reorder(k.body, b, visible).body;
      this.nestedTerm(k.coll, bound, visible);
    } else if (k.k === 'body') {
      k.body = this.reorder(k.body, bound, visible).body;
    } else if (k.k === 'or') {
      k.bodies = k.bodies.map((b) => this.reorder(b, bound, visible).body);
    } else {
      walkExpr(e, (t) => {
        if (t.type === 'arraycomp' || t.type === 'setcomp' || t.type === 'objcomp') {
          this.comprehension(t, bound, visible);
          return false;
        }
        return undefined;
      });
    }
  }

  nestedTerm(t: Term, bound: Set<string>, visible: Set<string>): void {
    walkTerm(t, (x) => {
      if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objcomp') {
        this.comprehension(x, bound, visible);
        return false;
      }
      return undefined;
    });
  }

  comprehension(t: Term & { type: 'arraycomp' | 'setcomp' | 'objcomp' }, bound: Set<string>, visible: Set<string>): void {
    const r = this.reorder(t.body, bound, visible);
    t.body = r.body;
    const heads = t.type === 'objcomp' ? [t.key, t.value] : [t.head];
    for (const h of heads) {
      this.checkHead(h, r.bound);
      this.nestedTerm(h, r.bound, visible);
    }
  }

  checkHead(t: Term, bound: Set<string>): void {
    const info = newInfo();
    this.termInfo(t, 'in', info, new Set());
    for (const [n, l] of [...info.inp, ...info.pat, ...info.ref]) {
      if (!bound.has(n)) throw new RegoCompileError('rego_unsafe_var_error', `var ${displayVar(n)} is unsafe`, l);
    }
  }
}

function displayVar(n: string): string {
  const i = n.indexOf('$');
  return i > 0 ? n.slice(0, i) : n;
}

// ---------------------------------------------------------------------------

export interface ModuleSource {
  path: string;
  source: string;
}

function needsLift(t: Term): boolean {
  let found = false;
  walkTerm(t, (x) => {
    if (x.type === 'ref' || x.type === 'call' || x.type === 'template' || x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objcomp') {
      found = true;
      return false;
    }
    return undefined;
  });
  return found;
}

function groundPrefix(ref: Term[]): { ground: string[]; rest: Term[] } {
  const ground: string[] = [];
  let i = 0;
  for (; i < ref.length; i++) {
    const t = ref[i] as Term;
    if (t.type !== 'string') break;
    ground.push(t.value);
  }
  return { ground, rest: ref.slice(i) };
}

export function compile(sources: ModuleSource[], opts: { v0?: boolean } = {}): CompiledPolicySet {
  const modules = sources.map((s) => parseModule(s.source, s.path, opts));
  return compileParsed(modules, opts.v0 ?? false);
}

export function compileParsed(modules: Module[], v0 = false): CompiledPolicySet {
  const root = new TreeNode([]);
  // Global rule names per package.
  const globalsByPkg = new Map<string, Set<string>>();
  for (const m of modules) {
    const key = m.pkg.join('.');
    let g = globalsByPkg.get(key);
    if (!g) globalsByPkg.set(key, (g = new Set()));
    for (const r of m.rules) g.add((r.ref[0] as Term & { type: 'string' }).value);
    const pn = root.lookup(m.pkg) ?? (() => {
      let n = root;
      for (const p of m.pkg) n = n.child(p);
      return n;
    })();
    for (const a of m.annotations) pn.pkgAnnotations.push(a);
    pn.isPackage = true;
  }
  const compiled: CompiledRule[] = [];
  const funcArities = new Map<string, number>();
  for (const m of modules) {
    for (const r of m.rules) {
      if (r.args) {
        const p = [...m.pkg, ...r.ref.map((t) => (t.type === 'string' ? t.value : '?'))].join('.');
        funcArities.set(p, r.args.length);
      }
    }
  }
  const funcArity = (path: string[]): number | undefined => funcArities.get(path.join('.'));
  const safety = new Safety(funcArity);

  for (const m of modules) {
    const imports = new Map<string, Term>();
    for (const imp of m.imports) {
      const p = imp.path;
      const name = dotted(p);
      if (name === undefined) throw new RegoCompileError('rego_parse_error', 'invalid import path', imp.loc);
      if (name === 'rego.v1' || name.startsWith('future.keywords')) continue;
      const head = name.split('.')[0];
      if (head !== 'data' && head !== 'input')
        throw new RegoCompileError('rego_parse_error', `invalid import path: ${name}`, imp.loc);
      const parts = name.split('.');
      const alias = imp.alias ?? (parts[parts.length - 1] as string);
      imports.set(alias, p);
    }
    const globals = globalsByPkg.get(m.pkg.join('.')) ?? new Set<string>();
    const res = new Resolver(m.pkg, globals, imports, m.file, v0);
    for (const r of m.rules) {
      const c = compileRule(r, m, res, safety, root);
      compiled.push(c);
    }
  }
  // Node kinds and conflicts.
  const visit = (n: TreeNode): boolean => {
    let any = n.rules.length > 0 || n.defaults.length > 0 || n.isPackage;
    for (const c of n.children.values()) if (visit(c)) any = true;
    n.hasRules = any;
    const all = [...n.rules, ...n.defaults];
    if (all.length) {
      const kinds = new Set(all.map((r) => r.kind));
      if (kinds.size > 1) {
        const r = all[0] as CompiledRule;
        throw new RegoCompileError('rego_type_error', `conflicting rules data.${n.path.join('.')} found`, r.rule.loc);
      }
      n.kind = all[0]?.kind;
      n.complete = n.kind === 'single' && all.every((r) => r.rest.length === 0);
      if (n.kind === 'func') {
        const arities = new Set(all.map((r) => r.rule.args?.length));
        if (arities.size > 1)
          throw new RegoCompileError('rego_type_error', `conflicting rules data.${n.path.join('.')} found`, (all[0] as CompiledRule).rule.loc);
      }
      if (n.defaults.length > 1) {
        const d = n.defaults[1] as CompiledRule;
        throw new RegoCompileError('rego_type_error', `multiple default rules data.${n.path.join('.')} found`, d.rule.loc);
      }
    }
    return any;
  };
  visit(root);
  checkRecursion(compiled, root);
  return { root, modules, rules: compiled };
}

function compileRule(r: Rule, m: Module, res: Resolver, safety: Safety, root: TreeNode): CompiledRule {
  // Scope: function args and body-declared variables are locals.
  const scope: Scope = { renames: new Map(), declared: new Set(), parent: undefined };
  if (r.args) for (const a of r.args) walkTerm(a, (x) => void (x.type === 'var' && x.name !== '_' && scope.declared.add(x.name)));
  res.checkRedeclare(r.body, scope.declared);
  for (const n of res.declaredIn(r.body)) scope.declared.add(n);
  const args = r.args?.map((a) => res.term(a, scope));
  const body = res.body(r.body, scope);
  // Head terms: resolve after body declarations (head vars refer to body vars).
  const headTerm = (t: Term | undefined): Term | undefined => {
    if (!t) return undefined;
    // Head vars that are not declared but used in body are locals too.
    return res.term(t, scope);
  };
  // Vars used in the body (non-declared) should also shadow globals in the head.
  const bodyVars = new Map<string, Loc>();
  for (const e of body) exprShallowVars(e, bodyVars);
  for (const n of bodyVars.keys()) scope.declared.add(n);
  const refTerms = r.ref.map((t, i) => (i === 0 ? t : (headTerm(t) as Term)));
  const value = headTerm(r.value);
  const key = headTerm(r.key);
  const elses = r.elses.map((e) => {
    const s2: Scope = { renames: new Map(), declared: new Set(scope.declared), parent: undefined };
    for (const n of res.declaredIn(e.body)) s2.declared.add(n);
    const b = res.body(e.body, s2);
    const bv = new Map<string, Loc>();
    for (const x of b) exprShallowVars(x, bv);
    for (const n of bv.keys()) s2.declared.add(n);
    return { value: e.value ? res.term(e.value, s2) : undefined, body: b, loc: e.loc };
  });

  const bound0 = new Set<string>();
  if (args) for (const a of args) walkTerm(a, (x) => void (x.type === 'var' && bound0.add(x.name)));
  // Head terms with references or calls are evaluated in the body (as OPA does): `p := xs[_]`.
  const liftedNames = new Set<string>();
  const lift = (t: Term | undefined, b: Body): Term | undefined => {
    if (!t || r.isDefault || !needsLift(t)) return t;
    const v: Term = { type: 'var', name: fresh('head'), loc: t.loc };
    liftedNames.add(v.name);
    b.push({ loc: t.loc, negated: false, withs: [], e: { k: 'unify', lhs: v, rhs: t }, text: '' });
    return v;
  };
  const liftedValue = lift(value, body);
  const liftedKey = lift(key, body);
  for (let i = 1; i < refTerms.length; i++) refTerms[i] = lift(refTerms[i], body) as Term;
  const liftedElses = elses.map((e) => ({ ...e, value: lift(e.value, e.body) }));
  const { ground, rest } = groundPrefix(refTerms);
  const path = [...m.pkg, ...ground];
  const kind: RuleKind = args ? 'func' : r.multi ? 'multi' : 'single';
  // Head key/rest vars may be bound by the caller (key lookups), but must be safe from the body alone.
  const reordered = safety.reorder(body, bound0, new Set());
  for (const t of [...rest, ...(liftedValue ? [liftedValue] : []), ...(liftedKey ? [liftedKey] : [])]) {
    safety.checkHead(t, reordered.bound);
    safety.nestedTerm(t, reordered.bound, new Set());
  }
  const newElses = liftedElses.map((e) => {
    const ro = safety.reorder(e.body, bound0, new Set());
    if (e.value) {
      safety.checkHead(e.value, ro.bound);
      safety.nestedTerm(e.value, ro.bound, new Set());
    }
    return { value: e.value, body: ro.body, loc: e.loc };
  });
  const resolved: Rule = { ...r, ref: refTerms, args, value: liftedValue, key: liftedKey, body: reordered.body, elses: newElses };
  const lookupKey = rest[0] ?? (kind === 'multi' ? liftedKey : undefined);
  const keyLifted = lookupKey?.type === 'var' && liftedNames.has(lookupKey.name);
  const c: CompiledRule = { rule: resolved, kind, path, rest, body: reordered.body, keyLifted };
  let node = root;
  for (const p of path) node = node.child(p);
  if (r.isDefault) {
    if (rest.length) throw new RegoCompileError('rego_type_error', 'default rules must not have variables in their head reference', r.loc);
    node.defaults.push(c);
  } else node.rules.push(c);
  return c;
}

function checkRecursion(rules: CompiledRule[], root: TreeNode): void {
  // Edges: rule node -> rule nodes it references.
  const nodeOf = (r: CompiledRule): TreeNode => root.lookup(r.path) as TreeNode;
  const edges = new Map<TreeNode, Set<TreeNode>>();
  const targets = (path: string[]): TreeNode[] => {
    const out: TreeNode[] = [];
    let n: TreeNode | undefined = root;
    for (const p of path) {
      if (!n) break;
      if (n.rules.length || n.defaults.length) out.push(n);
      n = n.children.get(p);
    }
    if (n && path.length >= 2) {
      const stack = [n];
      while (stack.length) {
        const x = stack.pop() as TreeNode;
        if (x.rules.length || x.defaults.length) out.push(x);
        for (const c of x.children.values()) stack.push(c);
      }
    }
    return out;
  };
  for (const r of rules) {
    const from = nodeOf(r);
    let set = edges.get(from);
    if (!set) edges.set(from, (set = new Set()));
    const s = set;
    const visitTerm = (t: Term): void => {
      if (t.type === 'ref' && t.head.type === 'var' && t.head.name === 'data') {
        const p: string[] = [];
        for (const x of t.path) {
          if (x.type !== 'string') break;
          p.push(x.value);
        }
        for (const n of targets(p)) s.add(n);
      } else if (t.type === 'call' && t.resolved?.kind === 'func') {
        for (const n of targets(t.resolved.path)) s.add(n);
      }
    };
    const all: Term[] = [...r.rest];
    if (r.rule.value) all.push(r.rule.value);
    if (r.rule.key) all.push(r.rule.key);
    for (const t of all) walkTerm(t, (x) => void visitTerm(x));
    walkBody(r.body, (x) => void visitTerm(x));
    for (const e of r.rule.elses) {
      walkBody(e.body, (x) => void visitTerm(x));
      if (e.value) walkTerm(e.value, (x) => void visitTerm(x));
    }
  }
  const state = new Map<TreeNode, number>();
  const stack: TreeNode[] = [];
  const dfs = (n: TreeNode): void => {
    state.set(n, 1);
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const st = state.get(m);
      if (st === 1) {
        const cyc = stack.slice(stack.indexOf(m)).map((x) => 'data.' + x.path.join('.'));
        cyc.push('data.' + m.path.join('.'));
        const r = m.rules[0] ?? m.defaults[0];
        throw new RegoCompileError(
          'rego_recursion_error',
          `rule data.${m.path.join('.')} is recursive: ${cyc.join(' -> ')}`,
          r ? r.rule.loc : { file: '', line: 0, col: 0 },
        );
      }
      if (st === undefined) dfs(m);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of edges.keys()) if (!state.has(n)) dfs(n);
}

/** Compile a query body against a policy set: resolve names and reorder. */
export function compileQuery(body: Body, set: CompiledPolicySet, pkg: string[] = []): Body {
  const globals = new Set<string>();
  const pn = set.root.lookup(pkg);
  if (pn && pkg.length) for (const k of pn.children.keys()) globals.add(k);
  const res = new Resolver(pkg, globals, new Map(), 'query');
  const scope: Scope = { renames: new Map(), declared: new Set(res.declaredIn(body)), parent: undefined };
  const resolved = res.body(body, scope);
  const funcArity = (path: string[]): number | undefined => {
    const n = set.root.lookup(path);
    const r = n?.rules[0] ?? n?.defaults[0];
    return r?.rule.args?.length;
  };
  return new Safety(funcArity).reorder(resolved, new Set(), new Set()).body;
}
