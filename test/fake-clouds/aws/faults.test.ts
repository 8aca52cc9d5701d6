import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeInstancesCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AccessDenied, GetBucketAclCommand, GetBucketPolicyCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { CostExplorerClient, GetCostAndUsageCommand, LimitExceededException } from '@aws-sdk/client-cost-explorer';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { loadAwsWorld } from './load.js';
import { startFakeAws } from './server.js';
import type { FakeAws, FakeAwsOptions } from './server.js';
import { rawRequest, sdkConfig, SMALL_WORLD } from './sdk-helpers.js';

type SdkError = Error & { $metadata?: { httpStatusCode?: number; attempts?: number }; $fault?: string };

async function withFake(opts: Omit<FakeAwsOptions, 'world'>, fn: (fake: FakeAws) => Promise<void>): Promise<void> {
  const fake = await startFakeAws({ world: loadAwsWorld(SMALL_WORLD), ...opts });
  try {
    await fn(fake);
  } finally {
    await fake.close();
  }
}

const CE_INPUT = { TimePeriod: { Start: '2026-09-01', End: '2026-11-01' }, Granularity: 'MONTHLY' as const, Metrics: ['UnblendedCost'] };

describe('fake AWS: faults', () => {
  it('throttling for the first N calls, then success: every protocol is retried by the SDK', async () => {
    await withFake(
      {
        faults: [
          { kind: 'throttle', service: 'iam', operation: 'GetAccountAuthorizationDetails', times: 2 },
          { kind: 'throttle', service: 'ec2', operation: 'DescribeVpcs', times: 2 },
          { kind: 'throttle', service: 's3', operation: 'GetBucketAcl', times: 2 },
          { kind: 'throttle', service: 'ce', operation: 'GetCostAndUsage', times: 2 },
          { kind: 'throttle', service: 'monitoring', operation: 'GetMetricData', times: 2 },
        ],
      },
      async (fake) => {
        const iam = new IAMClient(sdkConfig(fake));
        const ec2 = new EC2Client(sdkConfig(fake));
        const s3 = new S3Client({ ...sdkConfig(fake), forcePathStyle: true });
        const ce = new CostExplorerClient(sdkConfig(fake));
        const cw = new CloudWatchClient(sdkConfig(fake));
        try {
          const a = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
          assert.equal(a.$metadata.attempts, 3);
          assert.equal((await ec2.send(new DescribeVpcsCommand({}))).$metadata.attempts, 3);
          assert.equal((await s3.send(new GetBucketAclCommand({ Bucket: 'small-logs' }))).$metadata.attempts, 3);
          assert.equal((await ce.send(new GetCostAndUsageCommand(CE_INPUT))).$metadata.attempts, 3);
          const m = await cw.send(new GetMetricDataCommand({
            MetricDataQueries: [{ Id: 'q', MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-0small00000000app1' }] }, Period: 3600, Stat: 'Average' } }],
            StartTime: new Date('2026-11-19T00:00:00Z'),
            EndTime: new Date('2026-11-20T00:00:00Z'),
          }));
          assert.equal(m.$metadata.attempts, 3);
          assert.equal(fake.callCounts['iam:GetAccountAuthorizationDetails'], 3);
          assert.equal(fake.callCounts['s3:GetBucketAcl'], 3);
        } finally {
          for (const c of [iam, ec2, s3, ce, cw]) c.destroy();
        }
      },
    );
  });

  it('throttling errors carry each protocol\'s code and status when retries are exhausted', async () => {
    await withFake(
      {
        faults: [
          { kind: 'throttle', service: 'iam', times: 5 },
          { kind: 'throttle', service: 'ec2', times: 5 },
          { kind: 'throttle', service: 's3', times: 5 },
          { kind: 'throttle', service: 'ce', times: 5 },
          { kind: 'throttle', service: 'monitoring', times: 5 },
        ],
      },
      async (fake) => {
        const one = { maxAttempts: 1 };
        const cases: [string, number, () => Promise<unknown>, () => void][] = [];
        const iam = new IAMClient(sdkConfig(fake, one));
        const ec2 = new EC2Client(sdkConfig(fake, one));
        const s3 = new S3Client({ ...sdkConfig(fake, one), forcePathStyle: true });
        const ce = new CostExplorerClient(sdkConfig(fake, one));
        const cw = new CloudWatchClient(sdkConfig(fake, one));
        cases.push(
          ['Throttling', 400, () => iam.send(new GetAccountAuthorizationDetailsCommand({})), () => iam.destroy()],
          ['RequestLimitExceeded', 503, () => ec2.send(new DescribeVpcsCommand({})), () => ec2.destroy()],
          ['SlowDown', 503, () => s3.send(new ListBucketsCommand({})), () => s3.destroy()],
          ['LimitExceededException', 400, () => ce.send(new GetCostAndUsageCommand(CE_INPUT)), () => ce.destroy()],
          ['Throttling', 400, () => cw.send(new GetMetricDataCommand({ MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date(1000) })), () => cw.destroy()],
        );
        try {
          await assert.rejects(ce.send(new GetCostAndUsageCommand(CE_INPUT)), (e: SdkError) => {
            assert.ok(e instanceof LimitExceededException); // typed, and classified as throttling
            return true;
          });
          for (const [name, status, call] of cases) {
            await assert.rejects(call(), (e: SdkError) => {
              assert.equal(e.name, name);
              assert.equal(e.$metadata?.httpStatusCode, status);
              return true;
            });
          }
        } finally {
          for (const [, , , destroy] of cases) destroy();
        }
      },
    );
  });

  it('AccessDenied for one resource (GetBucketPolicy on one bucket) and for a whole region (EC2)', async () => {
    await withFake(
      {
        faults: [
          { kind: 'deny', service: 's3', operation: 'GetBucketPolicy', resource: 'small-data' },
          { kind: 'deny', service: 'ec2', region: 'eu-west-1' },
          { kind: 'deny', service: 'ce', operation: 'GetCostAndUsage' },
        ],
      },
      async (fake) => {
        const s3 = new S3Client({ ...sdkConfig(fake, { region: 'eu-west-1' }), forcePathStyle: true });
        const ec2us = new EC2Client(sdkConfig(fake));
        const ec2eu = new EC2Client(sdkConfig(fake, { region: 'eu-west-1' }));
        const ce = new CostExplorerClient(sdkConfig(fake));
        try {
          await assert.rejects(s3.send(new GetBucketPolicyCommand({ Bucket: 'small-data' })), (e: SdkError) => {
            assert.ok(e instanceof AccessDenied); // the S3 client's typed exception
            assert.equal(e.name, 'AccessDenied');
            assert.match(e.message, /not authorized to perform: s3:GetBucketPolicy on resource: "arn:aws:s3:::small-data"/);
            assert.equal(e.$metadata?.httpStatusCode, 403);
            return true;
          });
          assert.ok((await s3.send(new GetBucketAclCommand({ Bucket: 'small-data' }))).Grants);
          await assert.rejects(ec2eu.send(new DescribeInstancesCommand({})), (e: SdkError) => {
            assert.equal(e.name, 'UnauthorizedOperation');
            assert.equal(e.$metadata?.httpStatusCode, 403);
            assert.match(e.message, /not authorized to perform: ec2:DescribeInstances/);
            return true;
          });
          assert.ok((await ec2us.send(new DescribeInstancesCommand({}))).Reservations);
          await assert.rejects(ce.send(new GetCostAndUsageCommand(CE_INPUT)), (e: SdkError) => {
            assert.equal(e.name, 'AccessDeniedException');
            assert.equal(e.$metadata?.httpStatusCode, 400);
            return true;
          });
          assert.equal(fake.callCounts['ec2:DescribeInstances'], 2);
        } finally {
          for (const c of [s3, ec2us, ec2eu, ce]) c.destroy();
        }
      },
    );
  });

  it('a truncated XML body makes the SDK throw a deserialization error', async () => {
    await withFake(
      {
        faults: [
          { kind: 'truncate', service: 'iam', operation: 'GetAccountAuthorizationDetails' },
          { kind: 'truncate', service: 'ec2', operation: 'DescribeInstances' },
          { kind: 'truncate', service: 's3', operation: 'ListBuckets' },
        ],
      },
      async (fake) => {
        const iam = new IAMClient(sdkConfig(fake, { maxAttempts: 1 }));
        const ec2 = new EC2Client(sdkConfig(fake, { maxAttempts: 1 }));
        const s3 = new S3Client({ ...sdkConfig(fake, { maxAttempts: 1 }), forcePathStyle: true });
        try {
          for (const call of [
            () => iam.send(new GetAccountAuthorizationDetailsCommand({})),
            () => ec2.send(new DescribeInstancesCommand({})),
            () => s3.send(new ListBucketsCommand({})),
          ]) {
            await assert.rejects(call(), (e: SdkError) => {
              assert.match(e.message, /Deserialization error/i);
              assert.equal(e.$metadata?.httpStatusCode, 200);
              return true;
            });
          }
        } finally {
          for (const c of [iam, ec2, s3]) c.destroy();
        }
      },
    );
  });

  it('latency is injected per request', async () => {
    await withFake({ latencyMs: 40, faults: [{ kind: 'latency', service: 'ec2', ms: 40 }] }, async (fake) => {
      const iam = new IAMClient(sdkConfig(fake));
      const ec2 = new EC2Client(sdkConfig(fake));
      try {
        let t = Date.now();
        await iam.send(new GetAccountAuthorizationDetailsCommand({}));
        assert.ok(Date.now() - t >= 38);
        t = Date.now();
        await ec2.send(new DescribeVpcsCommand({}));
        assert.ok(Date.now() - t >= 78);
      } finally {
        iam.destroy();
        ec2.destroy();
      }
    });
  });

  it('requests without an Authorization header are rejected as AWS does', async () => {
    await withFake({}, async (fake) => {
      const iam = await rawRequest(fake, { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetAccountSummary&Version=2010-05-08' });
      assert.equal(iam.status, 403);
      assert.match(iam.body, /<Code>MissingAuthenticationToken<\/Code>/);
      const s3 = await rawRequest(fake, { path: '/small-data?acl' });
      assert.equal(s3.status, 403);
      assert.match(s3.body, /<Code>AccessDenied<\/Code>/);
    });
  });
});
