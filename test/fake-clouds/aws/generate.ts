// Programmatic worlds for benchmarks: the same model loadAwsWorld returns, built in memory and
// deterministic (no randomness), e.g. 5,000 buckets and 10,000 instances across 4 regions.
import { emptyAccount, emptyRegion } from './model.js';
import type { AwsAccountState, AwsIdentity, AwsWorld, CliJson, MetricSeries } from './model.js';
import type { Instance, Reservation, Volume } from '@aws-sdk/client-ec2';
import type { Bucket } from '@aws-sdk/client-s3';

export interface GenerateOptions {
  buckets: number;
  instances: number;
  regions?: string[];
  accountId?: string;
  worldDate?: string;
  /** Instances per reservation (default 2). */
  perReservation?: number;
  /** Add 14 daily CPUUtilization datapoints per instance (default false: memory). */
  metrics?: boolean;
  /** Bucket names are global: accounts of one world need different prefixes (default bench-bucket). */
  bucketPrefix?: string;
}

export const GENERATED_IDENTITY: AwsIdentity = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  accountId: '444455556666',
  arn: 'arn:aws:iam::444455556666:user/bench-scanner',
  userId: 'AIDABENCHSCANNER0001',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

const DAY = 86_400_000;

export function generateAwsWorld(opts: GenerateOptions): AwsWorld {
  const regions = opts.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
  const accountId = opts.accountId ?? GENERATED_IDENTITY.accountId;
  const worldDate = opts.worldDate ?? '2026-11-20T00:00:00Z';
  const now = Date.parse(worldDate);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const account: AwsAccountState = emptyAccount(accountId);
  const owner = { DisplayName: 'bench', ID: 'b'.repeat(64) };

  const buckets: CliJson<Bucket>[] = [];
  for (let i = 0; i < opts.buckets; i++) {
    const name = `${opts.bucketPrefix ?? 'bench-bucket'}-${String(i).padStart(6, '0')}`;
    const region = regions[i % regions.length] ?? 'us-east-1';
    buckets.push({ Name: name, CreationDate: iso(now - (i % 900) * DAY), BucketRegion: region });
    account.s3.buckets[name] = {
      location: { LocationConstraint: region === 'us-east-1' ? null : region },
      acl: {
        Owner: owner,
        Grants: [
          { Grantee: { Type: 'CanonicalUser', ID: owner.ID, DisplayName: owner.DisplayName }, Permission: 'FULL_CONTROL' },
          ...(i % 50 === 0 ? [{ Grantee: { Type: 'Group' as const, URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' as const }] : []),
        ],
      },
      ...(i % 3 === 0
        ? { publicAccessBlock: { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } } }
        : {}),
      ...(i % 2 === 0
        ? { encryption: { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] } } }
        : {}),
      versioning: i % 4 === 0 ? { Status: 'Enabled' } : {},
    };
  }
  account.s3.listBuckets = { Buckets: buckets, Owner: owner };

  const per = opts.perReservation ?? 2;
  for (const r of regions) account.regions[r] = emptyRegion();
  const reservations: Record<string, CliJson<Reservation>[]> = {};
  const volumes: Record<string, CliJson<Volume>[]> = {};
  const metrics: Record<string, MetricSeries[]> = {};
  for (let i = 0; i < opts.instances; i++) {
    const region = regions[i % regions.length] ?? 'us-east-1';
    const id = `i-${hex(i, 17)}`;
    const volumeId = `vol-${hex(i, 17)}`;
    const state = i % 10 === 0 ? 'stopped' : 'running';
    const launch = iso(now - (30 + (i % 300)) * DAY);
    const instance: CliJson<Instance> = {
      InstanceId: id,
      ImageId: `ami-${hex(i % 7, 17)}`,
      InstanceType: i % 5 === 0 ? 'm5.2xlarge' : 't3.medium',
      LaunchTime: launch,
      State: { Code: state === 'running' ? 16 : 80, Name: state },
      StateTransitionReason: state === 'stopped' ? `User initiated (${iso(now - 120 * DAY).slice(0, 19).replace('T', ' ')} GMT)` : '',
      Placement: { AvailabilityZone: `${region}a`, Tenancy: 'default' },
      PrivateIpAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      SubnetId: `subnet-${hex(i % 16, 17)}`,
      VpcId: `vpc-${hex(1, 17)}`,
      MetadataOptions: { HttpTokens: i % 4 === 0 ? 'optional' : 'required', HttpEndpoint: 'enabled' },
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: volumeId, Status: 'attached', AttachTime: launch, DeleteOnTermination: true } }],
      Tags: [{ Key: 'Name', Value: `bench-${i}` }],
    };
    const list = (reservations[region] ??= []);
    const last = list[list.length - 1];
    if (last && (last.Instances?.length ?? 0) < per) last.Instances?.push(instance);
    else list.push({ ReservationId: `r-${hex(i, 17)}`, OwnerId: accountId, Groups: [], Instances: [instance] });
    (volumes[region] ??= []).push({
      VolumeId: volumeId,
      Size: 8 + (i % 4) * 50,
      VolumeType: i % 3 === 0 ? 'gp2' : 'gp3',
      State: 'in-use',
      AvailabilityZone: `${region}a`,
      CreateTime: launch,
      Encrypted: i % 2 === 0,
      Attachments: [{ InstanceId: id, VolumeId: volumeId, Device: '/dev/xvda', State: 'attached', AttachTime: launch, DeleteOnTermination: true }],
    });
    if (opts.metrics) {
      const ts = Array.from({ length: 14 }, (_, d) => iso(now - (14 - d) * DAY));
      (metrics[region] ??= []).push({
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId', Value: id }],
        Stat: 'Average',
        Period: 86400,
        Timestamps: ts,
        Values: ts.map((_, d) => (i % 5 === 0 ? 1 + (d % 3) * 0.5 : 30 + ((i + d) % 40))),
        Unit: 'Percent',
      });
    }
  }
  for (const r of regions) {
    const region = account.regions[r];
    if (!region) continue;
    region.ec2.instances = { Reservations: reservations[r] ?? [] };
    region.ec2.volumes = { Volumes: volumes[r] ?? [] };
    region.cloudwatch.metrics = metrics[r] ?? [];
  }
  return {
    worldDate,
    enabledRegions: regions,
    pageSizes: {},
    identities: [{ ...GENERATED_IDENTITY, accountId, arn: `arn:aws:iam::${accountId}:user/bench-scanner` }],
    accounts: { [accountId]: account },
  };
}

