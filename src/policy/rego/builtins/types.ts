/** Shared types for builtin implementations. */
import type { Value } from '../value.js';

export interface BuiltinContext {
  /** Nanoseconds since epoch, fixed for one query. */
  nowNs: number;
  strict: boolean;
  print: (msg: string) => void;
  /** Evaluator hooks for metadata builtins. */
  metadataRule: () => Value;
  metadataChain: () => Value;
}

export interface BuiltinDef {
  name: string;
  /** Number of input operands. A call with one more argument binds the result to it. */
  arity: number;
  /** Returns undefined when the result is undefined. Throws BuiltinError on errors. */
  fn: (args: Value[], ctx: BuiltinContext) => Value | undefined;
  /** Removed in Rego v1: only resolvable when compiling Rego v0. */
  deprecated?: boolean;
}
