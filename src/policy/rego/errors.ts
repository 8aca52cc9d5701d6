/** Error types raised by the Rego parser, compiler and evaluator. */
import type { Loc } from './ast.js';

/** A parse or compile error, located at file:line:col. */
export class RegoCompileError extends Error {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly detail: string;
  constructor(code: string, detail: string, loc: Loc) {
    super(`${loc.file}:${loc.line}:${loc.col}: ${code}: ${detail}`);
    this.name = 'RegoCompileError';
    this.code = code;
    this.file = loc.file;
    this.line = loc.line;
    this.col = loc.col;
    this.detail = detail;
  }
}

/** An evaluation error (conflicts, builtin errors in strict mode, type errors). */
export class RegoEvalError extends Error {
  readonly code: string;
  readonly detail: string;
  readonly loc: Loc | undefined;
  constructor(code: string, detail: string, loc?: Loc) {
    super(loc ? `${loc.file}:${loc.line}: ${code}: ${detail}` : `${code}: ${detail}`);
    this.name = 'RegoEvalError';
    this.code = code;
    this.detail = detail;
    this.loc = loc;
  }
}

/** Thrown by builtins; converted to `eval_builtin_error` or `eval_type_error` by the evaluator. */
export class BuiltinError extends Error {
  readonly code: 'eval_builtin_error' | 'eval_type_error';
  constructor(message: string, code: 'eval_builtin_error' | 'eval_type_error' = 'eval_builtin_error') {
    super(message);
    this.code = code;
  }
}
