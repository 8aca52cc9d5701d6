import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  NoSuchBucket,
  paginateListBuckets,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { localhostRequestHandler } from './client-support.js';
import { loadAwsWorld } from './load.js';
import { startFakeAws } from './server.js';
import type { FakeAws } from './server.js';
import { cliShape, dropNulls, fixture, normFixture, rawRequest, sdkConfig, SMALL_ACCOUNT, SMALL_WORLD } from './sdk-helpers.js';

const acct = `accounts/${SMALL_ACCOUNT}`;
const BUCKET_REGION: Record<string, string> = { 'small-data': 'eu-west-1', 'small-logs': 'us-east-1', 'small-public': 'us-east-1' };

type Call = (c: S3Client, bucket: string) => Promise<unknown>;
const SUBRESOURCES: [file: string, call: Call, notConfigured?: string][] = [
  ['acl', (c, b) => c.send(new GetBucketAclCommand({ Bucket: b }))],
  ['policy', (c, b) => c.send(new GetBucketPolicyCommand({ Bucket: b })), 'NoSuchBucketPolicy'],
  ['policy-status', (c, b) => c.send(new GetBucketPolicyStatusCommand({ Bucket: b })), 'NoSuchBucketPolicy'],
  ['public-access-block', (c, b) => c.send(new GetPublicAccessBlockCommand({ Bucket: b })), 'NoSuchPublicAccessBlockConfiguration'],
  ['encryption', (c, b) => c.send(new GetBucketEncryptionCommand({ Bucket: b })), 'ServerSideEncryptionConfigurationNotFoundError'],
  ['versioning', (c, b) => c.send(new GetBucketVersioningCommand({ Bucket: b }))],
  ['logging', (c, b) => c.send(new GetBucketLoggingCommand({ Bucket: b }))],
  ['ownership-controls', (c, b) => c.send(new GetBucketOwnershipControlsCommand({ Bucket: b })), 'OwnershipControlsNotFoundError'],
];

