/** AST of Rego v1 modules and queries. */

export interface Loc {
  file: string;
  line: number;
  col: number;
}

export type Term =
  | { type: 'null'; loc: Loc }
  | { type: 'bool'; value: boolean; loc: Loc }
  | { type: 'number'; value: number; raw: string; loc: Loc }
  | { type: 'string'; value: string; loc: Loc }
  | { type: 'var'; name: string; loc: Loc }
  /** `head.a[b]...`; dotted names are string terms in `path`. */
  | { type: 'ref'; head: Term; path: Term[]; loc: Loc }
  | { type: 'array'; items: Term[]; loc: Loc }
  | { type: 'set'; items: Term[]; loc: Loc }
  | { type: 'object'; items: [Term, Term][]; loc: Loc }
  /** `spread`: a template-string expression with `with` modifiers, whose elements are its values. */
  | { type: 'arraycomp'; head: Term; body: Body; loc: Loc; spread?: boolean }
  | { type: 'setcomp'; head: Term; body: Body; loc: Loc }
  | { type: 'objcomp'; key: Term; value: Term; body: Body; loc: Loc }
  /** A call; `op` is the dotted name as written (resolved by the compiler). */
  | { type: 'call'; op: string; opTerm?: Term; args: Term[]; loc: Loc; resolved?: CallTarget; prep?: CallPrep }
  | { type: 'template'; parts: (string | Term)[]; loc: Loc };

export type CallTarget =
  | { kind: 'builtin'; name: string }
  | { kind: 'func'; path: string[] }
  | { kind: 'dynamic' };

/** Evaluation-time cache on call terms (set on first evaluation). */
export interface CallPrep {
  key: string;
  inputs: Term[];
  out: Term | undefined;
}

export interface With {
  target: Term;
  value: Term;
  loc: Loc;
}

export type ExprKind =
  | { k: 'term'; term: Term }
  | { k: 'assign'; lhs: Term; rhs: Term }
  | { k: 'unify'; lhs: Term; rhs: Term }
  | { k: 'some'; vars: Term[] }
  | { k: 'somein'; key: Term | undefined; value: Term; coll: Term }
  | { k: 'every'; key: Term | undefined; value: Term; coll: Term; body: Body }
  /** `not { ... }` (negated body). */
  | { k: 'body'; body: Body }
  /** Experimental `a or b` / `a and b`: succeeds once if any body succeeds; bindings stay inside. */
  | { k: 'or'; bodies: Body[] };

export interface Expr {
  loc: Loc;
  negated: boolean;
  withs: With[];
  e: ExprKind;
  /** Source text of the expression (for test failure reports). */
  text: string;
}

export type Body = Expr[];

export interface Annotations {
  scope: string;
  [key: string]: unknown;
}

export interface ElseClause {
  value: Term | undefined;
  body: Body;
  loc: Loc;
}

export interface Rule {
  loc: Loc;
  file: string;
  /** Head reference after the package path: first element is the rule name (string term). */
  ref: Term[];
  /** Function arguments, when this rule is a function. */
  args: Term[] | undefined;
  /** `contains` rules: the element term. */
  multi: boolean;
  key: Term | undefined;
  value: Term | undefined;
  body: Body;
  isDefault: boolean;
  elses: ElseClause[];
  annotations: Annotations[];
  /** The module's package path (without `data`). */
  pkg: string[];
  text: string;
}

export interface Import {
  path: Term;
  alias: string | undefined;
  loc: Loc;
}

export interface Module {
  file: string;
  pkg: string[];
  pkgLoc: Loc;
  imports: Import[];
  rules: Rule[];
  annotations: Annotations[];
}
