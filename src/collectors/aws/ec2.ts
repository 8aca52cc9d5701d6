/**
 * `aws.ec2`, per region: DescribeInstances (shared with CloudWatch), DescribeInstanceAttribute
 * userData per instance (scanned for secrets in memory, only masked findings kept), volumes, own
 * snapshots and images, security groups, addresses, NAT gateways, VPCs, subnets, launch templates
 * and their versions (user data scanned the same way), and optionally the spot price history of
 * the instance types seen.
 */
import {
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstanceAttributeCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeNatGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSpotPriceHistoryCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SecretFinding } from '../../graph/schema.js';
import type { Collector, CollectContext } from '../types.js';
import { registerCollector } from '../types.js';
import { instanceArn } from './arn.js';
import type { CliJson } from './cli-json.js';
import { toCliJson } from './cli-json.js';
import type { Ec2Raw, Ec2RegionRaw, LaunchTemplateRaw } from './map-ec2.js';
import { mapEc2 } from './map-ec2.js';
import type { AwsTarget } from './options.js';
import { allPages } from './paging.js';
import type { AwsSession } from './session.js';
import { withSession } from './session.js';
import { scanUserData } from './user-data.js';

const SERVICE = 'ec2';

async function list<P, I>(ctx: CollectContext, region: string, operation: string, fetch: (token: string | undefined, signal: AbortSignal) => Promise<P>, next: (p: P) => string | undefined, items: (p: P) => I[] | undefined): Promise<CliJson<I>[] | null> {
  const { pages } = await allPages(ctx, { service: SERVICE, operation, region }, fetch, next);
  return pages.length === 0 ? null : pages.flatMap((p) => toCliJson(items(p) ?? []));
}

async function launchTemplates(ctx: CollectContext, ec2: EC2Client, region: string): Promise<LaunchTemplateRaw[] | null> {
  const templates = await list(ctx, region, 'DescribeLaunchTemplates', (t, signal) => ec2.send(new DescribeLaunchTemplatesCommand({ MaxResults: 200, ...(t ? { NextToken: t } : {}) }), { abortSignal: signal }), (p) => p.NextToken, (p) => p.LaunchTemplates);
  if (templates === null) return null;
  return Promise.all(
    templates.map(async (template) => {
      const id = template.LaunchTemplateId ?? '';
      const { pages } = await allPages(
        ctx,
        { service: SERVICE, operation: 'DescribeLaunchTemplateVersions', region, resource: id },
        (t, signal) => ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, MaxResults: 200, ...(t ? { NextToken: t } : {}) }), { abortSignal: signal }),
        (p) => p.NextToken,
      );
      if (pages.length === 0) return { template, versions: null, userDataSecrets: null };
      const secrets: SecretFinding[] = [];
      const versions = pages.flatMap((p) =>
        (p.LaunchTemplateVersions ?? []).map((v) => {
          const { UserData, ...data } = v.LaunchTemplateData ?? {};
          secrets.push(...scanUserData(UserData, `launchTemplate:${id}:v${v.VersionNumber ?? '?'}:userData`));
          // The user data itself is dropped here, before anything is kept.
          return toCliJson({ ...v, LaunchTemplateData: data });
        }),
      );
      return { template, versions, userDataSecrets: secrets };
    }),
  );
}

