/**
 * Public API of the built-in Rego evaluator.
 *
 *   const set = compileModules([{ path: 'policies/x.rego', source }]);
 *   const rs = evaluate(set, 'data.x.deny', { input });      // query string
 *   const v = evaluateRef(set, ['x', 'deny'], { input });     // one document
 */
import type { Annotations, Body, Term } from './ast.js';
import type { CompiledPolicySet, CompiledRule, ModuleSource, TreeNode } from './compiler.js';
import { compile, compileQuery, walkExpr } from './compiler.js';
import type { EvalOptions } from './eval.js';
import { Evaluator } from './eval.js';
import { RegoCompileError, RegoEvalError } from './errors.js';
import { parseQuery } from './parser.js';
import type { Value } from './value.js';

export type { CompiledPolicySet, ModuleSource } from './compiler.js';
export type { Value, JsonObject } from './value.js';
export { RegoSet, RegoObject, toJSON, compare, equal } from './value.js';
export { RegoCompileError, RegoEvalError } from './errors.js';
export { builtinNames } from './builtins/index.js';
/**
 * A long-lived evaluation session: `new Evaluator(set, options).query(prepared.body, prepared.vars)`.
 * Queries on one Evaluator share memoized rule values (same input, data and time).
 */
export { Evaluator } from './eval.js';
export type { EvalOptions } from './eval.js';

/** Options for one evaluation. `input`/`data` are plain JSON values (used as-is, never copied). */
export interface EvaluateOptions {
  input?: Value;
  /** Base documents, merged under `data` with the policies' rules. */
  data?: Value;
  /** Raise builtin errors instead of treating them as undefined. */
  strictBuiltinErrors?: boolean;
  /** Receives the output of `print()` calls. */
  printSink?: (msg: string) => void;
  /** Time returned by `time.now_ns()` (fixed for the query). Default: now. */
  now?: Date | number;
  /** Abort with `eval_cancel_error` after this many milliseconds. */
  timeoutMs?: number;
}

/** One solution of a query: variable name → value. */
export type Bindings = Record<string, Value>;

/** Options for `compileModules`. */
export interface CompileOptions {
  /** `v1` (default) or `v0` for legacy policies (like `opa --v0-compatible`). */
  regoVersion?: 'v0' | 'v1';
}

/** Parse and compile modules. Throws `RegoCompileError` (with file, line, col) on errors. */
export function compileModules(modules: ModuleSource[], options: CompileOptions = {}): CompiledPolicySet {
  return compile(modules, { v0: options.regoVersion === 'v0' });
}

function toEvalOptions(o: EvaluateOptions): EvalOptions {
  const r: EvalOptions = {};
  if (o.input !== undefined) r.input = o.input;
  if (o.data !== undefined) r.data = o.data;
  if (o.strictBuiltinErrors !== undefined) r.strictBuiltinErrors = o.strictBuiltinErrors;
  if (o.printSink !== undefined) r.printSink = o.printSink;
  if (o.now !== undefined) r.now = o.now;
  if (o.timeoutMs !== undefined) r.timeoutMs = o.timeoutMs;
  return r;
}

function queryVars(body: Body): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of body) {
    walkExpr(e, (t: Term) => {
      if (t.type === 'arraycomp' || t.type === 'setcomp' || t.type === 'objcomp') return false;
      if (t.type === 'var' && !t.name.includes('$') && t.name !== 'input' && t.name !== 'data' && !seen.has(t.name)) {
        seen.add(t.name);
        out.push(t.name);
      }
      return undefined;
    });
    if (e.e.k === 'every') {
      // every-local variables are not query variables
    }
  }
  return out;
}

/** A compiled query, reusable across evaluations. */
export interface PreparedQuery {
  body: Body;
  vars: string[];
}

/** Parse and compile a query body such as `data.x.allow == true; y := 1`. */
export function prepareQuery(compiled: CompiledPolicySet, query: string): PreparedQuery {
  const parsed = parseQuery(query, 'query');
  const body = compileQuery(parsed, compiled);
  return { body, vars: queryVars(parsed.length ? body : body) };
}

/**
 * Evaluate a query. Returns one `Bindings` per solution (empty array: undefined).
 * Throws `RegoEvalError` for conflicts and, in strict mode, builtin errors.
 */
