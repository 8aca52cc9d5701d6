// The demo world, read end to end through the real SDK clients: every fixture file must come
// back unchanged, so the world is valid on the wire (SEEDED.md's items are what later tests use).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IAMClient, paginateGetAccountAuthorizationDetails } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
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
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPabCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import {
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeNatGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSpotPriceHistoryCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { localhostRequestHandler } from './client-support.js';
import { loadAwsWorld } from './load.js';
import { startFakeAws } from './server.js';
import type { FakeAws } from './server.js';
import { cliShape, DEMO_WORLD, dropNulls, fixture, normFixture, sdkConfig } from './sdk-helpers.js';
import type { ClientOptions } from './sdk-helpers.js';

const MGMT = '111122223333';
const MEMBER = '222233334444';
const SCANNER = { accessKeyId: 'AKIADEMOSCANNER00001', secretAccessKey: 'demoScannerSecretKey/EXAMPLE/0000000000001' };
const exp = (rel: string): unknown => normFixture(fixture(DEMO_WORLD, rel));

type Creds = NonNullable<ClientOptions['credentials']>;

/** An absent sub-resource file is either a "not configured" 404 or an empty document. */
async function absentAnswer(call: () => Promise<unknown>, rel: string): Promise<void> {
  let out: unknown;
  try {
    out = await call();
  } catch (e) {
    assert.equal((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 404, rel);
    return;
  }
  assert.deepEqual(cliShape(out), {}, rel);
}

async function checkAccount(fake: FakeAws, account: string, credentials: Creds): Promise<void> {
  const base = `accounts/${account}`;
  const iam = new IAMClient(sdkConfig(fake, { credentials }));
  const s3ByRegion = new Map<string, S3Client>();
  const s3 = (region: string): S3Client => {
    let c = s3ByRegion.get(region);
    if (!c) s3ByRegion.set(region, (c = new S3Client({ ...sdkConfig(fake, { region, credentials }), forcePathStyle: true })));
    return c;
  };
  try {
    const merged: Record<string, unknown[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam }, { MaxItems: 5 })) {
      const shaped = cliShape(page) as Record<string, unknown[]>;
      for (const k of Object.keys(merged)) merged[k]?.push(...(shaped[k] ?? []));
    }
    assert.deepEqual(merged, exp(`${base}/iam/get-account-authorization-details.json`));

    const list = await s3('us-east-1').send(new ListBucketsCommand({}));
    assert.deepEqual(cliShape(list), exp(`${base}/s3/list-buckets.json`));
    const subresources: [string, (c: S3Client, b: string) => Promise<unknown>][] = [
      ['acl', (c, b) => c.send(new GetBucketAclCommand({ Bucket: b }))],
      ['policy', (c, b) => c.send(new GetBucketPolicyCommand({ Bucket: b }))],
      ['policy-status', (c, b) => c.send(new GetBucketPolicyStatusCommand({ Bucket: b }))],
      ['public-access-block', (c, b) => c.send(new GetPublicAccessBlockCommand({ Bucket: b }))],
      ['encryption', (c, b) => c.send(new GetBucketEncryptionCommand({ Bucket: b }))],
      ['versioning', (c, b) => c.send(new GetBucketVersioningCommand({ Bucket: b }))],
      ['logging', (c, b) => c.send(new GetBucketLoggingCommand({ Bucket: b }))],
      ['ownership-controls', (c, b) => c.send(new GetBucketOwnershipControlsCommand({ Bucket: b }))],
    ];
    for (const b of list.Buckets ?? []) {
      const name = b.Name ?? '';
      const loc = await s3('us-east-1').send(new GetBucketLocationCommand({ Bucket: name }));
      assert.deepEqual(cliShape(loc), dropNulls(fixture(DEMO_WORLD, `${base}/s3/buckets/${name}/location.json`)));
      for (const [file, call] of subresources) {
        const rel = `${base}/s3/buckets/${name}/${file}.json`;
        if (existsSync(join(DEMO_WORLD, rel))) assert.deepEqual(cliShape(await call(s3(b.BucketRegion ?? ''), name)), exp(rel), rel);
        else await absentAnswer(() => call(s3(b.BucketRegion ?? ''), name), rel);
      }
    }

    for (const region of readdirSync(join(DEMO_WORLD, base, 'regions'))) {
      const rdir = `${base}/regions/${region}`;
      const ec2 = new EC2Client(sdkConfig(fake, { region, credentials }));
      const elb = new ElasticLoadBalancingV2Client(sdkConfig(fake, { region, credentials }));
      const asg = new AutoScalingClient(sdkConfig(fake, { region, credentials }));
      try {
        const calls: Record<string, () => Promise<unknown>> = {
          'describe-instances.json': () => ec2.send(new DescribeInstancesCommand({})),
          'describe-volumes.json': () => ec2.send(new DescribeVolumesCommand({})),
          'describe-snapshots.json': () => ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] })),
          'describe-images.json': () => ec2.send(new DescribeImagesCommand({ Owners: ['self'] })),
          'describe-security-groups.json': () => ec2.send(new DescribeSecurityGroupsCommand({})),
          'describe-addresses.json': () => ec2.send(new DescribeAddressesCommand({})),
          'describe-nat-gateways.json': () => ec2.send(new DescribeNatGatewaysCommand({})),
          'describe-vpcs.json': () => ec2.send(new DescribeVpcsCommand({})),
          'describe-subnets.json': () => ec2.send(new DescribeSubnetsCommand({})),
          'describe-launch-templates.json': () => ec2.send(new DescribeLaunchTemplatesCommand({})),
          'describe-launch-template-versions.json': () => ec2.send(new DescribeLaunchTemplateVersionsCommand({})),
          'describe-spot-price-history.json': () => ec2.send(new DescribeSpotPriceHistoryCommand({})),
        };
        for (const file of readdirSync(join(DEMO_WORLD, rdir, 'ec2')).filter((f) => f.endsWith('.json'))) {
          const call = calls[file];
          assert.ok(call, `no SDK call for ${file}`);
          assert.deepEqual(cliShape(await call()), exp(`${rdir}/ec2/${file}`), `${rdir}/ec2/${file}`);
        }
        const udDir = join(DEMO_WORLD, rdir, 'ec2', 'user-data');
        for (const file of existsSync(udDir) ? readdirSync(udDir) : []) {
          const out = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: file.slice(0, -5), Attribute: 'userData' }));
          assert.deepEqual(cliShape(out), exp(`${rdir}/ec2/user-data/${file}`));
        }
        if (existsSync(join(DEMO_WORLD, rdir, 'elbv2'))) {
          assert.deepEqual(cliShape(await elb.send(new DescribeLoadBalancersCommand({}))), exp(`${rdir}/elbv2/describe-load-balancers.json`));
          const tgs = await elb.send(new DescribeTargetGroupsCommand({}));
          assert.deepEqual(cliShape(tgs), exp(`${rdir}/elbv2/describe-target-groups.json`));
          for (const tg of tgs.TargetGroups ?? []) {
            const th = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn ?? '' }));
            assert.deepEqual(cliShape(th), exp(`${rdir}/elbv2/target-health/${tg.TargetGroupName ?? ''}.json`));
          }
        }
        if (existsSync(join(DEMO_WORLD, rdir, 'autoscaling'))) {
          assert.deepEqual(cliShape(await asg.send(new DescribeAutoScalingGroupsCommand({}))), exp(`${rdir}/autoscaling/describe-auto-scaling-groups.json`));
        }
      } finally {
        ec2.destroy();
        elb.destroy();
        asg.destroy();
      }
    }
  } finally {
    iam.destroy();
    for (const c of s3ByRegion.values()) c.destroy();
  }
}