async function regionRaw(ctx: CollectContext, s: AwsSession, target: AwsTarget, region: string): Promise<Ec2RegionRaw> {
  const ec2 = s.clients.ec2(region);
  const [reservations, volumes, snapshots, images, securityGroups, addresses, natGateways, vpcs, subnets, lts] = await Promise.all([
    s.instances(region),
    list(ctx, region, 'DescribeVolumes', (t, signal) => ec2.send(new DescribeVolumesCommand({ MaxResults: 1000, ...(t ? { NextToken: t } : {}) }), { abortSignal: signal }), (p) => p.NextToken, (p) => p.Volumes),
    list(ctx, region, 'DescribeSnapshots', (t, signal) => ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1000, ...(t ? { NextToken: t } : {}) }), { abortSignal: signal }), (p) => p.NextToken, (p) => p.Snapshots),
    list(ctx, region, 'DescribeImages', (t, signal) => ec2.send(new DescribeImagesCommand({ Owners: ['self'], MaxResults: 1000, ...(t ? { NextToken: t } : {}) }), { abortSignal: signal }), (p) => p.NextToken, (p) => p.Images),
    list(ctx, region, 'DescribeSecurityGroups', (t, signal) => ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 1000, ...(t ? { NextToken: t } : {}) }), { abortSignal: signal }), (p) => p.NextToken, (p) => p.SecurityGroups),
    list(ctx, region, 'DescribeAddresses', (_t, signal) => ec2.send(new DescribeAddressesCommand({}), { abortSignal: signal }), () => undefined, (p) => p.Addresses),
    list(ctx, region, 'DescribeNatGateways', (t, signal) => ec2.send(new DescribeNatGatewaysCommand({ MaxResults: 1000, ...(t ? { NextToken: t } : {}) }), { abortSignal: signal }), (p) => p.NextToken, (p) => p.NatGateways),
    list(ctx, region, 'DescribeVpcs', (t, signal) => ec2.send(new DescribeVpcsCommand({ MaxResults: 1000, ...(t ? { NextToken: t } : {}) }), { abortSignal: signal }), (p) => p.NextToken, (p) => p.Vpcs),
    list(ctx, region, 'DescribeSubnets', (t, signal) => ec2.send(new DescribeSubnetsCommand({ MaxResults: 1000, ...(t ? { NextToken: t } : {}) }), { abortSignal: signal }), (p) => p.NextToken, (p) => p.Subnets),
    launchTemplates(ctx, ec2, region),
  ]);

  const instances = (reservations ?? []).flatMap((r) => r.Instances ?? []);
  const userDataSecrets: Record<string, SecretFinding[]> = {};
  await Promise.all(
    instances.map(async (i) => {
      const id = i.InstanceId ?? '';
      const r = await ctx.call({ service: SERVICE, operation: 'DescribeInstanceAttribute', region, resource: instanceArn(region, target.account, id) }, async (signal) => {
        const out = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }), { abortSignal: signal });
        // Scanned here, inside the call: the user data text never leaves this function.
        return scanUserData(out.UserData?.Value, 'userData');
      });
      if (r.ok) userDataSecrets[id] = r.value;
    }),
  );

  let spotPrices: Ec2RegionRaw['spotPrices'] = null;
  if (target.options.collectSpotPrices === true) {
    const types = [...new Set(instances.map((i) => i.InstanceType ?? '').filter((t) => t !== ''))].sort();
    if (types.length > 0) {
      const end = s.now;
      const start = new Date(end.getTime() - 86_400_000);
      spotPrices = await list(
        ctx,
        region,
        'DescribeSpotPriceHistory',
        (t, signal) => ec2.send(new DescribeSpotPriceHistoryCommand({ InstanceTypes: types as never[], ProductDescriptions: ['Linux/UNIX'], StartTime: start, EndTime: end, MaxResults: 1000, ...(t ? { NextToken: t } : {}) }), { abortSignal: signal }),
        (p) => p.NextToken,
        (p) => p.SpotPriceHistory,
      );
    } else spotPrices = [];
  }
  return { region, reservations, userDataSecrets, volumes, snapshots, images, securityGroups, addresses, natGateways, vpcs, subnets, launchTemplates: lts, spotPrices };
}

export const ec2Collector: Collector<AwsTarget, Ec2Raw> = {
  id: 'aws.ec2',
  provider: 'aws',
  service: SERVICE,
  description: 'EC2 per region: instances (state, IMDS, profile, user-data secrets masked), volumes, snapshots, images, security groups, elastic IPs, NAT gateways, VPCs, subnets, launch templates, spot prices',
  permissions: [
    { action: 'ec2:DescribeInstances', why: 'instances: type, state and since when, IPs, IMDS options, instance profile, security groups, lifecycle' },
    { action: 'ec2:DescribeInstanceAttribute', why: 'userData, scanned for secrets in memory (only masked findings are kept)' },
    { action: 'ec2:DescribeVolumes', why: 'EBS volumes and their attachments' },
    { action: 'ec2:DescribeSnapshots', why: "the account's own EBS snapshots" },
    { action: 'ec2:DescribeImages', why: "the account's own AMIs and whether they are public" },
    { action: 'ec2:DescribeSecurityGroups', why: 'security group rules' },
    { action: 'ec2:DescribeAddresses', why: 'elastic IPs and whether they are associated' },
    { action: 'ec2:DescribeNatGateways', why: 'NAT gateways' },
    { action: 'ec2:DescribeVpcs', why: 'VPCs' },
    { action: 'ec2:DescribeSubnets', why: 'subnets' },
    { action: 'ec2:DescribeLaunchTemplates', why: 'launch templates' },
    { action: 'ec2:DescribeLaunchTemplateVersions', why: 'launch template versions: IMDS settings; user data scanned for secrets in memory' },
    { action: 'ec2:DescribeSpotPriceHistory', why: 'optional (collectSpotPrices): current spot prices of the instance types in use' },
  ],
  get: (ctx, target) =>
    withSession<Ec2Raw>(ctx, target, { account: target.account, regions: [] }, async (s) => ({
      account: target.account,
      regions: await Promise.all(s.regions.map((region) => regionRaw(ctx, s, target, region))),
    })),
  transform: (raw) => ({ nodes: mapEc2(raw), edges: [] }),
};

export const ec2 = registerCollector(ec2Collector);