describe('fake AWS: S3 (REST-XML)', () => {
  let fake: FakeAws;
  const clients: Record<string, S3Client> = {};
  const s3 = (region: string): S3Client => (clients[region] ??= new S3Client({ ...sdkConfig(fake, { region }), forcePathStyle: true }));
  before(async () => {
    fake = await startFakeAws({ world: loadAwsWorld(SMALL_WORLD) });
  });
  after(async () => {
    for (const c of Object.values(clients)) c.destroy();
    await fake.close();
  });

  it('ListBuckets pages with MaxBuckets/ContinuationToken and matches list-buckets.json', async () => {
    const buckets = [];
    let owner: unknown;
    let pages = 0;
    for await (const page of paginateListBuckets({ client: s3('us-east-1') }, {})) {
      pages++;
      buckets.push(...(page.Buckets ?? []));
      owner = page.Owner;
    }
    assert.equal(pages, 2); // three buckets, page size 2 forced by the world
    assert.deepEqual(cliShape({ Buckets: buckets, Owner: owner }), normFixture(fixture(SMALL_WORLD, `${acct}/s3/list-buckets.json`)));
    const eu = await s3('us-east-1').send(new ListBucketsCommand({ BucketRegion: 'eu-west-1', MaxBuckets: 10 }));
    assert.deepEqual(eu.Buckets?.map((b) => b.Name), ['small-data']);
  });

  it('GetBucketLocation answers from any region (null for us-east-1)', async () => {
    for (const bucket of Object.keys(BUCKET_REGION)) {
      const out = await s3('us-east-1').send(new GetBucketLocationCommand({ Bucket: bucket }));
      const expected = dropNulls(fixture(SMALL_WORLD, `${acct}/s3/buckets/${bucket}/location.json`));
      assert.deepEqual(cliShape(out), expected, bucket);
    }
  });

  for (const bucket of Object.keys(BUCKET_REGION)) {
    it(`bucket sub-resources of ${bucket} match the fixture files or the "not configured" errors`, async () => {
      const client = s3(BUCKET_REGION[bucket] ?? 'us-east-1');
      for (const [file, call, notConfigured] of SUBRESOURCES) {
        const path = `${SMALL_WORLD}/${acct}/s3/buckets/${bucket}/${file}.json`;
        if (existsSync(path)) {
          const out = await call(client, bucket);
          assert.deepEqual(cliShape(out), normFixture(fixture(SMALL_WORLD, `${acct}/s3/buckets/${bucket}/${file}.json`)), `${bucket} ${file}`);
        } else if (notConfigured) {
          await assert.rejects(call(client, bucket), (e: Error) => {
            assert.ok(e instanceof S3ServiceException, `${bucket} ${file}`);
            assert.equal(e.name, notConfigured);
            assert.equal(e.$metadata.httpStatusCode, 404);
            return true;
          });
        } else {
          assert.deepEqual(cliShape(await call(client, bucket)), {}, `${bucket} ${file}`);
        }
      }
    });
  }

  it('an unknown bucket is NoSuchBucket (404)', async () => {
    await assert.rejects(s3('us-east-1').send(new GetBucketAclCommand({ Bucket: 'no-such-bucket-here' })), (e: Error) => {
      assert.ok(e instanceof NoSuchBucket);
      assert.equal(e.$metadata.httpStatusCode, 404);
      return true;
    });
  });

  it('wrong regional endpoint: 301 PermanentRedirect + x-amz-bucket-region; followRegionRedirects retries in the right region', async () => {
    await assert.rejects(s3('us-east-1').send(new GetBucketPolicyCommand({ Bucket: 'small-data' })), (e: Error) => {
      assert.ok(e instanceof S3ServiceException);
      assert.equal(e.name, 'PermanentRedirect');
      assert.equal(e.$metadata.httpStatusCode, 301);
      assert.equal((e.$response?.headers ?? {})['x-amz-bucket-region'], 'eu-west-1');
      return true;
    });
    await assert.rejects(s3('us-east-1').send(new HeadBucketCommand({ Bucket: 'small-data' })), (e: Error) => {
      assert.ok(e instanceof S3ServiceException);
      assert.equal(e.$metadata.httpStatusCode, 301);
      return true;
    });
    const following = new S3Client({ ...sdkConfig(fake, { region: 'us-east-1' }), forcePathStyle: true, followRegionRedirects: true });
    try {
      const before = fake.callCounts['s3:GetBucketPolicy'] ?? 0;
      const out = await following.send(new GetBucketPolicyCommand({ Bucket: 'small-data' }));
      assert.deepEqual(cliShape(out), fixture(SMALL_WORLD, `${acct}/s3/buckets/small-data/policy.json`));
      assert.equal((fake.callCounts['s3:GetBucketPolicy'] ?? 0) - before, 2);
      const head = await following.send(new HeadBucketCommand({ Bucket: 'small-data' }));
      assert.equal(head.BucketRegion, 'eu-west-1');
    } finally {
      following.destroy();
    }
  });

  it('virtual-hosted addressing (bucket in the Host header)', async () => {
    const handler = localhostRequestHandler();
    const vhost = new S3Client({ ...sdkConfig(fake, { region: 'eu-west-1' }), endpoint: `http://localhost:${fake.port}`, requestHandler: handler.requestHandler });
    try {
      const out = await vhost.send(new GetBucketVersioningCommand({ Bucket: 'small-data' }));
      assert.deepEqual(cliShape(out), fixture(SMALL_WORLD, `${acct}/s3/buckets/small-data/versioning.json`));
    } finally {
      vhost.destroy();
      handler.destroy();
    }
  });

  it('virtual-hosted AWS host names and the raw 301 redirect', async () => {
    const ok = await rawRequest(fake, { path: '/?versioning', scope: 'eu-west-1/s3', headers: { host: 'small-data.s3.eu-west-1.amazonaws.com' } });
    assert.equal(ok.status, 200);
    assert.match(ok.body, /<VersioningConfiguration xmlns="http:\/\/s3\.amazonaws\.com\/doc\/2006-03-01\/"><Status>Enabled<\/Status><MfaDelete>Disabled<\/MfaDelete><\/VersioningConfiguration>/);
    const moved = await rawRequest(fake, { path: '/?versioning', scope: 'us-east-1/s3', headers: { host: 'small-data.s3.amazonaws.com' } });
    assert.equal(moved.status, 301);
    assert.equal(moved.headers['x-amz-bucket-region'], 'eu-west-1');
    assert.match(moved.body, /<Code>PermanentRedirect<\/Code>.*<Endpoint>small-data\.s3\.eu-west-1\.amazonaws\.com<\/Endpoint><Bucket>small-data<\/Bucket><RequestId>[0-9A-F]{16}<\/RequestId><HostId>/s);
  });

  it('S3 Control GetPublicAccessBlock: {AccountId}. host prefix via *.localhost; 404 when not configured', async () => {
    const world = loadAwsWorld(SMALL_WORLD);
    const f2 = await startFakeAws({ world });
    const handler = localhostRequestHandler();
    const control = new S3ControlClient({ ...sdkConfig(f2), endpoint: `http://localhost:${f2.port}`, requestHandler: handler.requestHandler });
    try {
      await assert.rejects(control.send(new GetAccountPublicAccessBlockCommand({ AccountId: SMALL_ACCOUNT })), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'NoSuchPublicAccessBlockConfiguration');
        assert.equal(e.$metadata?.httpStatusCode, 404);
        return true;
      });
      const pab = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false };
      const account = world.accounts[SMALL_ACCOUNT];
      assert.ok(account);
      account.s3control.publicAccessBlock = { PublicAccessBlockConfiguration: pab };
      const out = await control.send(new GetAccountPublicAccessBlockCommand({ AccountId: SMALL_ACCOUNT }));
      assert.deepEqual(cliShape(out), { PublicAccessBlockConfiguration: pab });
      await assert.rejects(control.send(new GetAccountPublicAccessBlockCommand({ AccountId: '999999999999' })), { name: 'AccessDenied' });
    } finally {
      control.destroy();
      handler.destroy();
      await f2.close();
    }
  });
});