export interface GenerateOrgOptions extends Omit<GenerateOptions, 'accountId'> {
  /** Member accounts besides the management account (GENERATED_IDENTITY's). */
  members: number;
  /** Role every member trusts the management account to assume (default OrganizationAccountAccessRole). */
  roleName?: string;
}

/**
 * An organization for benchmarks: the management account (the scanner's) lists `members` ACTIVE
 * member accounts in Organizations ListAccounts, and each member holds the generated resources
 * and a role that trusts the management account's root. Every account gets the same resource mix.
 */
export function generateAwsOrgWorld(opts: GenerateOrgOptions): AwsWorld {
  const management = GENERATED_IDENTITY.accountId;
  const roleName = opts.roleName ?? 'OrganizationAccountAccessRole';
  const base = generateAwsWorld({ ...opts, accountId: management });
  const accounts: Record<string, AwsAccountState> = { ...base.accounts };
  const listed: NonNullable<AwsAccountState['organizationAccounts']>['Accounts'] = [
    { Id: management, Arn: `arn:aws:organizations::${management}:account/o-bench0000/${management}`, Email: 'management@bench.example.com', Name: 'bench-management', Status: 'ACTIVE', JoinedMethod: 'INVITED', JoinedTimestamp: '2024-01-01T00:00:00+00:00' },
  ];
  for (let i = 1; i <= opts.members; i++) {
    const id = String(700_000_000_000 + i);
    const member = generateAwsWorld({ ...opts, accountId: id, bucketPrefix: `bench-${id}` }).accounts[id] as AwsAccountState;
    member.iam.authorizationDetails.RoleDetailList = [
      ...(member.iam.authorizationDetails.RoleDetailList ?? []),
      {
        Path: '/',
        RoleName: roleName,
        RoleId: `AROABENCH${hex(i, 11).toUpperCase()}`,
        Arn: `arn:aws:iam::${id}:role/${roleName}`,
        CreateDate: '2024-01-01T00:00:00+00:00',
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${management}:root` }, Action: 'sts:AssumeRole' }] },
        InstanceProfileList: [],
        RolePolicyList: [],
        AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
        Tags: [],
      },
    ];
    accounts[id] = member;
    listed.push({ Id: id, Arn: `arn:aws:organizations::${management}:account/o-bench0000/${id}`, Email: `member-${i}@bench.example.com`, Name: `bench-member-${i}`, Status: 'ACTIVE', JoinedMethod: 'CREATED', JoinedTimestamp: '2024-01-01T00:00:00+00:00' });
  }
  (accounts[management] as AwsAccountState).organizationAccounts = { Accounts: listed };
  return { ...base, organization: { managementAccountId: management }, accounts };
}
