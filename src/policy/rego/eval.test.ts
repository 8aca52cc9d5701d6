/**
 * Evaluation semantics. Expected values are what OPA returns for the same policies
 * (Rego v1 semantics as documented at openpolicyagent.org/docs/policy-language).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from './index.js';
import { RegoEvalError, compileModules, evaluate, evaluateRef, toJSON } from './index.js';

function mod(source: string): ReturnType<typeof compileModules> {
  return compileModules([{ path: 'test.rego', source }]);
}

function val(source: string, rule: string, opts: Parameters<typeof evaluateRef>[2] = {}): unknown {
  const v = evaluateRef(mod(source), ['test', rule], opts);
  return v === undefined ? undefined : toJSON(v);
}

describe('undefined and negation', () => {
  it('not of an undefined reference is true', () => {
    assert.equal(val('package test\np if not input.missing', 'p', { input: {} }), true);
  });
  it('not of false is true, not of a defined non-false value is undefined', () => {
    const src = 'package test\na if not false\nb if not 0\nc if not input.x';
    assert.equal(val(src, 'a'), true);
    assert.equal(val(src, 'b'), undefined);
    assert.equal(val(src, 'c', { input: { x: 1 } }), undefined);
  });
  it('undefined propagates through calls and comparisons (default applies)', () => {
    const src = 'package test\ndefault p := "default"\np := "set" if input.a.b == 1';
    assert.equal(val(src, 'p', { input: {} }), 'default');
    assert.equal(val(src, 'p', { input: { a: { b: 1 } } }), 'set');
  });
  it('not over a negated undefined function call', () => {
    const src = 'package test\nf(x) := true if x > 10\np if not f(3)\nq if not f(30)';
    assert.equal(val(src, 'p'), true);
    assert.equal(val(src, 'q'), undefined);
  });
});

describe('every', () => {
  it('is true over empty collections', () => {
    const src = 'package test\np if every x in [] { x > 100 }\nq if every k, v in {} { k == v }\nr if every x in set() { false }';
    assert.equal(val(src, 'p'), true);
    assert.equal(val(src, 'q'), true);
    assert.equal(val(src, 'r'), true);
  });
  it('is false when one element fails, and undefined domains make it fail', () => {
    const src = 'package test\np if every x in [1, 2, 3] { x < 3 }\nq if every x in input.nope { x }';
    assert.equal(val(src, 'p'), undefined);
    assert.equal(val(src, 'q', { input: {} }), undefined);
  });
  it('iterates keys and values of objects', () => {
    const src = 'package test\np if every k, v in {"a": "a", "b": "b"} { k == v }';
    assert.equal(val(src, 'p'), true);
  });
});

describe('partial rules', () => {
  it('partial object rules raise a conflict on duplicate keys with different values', () => {
    const set = mod('package test\np[k] := v if { some k, v in {"a": 1} }\np[k] := 2 if k := "a"');
    assert.throws(
      () => evaluate(set, 'x := data.test.p'),
      (e: unknown) => e instanceof RegoEvalError && e.code === 'eval_conflict_error' && e.message.includes('object keys must be unique'),
    );
  });
  it('same key with the same value is not a conflict', () => {
    assert.deepEqual(val('package test\np[k] := 1 if k := "a"\np[k] := 1 if k := "a"', 'p'), { a: 1 });
  });
  it('looks up a ground key without enumerating the other elements', () => {
    const src = 'package test\np contains x if {\n  some x in [1, 2, 3]\n  print("eval", x)\n}';
    const lines: string[] = [];
    const rs = evaluate(mod(src), 'data.test.p[2]', { printSink: (m) => lines.push(m) });
    assert.equal(rs.length, 1);
    assert.deepEqual(lines, ['eval 2']);
  });
  it('multi-level ref heads build nested objects', () => {
    assert.deepEqual(val('package test\na.b[x].c := x if some x in ["p", "q"]', 'a'), { b: { p: { c: 'p' }, q: { c: 'q' } } });
  });
});

describe('complete rules and functions', () => {
  it('complete rules with different values conflict', () => {
    const set = mod('package test\np := 1\np := 2 if true');
    assert.throws(
      () => evaluate(set, 'x := data.test.p'),
      (e: unknown) => e instanceof RegoEvalError && e.code === 'eval_conflict_error' && e.detail === 'complete rules must not produce multiple outputs',
    );
  });
  it('functions with multiple outputs for the same input conflict', () => {
    const set = mod('package test\nf(x) := 1 if x > 0\nf(x) := 2 if x > 1\np := f(5)');
    assert.throws(() => evaluate(set, 'x := data.test.p'), /functions must not produce multiple outputs for same inputs/);
  });
  it('else chains take the first clause whose body succeeds', () => {
    const src = `package test
f(x) := "small" if { x < 10 } else := "medium" if { x < 100 } else := "large"
a := f(1)
b := f(50)
c := f(500)`;
    assert.equal(val(src, 'a'), 'small');
    assert.equal(val(src, 'b'), 'medium');
    assert.equal(val(src, 'c'), 'large');
  });
  it('else without a value yields true in Rego v1', () => {
    assert.equal(val('package test\np := false if { false } else if { true }', 'p'), true);
  });
  it('functions can destructure arguments', () => {
    assert.equal(val('package test\nf([a, b]) := a + b\np := f([1, 2])', 'p'), 3);
  });
});

describe('with', () => {
  it('replaces input and nested input paths', () => {
    const src = 'package test\nq := input.a\np := x if x := q with input as {"a": 1}\nr := x if x := q with input.a as 2';
    assert.equal(val(src, 'p', { input: { a: 0 } }), 1);
    assert.equal(val(src, 'r', { input: { a: 0 } }), 2);
    assert.equal(val(src, 'q', { input: { a: 0 } }), 0);
  });
  it('replaces data paths and invalidates memoized rules', () => {
    const src = 'package test\nq := data.cfg.limit\np := [q, r]\nr := x if x := q with data.cfg.limit as 5';
    assert.deepEqual(val(src, 'p', { data: { cfg: { limit: 1 } } }), [1, 5]);
  });
  it('replaces functions and builtins', () => {
    const src = `package test
f(x) := x * 10
mock(_) := 7
a := x if x := f(1) with f as mock
b := x if x := count([1, 2, 3]) with count as mock
c := x if x := f(2) with f as 99`;
    assert.equal(val(src, 'a'), 7);
    assert.equal(val(src, 'b'), 7);
    assert.equal(val(src, 'c'), 99);
  });
});

describe('values', () => {
  it('sets and arrays are never equal', () => {
    const src = 'package test\na if [1, 2] == [1, 2]\nb if ({1, 2} == {2, 1})\nc if [1, 2] == {1, 2}';
    assert.equal(val(src, 'a'), true);
    assert.equal(val(src, 'b'), true);
    assert.equal(val(src, 'c'), undefined);
  });
  it('objects with non-string keys are distinct from string keys', () => {
    const src = 'package test\np := {1: "a"}\nq if p[1] == "a"\nr if p["1"]';
    assert.equal(val(src, 'q'), true);
    assert.equal(val(src, 'r'), undefined);
  });
  it('unification destructures arrays and objects', () => {
    const rs = evaluate(mod('package test'), '[a, {"k": b}] = [1, {"k": [2]}]');
    assert.deepEqual(rs.map((r) => toJSON(r as Value)), [{ a: 1, b: [2] }]);
  });
  it('comprehensions and iteration order follow Rego ordering', () => {
    assert.deepEqual(val('package test\np := [k | some k, _ in {"b": 1, "a": 2, "c": 3}]', 'p'), ['a', 'b', 'c']);
  });
  it('plain JSON input is used as-is, including keys like __proto__ and constructor', () => {
    const input = JSON.parse('{"__proto__": {"x": 1}, "constructor": 2}') as Value;
    assert.deepEqual(val('package test\np := [input.__proto__.x, input.constructor]\nq := input.toString', 'p', { input }), [1, 2]);
    assert.equal(val('package test\nq := input.toString', 'q', { input }), undefined);
  });
});

describe('builtin errors', () => {
  const src = 'package test\np := x if x := 1 / input.d';
  it('are undefined in the default mode', () => {
    assert.equal(val(src, 'p', { input: { d: 0 } }), undefined);
  });
  it('raise eval_builtin_error in strict mode', () => {
    assert.throws(
      () => evaluateRef(mod(src), ['test', 'p'], { input: { d: 0 }, strictBuiltinErrors: true }),
      (e: unknown) => e instanceof RegoEvalError && e.code === 'eval_builtin_error' && e.message.includes('div: divide by zero'),
    );
  });
  it('raise eval_type_error for wrong operand types in strict mode', () => {
    assert.throws(
      () => evaluateRef(mod('package test\np := input.a + 1'), ['test', 'p'], { input: { a: 'x' }, strictBuiltinErrors: true }),
      (e: unknown) => e instanceof RegoEvalError && e.code === 'eval_type_error' && e.message.includes('plus: operand 1 must be number but got string'),
    );
  });
});

describe('reordering and time', () => {
  it('binds variables before use regardless of textual order', () => {
    assert.equal(val('package test\np := y if {\n  y == x + 1\n  x := 2\n  y = 3\n}', 'p'), 3);
  });
  it('time.now_ns is fixed per query and taken from the options', () => {
    const now = Date.UTC(2024, 0, 2, 3, 4, 5);
    assert.deepEqual(val('package test\np := [time.now_ns() == time.now_ns(), time.date(time.now_ns())]', 'p', { now }), [true, [2024, 1, 2]]);
  });
});

describe('documents and print', () => {
  it('merges base documents and rules under data', () => {
    const set = mod('package test\np := 1');
    const rs = evaluate(set, 'x := data.test', { data: { test: { base: true }, other: 2 } });
    assert.deepEqual(toJSON(rs[0]?.['x'] ?? null), { base: true, p: 1 });
    assert.deepEqual(toJSON(evaluate(set, 'x := data.other', { data: { other: 2 } })[0]?.['x'] ?? null), 2);
  });
  it('an empty package is an empty object, an unknown one is undefined', () => {
    const set = compileModules([{ path: 'a.rego', source: 'package empty' }]);
    assert.deepEqual(toJSON(evaluate(set, 'x := data.empty')[0]?.['x'] ?? null), {});
    assert.equal(evaluate(set, 'x := data.nope').length, 0);
  });
  it('print formats values and marks undefined arguments', () => {
    const lines: string[] = [];
    evaluate(mod('package test\np if print("s", 1, ["a"], {1}, input.nope)'), 'data.test.p', { printSink: (m) => lines.push(m), input: {} });
    assert.deepEqual(lines, ['s 1 ["a"] {1} <undefined>']);
  });
  it('object comprehensions with conflicting keys raise a conflict', () => {
    assert.throws(() => evaluate(mod('package test\np := {k: v | some v in [1, 2]; k := "a"}'), 'x := data.test.p'), /object keys must be unique/);
  });
});

describe('timeouts', () => {
  it('abort long evaluations with eval_cancel_error', () => {
    const set = mod('package test\np := count([1 | some a in numbers.range(1, 3000); some b in numbers.range(1, 3000); a == b])');
    assert.throws(
      () => evaluate(set, 'x := data.test.p', { timeoutMs: 20 }),
      (e: unknown) => e instanceof RegoEvalError && e.code === 'eval_cancel_error',
    );
  });
});