export function evaluate(compiled: CompiledPolicySet, query: string | PreparedQuery, opts: EvaluateOptions = {}): Bindings[] {
  const q = typeof query === 'string' ? prepareQuery(compiled, query) : query;
  const ev = new Evaluator(compiled, toEvalOptions(opts));
  return ev.query(q.body, q.vars).map((m) => {
    const o: Bindings = {};
    for (const [k, v] of m) o[k] = v;
    return o;
  });
}

/** Evaluate one document, e.g. `['cloudwarden', 'aws', 'deny']` for `data.cloudwarden.aws.deny`. */
export function evaluateRef(compiled: CompiledPolicySet, path: readonly string[], opts: EvaluateOptions = {}): Value | undefined {
  const q = prepareQuery(compiled, `__result__ = data${path.map((p) => `[${JSON.stringify(p)}]`).join('')}`);
  const rs = evaluate(compiled, q, opts);
  return rs[0]?.['__result__'];
}

/** A rule with its METADATA annotations. */
export interface RuleInfo {
  /** `data.` path of the rule's node, e.g. `data.cloudwarden.aws.s3.deny`. */
  path: string;
  kind: 'single' | 'multi' | 'func';
  isDefault: boolean;
  file: string;
  line: number;
  col: number;
  /** Annotations attached to the rule (scope rule/document). */
  annotations: Annotations[];
  /** Annotations of the rule's package (scope package/subpackages). */
  packageAnnotations: Annotations[];
}

/** List every rule definition with its annotations. */
export function listRules(compiled: CompiledPolicySet): RuleInfo[] {
  return compiled.rules.map((r: CompiledRule) => {
    const pkgNode: TreeNode | undefined = compiled.root.lookup(r.rule.pkg);
    return {
      path: 'data.' + r.path.join('.'),
      kind: r.kind,
      isDefault: r.rule.isDefault,
      file: r.rule.file,
      line: r.rule.loc.line,
      col: r.rule.loc.col,
      annotations: r.rule.annotations,
      packageAnnotations: (pkgNode?.pkgAnnotations ?? []) as Annotations[],
    };
  });
}

/** Outcome of one `test_*` rule. */
export interface TestResult {
  /** e.g. `data.pkg.test_bucket_public` */
  name: string;
  file: string;
  line: number;
  pass: boolean;
  /** For failures: the text of the first expression that made the body fail. */
  failedExpression?: string;
  /** For errors during evaluation. */
  error?: string;
  /** `todo_test_*` rules are reported as skipped, like `opa test`. */
  skipped?: boolean;
  durationMs: number;
}

/** Run every rule whose name starts with `test_`, like `opa test` (`todo_test_*` rules are reported as skipped). */
export function runTests(compiled: CompiledPolicySet, opts: EvaluateOptions = {}): TestResult[] {
  const out: TestResult[] = [];
  const seen = new Set<string>();
  for (const r of compiled.rules) {
    const name = r.path[r.path.length - 1] ?? '';
    const todo = name.startsWith('todo_test_');
    if ((!name.startsWith('test_') && !todo) || r.kind !== 'single' || r.rest.length) continue;
    const full = 'data.' + r.path.join('.');
    if (seen.has(full)) continue;
    seen.add(full);
    if (todo) {
      out.push({ name: full, file: r.rule.file, line: r.rule.loc.line, pass: false, skipped: true, durationMs: 0 });
      continue;
    }
    const t0 = performance.now();
    const res: TestResult = { name: full, file: r.rule.file, line: r.rule.loc.line, pass: false, durationMs: 0 };
    try {
      const v = evaluateRef(compiled, r.path, opts);
      res.pass = v !== undefined && v !== false;
      if (!res.pass) {
        const fe = failingExpression(compiled, r, opts);
        if (fe !== undefined) res.failedExpression = fe;
      }
    } catch (e) {
      if (e instanceof RegoEvalError || e instanceof RegoCompileError) res.error = e.message;
      else throw e;
    }
    res.durationMs = performance.now() - t0;
    out.push(res);
  }
  return out;
}

function failingExpression(compiled: CompiledPolicySet, r: CompiledRule, opts: EvaluateOptions): string | undefined {
  const ev = new Evaluator(compiled, toEvalOptions(opts));
  const body = r.body;
  for (let n = 1; n <= body.length; n++) {
    const prefix = body.slice(0, n);
    const ok = ev.evalBody(prefix, 0, new Map(), () => true);
    if (!ok) return (body[n - 1] as Body[number]).text;
  }
  return undefined;
}
