/**
 * Keeps the policy library honest: every check has valid METADATA, a unique id tied to its path,
 * a `_test.rego` beside it with passing tests, and a line in docs/policies.md.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BUILTIN_POLICY_DIR, loadPolicies } from '../../src/policy/load-policies.js';
import { runTests } from '../../src/policy/rego/index.js';
import { renderPoliciesDoc, POLICIES_DOC_PATH } from '../../src/policy/policies-doc.js';

const loaded = await loadPolicies([BUILTIN_POLICY_DIR], { includeTests: true });

test('the built-in policy folder loads: every check has valid METADATA and a unique id', () => {
  assert.ok(loaded.checks.length >= 2);
  const ids = loaded.checks.map((c) => c.info.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('every check has a _test.rego beside it with at least one passing and it has no failing tests', () => {
  const results = runTests(loaded.compiled);
  for (const check of loaded.checks) {
    const testFile = check.path.replace(/\.rego$/, '_test.rego');
    assert.ok(existsSync(testFile), `${check.info.id}: missing ${testFile}`);
    const pkg = `${check.denyPath.slice(0, -'.deny'.length)}_test.`;
    const mine = results.filter((r) => r.name.startsWith(pkg));
    assert.ok(mine.length >= 2, `${check.info.id}: expected tests for the failing and the passing case, found ${mine.length}`);
  }
  const failures = results.filter((r) => !r.pass).map((r) => `${r.name}: ${r.error ?? r.failedExpression ?? ''}`);
  assert.deepEqual(failures, []);
});

test('docs/policies.md lists every check as generated (run `npm run docs:policies`)', () => {
  assert.ok(existsSync(POLICIES_DOC_PATH), 'docs/policies.md is missing');
  assert.equal(readFileSync(POLICIES_DOC_PATH, 'utf8'), renderPoliciesDoc(loaded.checks.map((c) => c.info)));
});