describe('fake AWS: demo world end to end', () => {
  let fake: FakeAws;
  before(async () => {
    fake = await startFakeAws({ world: loadAwsWorld(DEMO_WORLD) });
  });
  after(async () => {
    await fake.close();
  });

  it('management account: every fixture file round-trips through the SDK', async () => {
    await checkAccount(fake, MGMT, SCANNER);
    const ce = new CostExplorerClient(sdkConfig(fake, { credentials: SCANNER }));
    const org = new OrganizationsClient(sdkConfig(fake, { credentials: SCANNER }));
    try {
      const cost = await ce.send(new GetCostAndUsageCommand({
        TimePeriod: { Start: '2026-08-01', End: '2026-11-20' },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost', 'UsageQuantity'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
      }));
      assert.equal(cost.NextPageToken, undefined);
      assert.deepEqual(cliShape(cost), exp(`accounts/${MGMT}/ce/get-cost-and-usage.json`));
      assert.deepEqual(cliShape(await org.send(new ListAccountsCommand({}))), exp(`accounts/${MGMT}/organizations/list-accounts.json`));
    } finally {
      ce.destroy();
      org.destroy();
    }
  });

  it('member account through AssumeRole (OrganizationAccountAccessRole), incl. its account public access block', async () => {
    const sts = new STSClient(sdkConfig(fake, { credentials: SCANNER }));
    const handler = localhostRequestHandler();
    try {
      assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${MGMT}:user/cloudwarden-scanner`);
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`, RoleSessionName: 'cloudwarden' }));
      const c = out.Credentials;
      assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
      const creds = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
      await checkAccount(fake, MEMBER, creds);
      const control = new S3ControlClient({ ...sdkConfig(fake, { credentials: creds }), endpoint: `http://localhost:${fake.port}`, requestHandler: handler.requestHandler });
      try {
        assert.deepEqual(cliShape(await control.send(new GetAccountPabCommand({ AccountId: MEMBER }))), exp(`accounts/${MEMBER}/s3control/public-access-block.json`));
      } finally {
        control.destroy();
      }
      // The vendor roles trust other accounts: the scanner cannot assume them.
      await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MGMT}:role/vendor-with-externalid-role`, RoleSessionName: 'x1', ExternalId: 'cw-demo-7f3a9c2e' })), { name: 'AccessDenied' });
    } finally {
      sts.destroy();
      handler.destroy();
    }
  });

  it('the launch template leak carries the AWS documentation example key pair', async () => {
    const ec2 = new EC2Client(sdkConfig(fake, { credentials: SCANNER }));
    try {
      const v = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: 'lt-0demo00000000leak1', Versions: ['$Default'] }));
      const ud = Buffer.from(v.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.UserData ?? '', 'base64').toString('utf8');
      assert.match(ud, /AKIAIOSFODNN7EXAMPLE/);
      assert.match(ud, /wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEKEY/);
    } finally {
      ec2.destroy();
    }
  });
});
