/** The README's minimal IAM policy lists exactly the actions the collectors declare; only reads. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { awsMinimalPolicy, awsProvider } from '../../src/collectors/aws/index.js';
import { REPO } from './helpers.js';

test('the README policy block equals the policy derived from the declared permissions', () => {
  const readme = readFileSync(join(REPO, 'src', 'collectors', 'aws', 'README.md'), 'utf8');
  const block = /## Minimal read-only IAM policy[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'no json block under "Minimal read-only IAM policy"');
  assert.deepEqual(JSON.parse(block), awsMinimalPolicy());
});

test('every declared action is a read (List/Get/Describe, GenerateCredentialReport, AssumeRole for the session)', () => {
  for (const c of awsProvider.collectors) {
    for (const p of c.permissions) assert.match(p.action, /^[a-z0-9-]+:(List|Get|Describe)[A-Za-z]*$|^iam:GenerateCredentialReport$|^sts:AssumeRole$/, `${c.id}: ${p.action}`);
  }
  assert.deepEqual(awsProvider.collectors.map((c) => c.id), [...awsProvider.collectors.map((c) => c.id)].sort());
});
