/**
 * The generated organization used by `bench:aws --accounts N` is a real organization to the
 * collector: the members are listed by Organizations, reached by AssumeRole into the role that
 * trusts the management account, and each yields exactly the resources it was generated with.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateAwsOrgWorld, GENERATED_IDENTITY } from '../fake-clouds/aws/index.js';
import { collectWorld } from './helpers.js';

test('a generated organization of 3 members is collected through AssumeRole, every account in full', async () => {
  const world = generateAwsOrgWorld({ members: 3, buckets: 2, instances: 6, regions: ['us-east-1', 'eu-west-1'] });
  const { fake, outcome } = await collectWorld(
    world,
    { credentials: { accessKeyId: GENERATED_IDENTITY.accessKeyId, secretAccessKey: GENERATED_IDENTITY.secretAccessKey }, s3ForcePathStyle: true, organization: { roleName: 'OrganizationAccountAccessRole' } },
    {},
    { concurrency: 8 },
  );
  assert.deepEqual(outcome.snapshot.coverage.filter((r) => r.status !== 'ok'), []);
  const byAccount = new Map<string, Record<string, number>>();
  for (const n of outcome.snapshot.nodes) {
    const kinds = byAccount.get(n.account) ?? {};
    kinds[n.kind] = (kinds[n.kind] ?? 0) + 1;
    byAccount.set(n.account, kinds);
  }
  const members = ['700000000001', '700000000002', '700000000003'];
  assert.deepEqual([...byAccount.keys()].filter((a) => /^\d{12}$/.test(a)).sort(), [GENERATED_IDENTITY.accountId, ...members].sort());
  for (const id of members) {
    const kinds = byAccount.get(id) ?? {};
    assert.equal(kinds['storage.bucket'], 2, id);
    assert.equal(kinds['compute.instance'], 6, id);
    assert.equal(kinds['compute.disk'], 6, id);
  }
  assert.equal(fake.callCounts['sts:AssumeRole'], 3);
});
