/** Parse and compile errors (locations and codes), METADATA, rule listing and `opa test`-style runs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RegoCompileError, compileModules, evaluate, listRules, runTests, toJSON } from './index.js';

function compileError(source: string, path = 'policies/aws/s3/public.rego'): RegoCompileError {
  try {
    compileModules([{ path, source }]);
  } catch (e) {
    if (e instanceof RegoCompileError) return e;
    throw e;
  }
  throw new Error('expected a compile error');
}

describe('parse errors', () => {
  it('name file, line and column and what was expected', () => {
    const e = compileError('package test\n\np if {\n    input.x == 1 if\n}\n');
    assert.equal(e.code, 'rego_parse_error');
    assert.equal(e.file, 'policies/aws/s3/public.rego');
    assert.equal(e.line, 4);
    assert.equal(e.col, 18);
    assert.equal(e.message, "policies/aws/s3/public.rego:4:18: rego_parse_error: expected '}' but found 'if'");
  });
  it('reject Rego v0 rule bodies without `if`', () => {
    const e = compileError('package test\n\nallow {\n  true\n}\n');
    assert.equal(e.message, 'policies/aws/s3/public.rego:3:7: rego_parse_error: `if` keyword is required before rule body');
  });
  it('report a missing package', () => {
    const e = compileError('p := 1\n');
    assert.equal(e.code, 'rego_parse_error');
    assert.equal(e.line, 1);
    assert.equal(e.col, 1);
    assert.match(e.detail, /expected 'package'/);
  });
  it('report unterminated strings at their start', () => {
    const e = compileError('package test\np := "abc\n');
    assert.equal(e.line, 2);
    assert.equal(e.col, 6);
    assert.match(e.detail, /non-terminated string/);
  });
  it('report an unclosed body at EOF', () => {
    const e = compileError('package test\np if {\n  true\n');
    assert.equal(e.code, 'rego_parse_error');
    assert.match(e.detail, /expected '}' but found EOF/);
  });
});

describe('compile errors', () => {
  it('unsafe variables are reported at the variable', () => {
    const e = compileError('package test\n\np if {\n  x > 1\n}\n');
    assert.equal(e.code, 'rego_unsafe_var_error');
    assert.equal(e.detail, 'var x is unsafe');
    assert.deepEqual([e.line, e.col], [4, 3]);
  });
  it('unsafe head variables are reported', () => {
    const e = compileError('package test\np contains y if input.x\n');
    assert.equal(e.code, 'rego_unsafe_var_error');
    assert.equal(e.detail, 'var y is unsafe');
  });
  it('recursion is rejected', () => {
    const e = compileError('package test\np if q\nq if p\n');
    assert.equal(e.code, 'rego_recursion_error');
    assert.match(e.detail, /data\.test\.[pq] is recursive/);
  });
  it('unknown functions are rejected', () => {
    const e = compileError('package test\np if nope(1)\n');
    assert.equal(e.code, 'rego_type_error');
    assert.equal(e.detail, 'undefined function nope');
  });
  it('assigning a variable twice with := is rejected', () => {
    const e = compileError('package test\np if {\n  x := 1\n  x := 2\n}\n');
    assert.equal(e.code, 'rego_compile_error');
    assert.equal(e.detail, 'var x assigned above');
    assert.deepEqual([e.line, e.col], [4, 3]);
  });
  it('calls with the wrong number of arguments are rejected', () => {
    const e = compileError('package test\np if count([1], 2, 3)\n');
    assert.equal(e.code, 'rego_type_error');
    assert.match(e.detail, /^count: arity mismatch/);
  });
  it('mixing rule kinds at one path is a conflict', () => {
    const e = compileError('package test\np := 1\np contains 2\n');
    assert.equal(e.code, 'rego_type_error');
    assert.match(e.detail, /conflicting rules data\.test\.p found/);
  });
});

describe('modules and imports', () => {
  it('merges packages across modules and resolves import aliases', () => {
    const set = compileModules([
      { path: 'a.rego', source: 'package lib.util\nis_public(b) if b.acl == "public-read"' },
      { path: 'b.rego', source: 'package checks\nimport data.lib.util as u\nimport rego.v1\ndeny contains b.name if { some b in input.buckets; u.is_public(b) }' },
    ]);
    const rs = evaluate(set, 'x := data.checks.deny', { input: { buckets: [{ name: 'a', acl: 'public-read' }, { name: 'b', acl: 'private' }] } });
    assert.deepEqual(toJSON(rs[0]?.['x'] ?? null), ['a']);
  });
});

describe('METADATA annotations', () => {
  const source = `# METADATA
# title: S3 checks
# description: Buckets
package checks.s3

# METADATA
# title: Public bucket
# custom:
#   severity: high
deny contains "x" if input.public

# METADATA
# scope: document
# title: Document level
allow := true
`;
  it('attach to the rule that follows, keeping their scope, and to the package', () => {
    const rules = listRules(compileModules([{ path: 's3.rego', source }]));
    const deny = rules.find((r) => r.path === 'data.checks.s3.deny');
    assert.ok(deny);
    assert.equal(deny.annotations[0]?.['title'], 'Public bucket');
    assert.equal(deny.annotations[0]?.scope, 'rule');
    assert.deepEqual(deny.annotations[0]?.['custom'], { severity: 'high' });
    assert.equal(deny.packageAnnotations[0]?.['title'], 'S3 checks');
    assert.equal(deny.packageAnnotations[0]?.scope, 'package');
    const allow = rules.find((r) => r.path === 'data.checks.s3.allow');
    assert.equal(allow?.annotations[0]?.scope, 'document');
  });
  it('are returned by rego.metadata.rule()', () => {
    const set = compileModules([{ path: 'm.rego', source: 'package t\n# METADATA\n# title: T\np := rego.metadata.rule()' }]);
    assert.deepEqual(toJSON(evaluate(set, 'x := data.t.p')[0]?.['x'] ?? null), { scope: 'rule', title: 'T' });
  });
});

describe('runTests', () => {
  it('reports pass/fail per test and the failing expression', () => {
    const set = compileModules([
      {
        path: 'p_test.rego',
        source: `package p
allow if input.user == "admin"
test_admin if allow with input as {"user": "admin"}
test_guest if {
  x := 1
  allow with input as {"user": "guest"}
}
todo_test_later if false
`,
      },
    ]);
    const results = runTests(set);
    assert.deepEqual(
      results.filter((r) => !r.skipped).map((r) => [r.name, r.pass]),
      [
        ['data.p.test_admin', true],
        ['data.p.test_guest', false],
      ],
    );
    assert.equal(results[1]?.failedExpression, 'allow with input as {"user": "guest"}');
    assert.equal(results[2]?.name, 'data.p.todo_test_later');
    assert.equal(results[2]?.skipped, true);
  });
});

describe('Rego v0 compatibility', () => {
  const v0 = `package legacy
import future.keywords.in
deny[msg] {
  some b in input.buckets
  b.public
  msg := sprintf("bucket %s is public", [b.name])
}
allow = true { count(deny) == 0 }
default level = "low"
level = "high" { re_match("^prod", input.env) } { input.critical }
`;
  it('compiles v0 syntax when asked: partial sets, = heads, multiple bodies, deprecated builtins', () => {
    const set = compileModules([{ path: 'legacy.rego', source: v0 }], { regoVersion: 'v0' });
    const input = { buckets: [{ name: 'a', public: true }], env: 'dev', critical: true };
    const rs = evaluate(set, 'x := data.legacy', { input });
    assert.deepEqual(toJSON(rs[0]?.['x'] ?? null), { deny: ['bucket a is public'], level: 'high' });
  });
  it('rejects v0 syntax and removed builtins in v1', () => {
    assert.equal(compileError(v0).code, 'rego_parse_error');
    assert.equal(compileError('package t\np if re_match("a", "a")').detail, 'undefined function re_match');
  });
});
