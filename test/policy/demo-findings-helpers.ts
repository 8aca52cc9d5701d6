/**
 * The assertions every demo-findings test makes: no check errors, every expected pair names a real
 * node and check, the findings are exactly the hand-written list, and SEEDED.md's SAFE items get
 * no finding beyond the ones listed with a reason.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Snapshot } from '../../src/graph/schema.js';
import type { CheckEvaluation } from '../../src/policy/evaluate-checks.js';
import type { LoadedPolicies } from '../../src/policy/load-policies.js';
import type { Finding } from '../../src/results/schema.js';

export interface DemoFindingsCase {
  /** Names the world in test titles, e.g. "AWS". */
  label: string;
  snapshot: Snapshot;
  policies: LoadedPolicies;
  evaluation: CheckEvaluation;
  /** The findings under test (e.g. only one provider's). */
  findings: Finding[];
  /** `[policyId, resourceId, …why]` pairs, written by hand from SEEDED.md. */
  expected: readonly (readonly [string, string, ...string[]])[];
  /** SAFE resource id → policy id → why that finding is still right on it. */
  safeAllowed: Record<string, Record<string, string>>;
}

/** One (policy, resource) pair as a set key. */
export const key = (policyId: string, resourceId: string): string => `${policyId}  ${resourceId}`;

/** The (policy, resource) pairs of some findings. */
export function findingKeys(findings: readonly Finding[]): Set<string> {
  return new Set(findings.map((f) => key(f.policyId, f.resourceId)));
}

export function demoFindingsTests(c: DemoFindingsCase): void {
  const found = findingKeys(c.findings);
  const ids = new Set(c.snapshot.nodes.map((n) => n.id));

  test(`the ${c.label} demo world evaluates without check errors`, () => {
    assert.deepEqual(c.evaluation.errors, []);
  });

  test(`${c.label}: every expected finding names a node of the demo snapshot and a built-in check`, () => {
    const checks = new Set(c.policies.checks.map((ch) => ch.info.id));
    for (const [policyId, resourceId] of c.expected) {
      assert.ok(checks.has(policyId), `no check ${policyId}`);
      assert.ok(ids.has(resourceId), `no node ${resourceId}`);
    }
  });

  test(`${c.label}: the findings are exactly the hand-written expected list`, () => {
    const expected = new Set(c.expected.map(([p, r]) => key(p, r)));
    assert.equal(expected.size, c.expected.length, 'the expected list has duplicates');
    assert.deepEqual([...found].filter((k) => !expected.has(k)).sort(), [], 'unexpected findings');
    assert.deepEqual([...expected].filter((k) => !found.has(k)).sort(), [], 'missing findings');
  });

  test(`${c.label}: SAFE items of SEEDED.md get no finding beyond the listed ones`, () => {
    for (const [resourceId, allowed] of Object.entries(c.safeAllowed)) {
      assert.ok(ids.has(resourceId), `no node ${resourceId}`);
      const onIt = c.findings.filter((f) => f.resourceId === resourceId).map((f) => f.policyId);
      assert.deepEqual(onIt.filter((p) => !(p in allowed)), [], `${resourceId} is SAFE in SEEDED.md`);
    }
  });
}
