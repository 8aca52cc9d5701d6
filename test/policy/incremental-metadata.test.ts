/** METADATA custom.incremental: the accepted forms, and a clear problem for anything else. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateCheckMetadata } from '../../src/policy/check-metadata.js';

const where = { file: '/p/aws/iam/x.rego', relativePath: 'aws/iam/x.rego', packagePath: 'data.cloudwarden.aws.iam.x' };
const annotations = (incremental: unknown): Record<string, unknown> => ({
  scope: 'package',
  title: 'X',
  description: 'Y',
  custom: { id: 'aws.iam.x', severity: 'low', resource_kinds: ['iam.user'], recommended_actions: ['Fix it.'], frameworks: {}, ...(incremental === undefined ? {} : { incremental }) },
});

test('incremental: resource, {reach, via}, or absent', () => {
  const ok = (v: unknown): unknown => {
    const r = validateCheckMetadata(annotations(v), where);
    assert.ok(r.info, JSON.stringify(r.problems));
    return r.incremental;
  };
  assert.equal(ok(undefined), null);
  assert.deepEqual(ok('resource'), { reach: 0, via: [] });
  assert.deepEqual(ok({ reach: 2, via: ['member_of', 'attached_policy', 'member_of', 'permissionsBoundaryArn'] }), { reach: 2, via: ['attached_policy', 'member_of', 'permissionsBoundaryArn'] });
});

test('anything else is a METADATA problem naming the field and what was expected', () => {
  for (const [value, message] of [
    ['everything', /expected "resource" or \{reach: N, via: \[edge kinds or attribute names\]\} with N from 1 to 3, got "everything"/],
    [{ reach: 4, via: ['member_of'] }, /with N from 1 to 3/],
    [{ reach: 1 }, /via: expected a non-empty list of edge kinds \(attached_policy, .*\) or attribute names, got undefined/],
    [{ reach: 1, via: ['has key'] }, /via: expected a non-empty list/],
    [{ reach: 1, via: ['has_key'], depth: 2 }, /unknown field depth/],
  ] as const) {
    const r = validateCheckMetadata(annotations(value), where);
    assert.equal(r.info, null);
    assert.ok(r.problems.some((p) => p.field === 'custom.incremental' && message.test(p.message)), JSON.stringify(r.problems));
  }
});
