import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { paginateListBuckets, S3Client, GetBucketAclCommand } from '@aws-sdk/client-s3';
import { generateAwsWorld, GENERATED_IDENTITY, loadAwsWorld, startFakeAws } from './index.js';
import { sdkConfig, SMALL_ACCOUNT, SMALL_WORLD } from './sdk-helpers.js';

describe('fake AWS: worlds', () => {
  it('loadAwsWorld reads the small world into the model', () => {
    const w = loadAwsWorld(SMALL_WORLD);
    assert.equal(w.worldDate, '2026-11-20T00:00:00Z');
    assert.deepEqual(w.enabledRegions, ['us-east-1', 'eu-west-1']);
    const a = w.accounts[SMALL_ACCOUNT];
    assert.ok(a);
    assert.deepEqual(Object.keys(a.s3.buckets).sort(), ['small-data', 'small-logs', 'small-public']);
    assert.equal(a.regions['us-east-1']?.ec2.instances?.Reservations?.length, 2);
    assert.ok(a.iam.credentialReportCsv?.startsWith('user,arn,'));
    assert.equal(a.costAndUsage.length, 2);
  });

  it('rejects a bucket with a policy but no policy status, and bucket folders not in list-buckets.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-aws-world-'));
    try {
      writeFileSync(join(dir, 'world.json'), JSON.stringify({ worldDate: '2026-11-20T00:00:00Z', identities: [] }));
      const s3 = join(dir, 'accounts', '111111111111', 's3');
      mkdirSync(join(s3, 'buckets', 'b1'), { recursive: true });
      writeFileSync(join(s3, 'list-buckets.json'), JSON.stringify({ Buckets: [{ Name: 'b1' }] }));
      writeFileSync(join(s3, 'buckets', 'b1', 'policy.json'), JSON.stringify({ Policy: '{}' }));
      assert.throws(() => loadAwsWorld(dir), /policy.json but no policy-status.json/);
      writeFileSync(join(s3, 'buckets', 'b1', 'policy-status.json'), JSON.stringify({ PolicyStatus: { IsPublic: false } }));
      mkdirSync(join(s3, 'buckets', 'stray'));
      assert.throws(() => loadAwsWorld(dir), /stray is not in list-buckets.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a generated world is served like a loaded one', async () => {
    const world = generateAwsWorld({ buckets: 120, instances: 250, metrics: true });
    const fake = await startFakeAws({ world });
    const creds = { credentials: { accessKeyId: GENERATED_IDENTITY.accessKeyId, secretAccessKey: GENERATED_IDENTITY.secretAccessKey } };
    const ec2 = new EC2Client(sdkConfig(fake, { ...creds, region: 'eu-west-1' }));
    const s3 = new S3Client({ ...sdkConfig(fake, { ...creds, region: 'eu-west-1' }), forcePathStyle: true });
    try {
      let n = 0;
      for await (const p of paginateDescribeInstances({ client: ec2 }, { MaxResults: 25 })) {
        for (const r of p.Reservations ?? []) n += r.Instances?.length ?? 0;
      }
      assert.equal(n, 62); // every 4th of 250 instances, starting at index 2
      let b = 0;
      for await (const p of paginateListBuckets({ client: s3 }, { MaxBuckets: 50 })) b += p.Buckets?.length ?? 0;
      assert.equal(b, 120);
      const acl = await s3.send(new GetBucketAclCommand({ Bucket: 'bench-bucket-000002' }));
      assert.equal(acl.Grants?.length, 1);
    } finally {
      ec2.destroy();
      s3.destroy();
      await fake.close();
    }
  });
});
