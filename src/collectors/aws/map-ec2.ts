/**
 * Pure: EC2 responses of one region (CLI JSON) → instances, volumes, snapshots, images, security
 * groups, elastic IPs, NAT gateways, VPCs, subnets and launch templates. User data never reaches
 * this module: only the masked findings made from it when it was read.
 */
import type {
  Address,
  Image,
  IpPermission,
  LaunchTemplate,
  LaunchTemplateVersion,
  NatGateway,
  Reservation,
  SecurityGroup,
  Snapshot,
  SpotPrice,
  Subnet,
  Volume,
  Vpc,
} from '@aws-sdk/client-ec2';
import type { FirewallRule, GraphNode, InstanceState, JsonObject, SecretFinding } from '../../graph/schema.js';
import { ec2Arn, imageArn, instanceArn, securityGroupArn, snapshotArn, subnetArn, volumeArn, vpcArn } from './arn.js';
import type { CliJson } from './cli-json.js';
import { isoTime, tagMap } from './cli-json.js';

export interface LaunchTemplateRaw {
  template: CliJson<LaunchTemplate>;
  /** Versions with `LaunchTemplateData.UserData` removed; null when unreadable. */
  versions: CliJson<LaunchTemplateVersion>[] | null;
  /** Masked secrets found in the versions' user data; null when the versions were unreadable. */
  userDataSecrets: SecretFinding[] | null;
}

export interface Ec2RegionRaw {
  region: string;
  reservations: CliJson<Reservation>[] | null;
  /** Masked secrets per instance id; an instance without an entry had unreadable user data. */
  userDataSecrets: Record<string, SecretFinding[]>;
  volumes: CliJson<Volume>[] | null;
  snapshots: CliJson<Snapshot>[] | null;
  images: CliJson<Image>[] | null;
  securityGroups: CliJson<SecurityGroup>[] | null;
  addresses: CliJson<Address>[] | null;
  natGateways: CliJson<NatGateway>[] | null;
  vpcs: CliJson<Vpc>[] | null;
  subnets: CliJson<Subnet>[] | null;
  launchTemplates: LaunchTemplateRaw[] | null;
  /** DescribeSpotPriceHistory for the instance types seen; null when not collected. */
  spotPrices: CliJson<SpotPrice>[] | null;
}

export interface Ec2Raw {
  account: string;
  regions: Ec2RegionRaw[];
}

const STATES: Record<string, InstanceState> = {
  pending: 'pending',
  running: 'running',
  'shutting-down': 'stopping',
  stopping: 'stopping',
  stopped: 'stopped',
  terminated: 'terminated',
};

/** `User initiated (2026-05-02 14:00:00 GMT)` → `2026-05-02T14:00:00.000Z`. */
export function transitionTime(reason: string | undefined): string | null {
  const m = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/.exec(reason ?? '');
  return m ? isoTime(`${m[1]}T${m[2]}Z`) : null;
}

const PROTOCOLS: Record<string, string> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

export function firewallRule(p: CliJson<IpPermission>, direction: 'ingress' | 'egress', region: string, account: string): FirewallRule {
  const proto = PROTOCOLS[p.IpProtocol ?? '-1'] ?? p.IpProtocol ?? 'all';
  const portless = proto === 'all' || proto === 'icmp' || proto === 'icmpv6' || p.FromPort === undefined || p.FromPort === -1;
  const sources = [
    ...(p.IpRanges ?? []).map((r) => r.CidrIp ?? ''),
    ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6 ?? ''),
    ...(p.PrefixListIds ?? []).map((r) => r.PrefixListId ?? ''),
    ...(p.UserIdGroupPairs ?? []).map((g) => securityGroupArn(region, g.UserId ?? account, g.GroupId ?? '')),
  ].filter((x) => x !== '');
  const description = [...(p.IpRanges ?? []), ...(p.Ipv6Ranges ?? []), ...(p.UserIdGroupPairs ?? []), ...(p.PrefixListIds ?? [])].map((r) => r.Description).find((d) => d !== undefined && d !== '');
  return {
    direction,
    action: 'allow',
    protocol: proto,
    ports: portless ? [] : [[p.FromPort ?? 0, p.ToPort ?? p.FromPort ?? 0]],
    sources,
    description: description ?? null,
  };
}

function nameTag(tags: Record<string, string>, fallback: string): string {
  return tags.Name !== undefined && tags.Name !== '' ? tags.Name : fallback;
}

function latestSpotPrice(prices: CliJson<SpotPrice>[], type: string, az: string | undefined): JsonObject | null {
  const ofType = prices.filter((p) => p.InstanceType === type);
  const inAz = ofType.filter((p) => p.AvailabilityZone === az);
  const pool = inAz.length > 0 ? inAz : ofType;
  const latest = [...pool].sort((a, b) => Date.parse(b.Timestamp ?? '') - Date.parse(a.Timestamp ?? '') || Number(a.SpotPrice ?? 0) - Number(b.SpotPrice ?? 0))[0];
  if (!latest) return null;
  return { usdPerHour: Number(latest.SpotPrice ?? 'NaN'), availabilityZone: latest.AvailabilityZone ?? null, at: isoTime(latest.Timestamp) };
}

export function mapEc2Region(r: Ec2RegionRaw, account: string): GraphNode[] {
  const { region } = r;
  const nodes: GraphNode[] = [];
  const base = { provider: 'aws' as const, account, region };

  for (const res of r.reservations ?? []) {
    for (const i of res.Instances ?? []) {
      const id = i.InstanceId ?? '';
      const tags = tagMap(i.Tags);
      const stateName = i.State?.Name ?? '';
      const state = STATES[stateName] ?? 'unknown';
      const publicIps = new Set<string>();
      if (i.PublicIpAddress) publicIps.add(i.PublicIpAddress);
      const privateIps = new Set<string>();
      if (i.PrivateIpAddress) privateIps.add(i.PrivateIpAddress);
      const interfaces = (i.NetworkInterfaces ?? []).map((n) => {
        const priv = (n.PrivateIpAddresses ?? []).map((p) => p.PrivateIpAddress ?? '').filter((x) => x !== '');
        const pub = [...(n.PrivateIpAddresses ?? []).map((p) => p.Association?.PublicIp ?? ''), n.Association?.PublicIp ?? ''].filter((x) => x !== '');
        for (const p of priv) privateIps.add(p);
        for (const p of pub) publicIps.add(p);
        return { mac: n.MacAddress ?? null, networkId: n.SubnetId ? subnetArn(region, account, n.SubnetId) : null, source: `eni:${n.NetworkInterfaceId ?? ''}`, privateIps: priv, publicIps: [...new Set(pub)] };
      });
      const md = i.MetadataOptions;
      const cores = i.CpuOptions?.CoreCount;
      const threads = i.CpuOptions?.ThreadsPerCore;
      nodes.push({
        ...base,
        id: instanceArn(region, account, id),
        kind: 'compute.instance',
        nativeType: 'AWS::EC2::Instance',
        name: nameTag(tags, id),
        tags,
        createdAt: isoTime(i.LaunchTime),
        attrs: {
          state,
          stateSince: state === 'running' || state === 'pending' ? isoTime(i.LaunchTime) : transitionTime(i.StateTransitionReason),
          instanceType: i.InstanceType ?? null,
          vcpus: cores !== undefined && threads !== undefined ? cores * threads : null,
          memoryMiB: null,
          lifecycle: i.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand',
          autostart: null,
          replaceable: null,
          publicIps: [...publicIps].sort(),
          privateIps: [...privateIps].sort(),
          interfaces,
          diskIds: (i.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.VolumeId ? [volumeArn(region, account, b.Ebs.VolumeId)] : [])),
          metadataOptions: md
            ? {
                endpointEnabled: md.HttpEndpoint === undefined ? null : md.HttpEndpoint === 'enabled',
                v1Allowed: md.HttpTokens === undefined ? null : md.HttpTokens === 'optional',
                hopLimit: md.HttpPutResponseHopLimit ?? null,
              }
            : null,
          userDataSecrets: r.userDataSecrets[id] ?? null,
          utilization: null,
          instanceProfileArn: i.IamInstanceProfile?.Arn ?? null,
          securityGroupIds: (i.SecurityGroups ?? []).map((g) => securityGroupArn(region, account, g.GroupId ?? '')),
          subnetId: i.SubnetId ? subnetArn(region, account, i.SubnetId) : null,
          vpcId: i.VpcId ? vpcArn(region, account, i.VpcId) : null,
          availabilityZone: i.Placement?.AvailabilityZone ?? null,
          imageId: i.ImageId ?? null,
          launchTime: isoTime(i.LaunchTime),
          stateReason: i.StateReason?.Code ?? null,
          ...(r.spotPrices !== null && i.InstanceType ? { spotPrice: latestSpotPrice(r.spotPrices, i.InstanceType, i.Placement?.AvailabilityZone) } : {}),
        },
        raw: { InstanceId: id, ImageId: i.ImageId ?? null, Platform: i.PlatformDetails ?? null, Architecture: i.Architecture ?? null },
      });
    }
  }

  for (const v of r.volumes ?? []) {
    const tags = tagMap(v.Tags);
    const id = v.VolumeId ?? '';
    nodes.push({
      ...base,
      id: volumeArn(region, account, id),
      kind: 'compute.disk',
      nativeType: 'AWS::EC2::Volume',
      name: nameTag(tags, id),
      tags,
      createdAt: isoTime(v.CreateTime),
      attrs: {
        sizeGiB: v.Size ?? null,
        diskType: v.VolumeType ?? null,
        attachedTo: (v.Attachments ?? []).flatMap((a) => (a.InstanceId ? [instanceArn(region, account, a.InstanceId)] : [])),
        encrypted: v.Encrypted ?? null,
        iops: v.Iops ?? null,
        throughputMiBps: v.Throughput ?? null,
        state: v.State ?? null,
        availabilityZone: v.AvailabilityZone ?? null,
        sourceSnapshotId: v.SnapshotId ? snapshotArn(region, v.SnapshotId) : null,
      },
    });
  }

  for (const s of r.snapshots ?? []) {
    const tags = tagMap(s.Tags);
    const id = s.SnapshotId ?? '';
    const vol = s.VolumeId && s.VolumeId !== 'vol-ffffffff' ? volumeArn(region, account, s.VolumeId) : null;
    nodes.push({
      ...base,
      id: snapshotArn(region, id),
      kind: 'compute.snapshot',
      nativeType: 'AWS::EC2::Snapshot',
      name: nameTag(tags, id),
      tags,
      createdAt: isoTime(s.StartTime),
      attrs: { sizeGiB: s.VolumeSize ?? null, sourceDiskId: vol, encrypted: s.Encrypted ?? null, state: s.State ?? null, description: s.Description ?? null, storageTier: s.StorageTier ?? null },
    });
  }

  for (const im of r.images ?? []) {
    const tags = tagMap(im.Tags);
    const id = im.ImageId ?? '';
    const ebs = (im.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs ? [b.Ebs] : []));
    nodes.push({
      ...base,
      id: imageArn(region, id),
      kind: 'compute.image',
      nativeType: 'AWS::EC2::Image',
      name: im.Name ?? id,
      tags,
      createdAt: isoTime(im.CreationDate),
      attrs: {
        public: im.Public ?? null,
        sizeGiB: ebs.length > 0 ? ebs.reduce((n, e) => n + (e.VolumeSize ?? 0), 0) : null,
        state: im.State ?? null,
        snapshotIds: ebs.flatMap((e) => (e.SnapshotId ? [snapshotArn(region, e.SnapshotId)] : [])),
      },
    });
  }

  for (const g of r.securityGroups ?? []) {
    const id = g.GroupId ?? '';
    nodes.push({
      ...base,
      id: securityGroupArn(region, account, id),
      kind: 'network.firewall',
      nativeType: 'AWS::EC2::SecurityGroup',
      name: g.GroupName ?? id,
      tags: tagMap(g.Tags),
      attrs: {
        rules: [...(g.IpPermissions ?? []).map((p) => firewallRule(p, 'ingress', region, account)), ...(g.IpPermissionsEgress ?? []).map((p) => firewallRule(p, 'egress', region, account))],
        isDefault: g.GroupName === 'default',
        vpcId: g.VpcId ? vpcArn(region, account, g.VpcId) : null,
        description: g.Description ?? null,
      },
    });
  }

  for (const a of r.addresses ?? []) {
    const key = a.AllocationId ?? a.PublicIp ?? '';
    const tags = tagMap(a.Tags);
    nodes.push({
      ...base,
      id: ec2Arn(region, account, 'elastic-ip', key),
      kind: 'network.public_ip',
      nativeType: 'AWS::EC2::EIP',
      name: nameTag(tags, a.PublicIp ?? key),
      tags,
      attrs: {
        address: a.PublicIp ?? null,
        associatedWith: a.InstanceId ? instanceArn(region, account, a.InstanceId) : a.NetworkInterfaceId ? ec2Arn(region, account, 'network-interface', a.NetworkInterfaceId) : null,
        allocationId: a.AllocationId ?? null,
        domain: a.Domain ?? null,
      },
    });
  }

  for (const n of r.natGateways ?? []) {
    const tags = tagMap(n.Tags);
    const id = n.NatGatewayId ?? '';
    nodes.push({
      ...base,
      id: ec2Arn(region, account, 'natgateway', id),
      kind: 'network.nat_gateway',
      nativeType: 'AWS::EC2::NatGateway',
      name: nameTag(tags, id),
      tags,
      createdAt: isoTime(n.CreateTime),
      attrs: {
        state: n.State ?? null,
        subnetId: n.SubnetId ? subnetArn(region, account, n.SubnetId) : null,
        vpcId: n.VpcId ? vpcArn(region, account, n.VpcId) : null,
        publicIps: (n.NatGatewayAddresses ?? []).map((x) => x.PublicIp ?? '').filter((x) => x !== ''),
        connectivityType: n.ConnectivityType ?? null,
      },
    });
  }

  for (const v of r.vpcs ?? []) {
    const tags = tagMap(v.Tags);
    const id = v.VpcId ?? '';
    const assoc = (v.CidrBlockAssociationSet ?? []).filter((c) => c.CidrBlockState?.State === 'associated').map((c) => c.CidrBlock ?? '');
    const cidrs = [...new Set([...(v.CidrBlock ? [v.CidrBlock] : []), ...assoc, ...(v.Ipv6CidrBlockAssociationSet ?? []).map((c) => c.Ipv6CidrBlock ?? '')])].filter((x) => x !== '');
    nodes.push({
      ...base,
      id: vpcArn(region, account, id),
      kind: 'network.vpc',
      nativeType: 'AWS::EC2::VPC',
      name: nameTag(tags, id),
      tags,
      attrs: { cidrBlocks: cidrs, isDefault: v.IsDefault ?? null, state: v.State ?? null },
    });
  }

  for (const s of r.subnets ?? []) {
    const tags = tagMap(s.Tags);
    const id = s.SubnetId ?? '';
    nodes.push({
      ...base,
      id: s.SubnetArn ?? subnetArn(region, account, id),
      kind: 'network.subnet',
      nativeType: 'AWS::EC2::Subnet',
      name: nameTag(tags, id),
      tags,
      attrs: {
        cidrBlocks: [s.CidrBlock ?? '', ...(s.Ipv6CidrBlockAssociationSet ?? []).map((c) => c.Ipv6CidrBlock ?? '')].filter((x) => x !== ''),
        vpcId: s.VpcId ? vpcArn(region, account, s.VpcId) : null,
        availabilityZone: s.AvailabilityZone ?? null,
        mapPublicIpOnLaunch: s.MapPublicIpOnLaunch ?? null,
      },
    });
  }

  for (const lt of r.launchTemplates ?? []) {
    const t = lt.template;
    const id = t.LaunchTemplateId ?? '';
    const tags = tagMap(t.Tags);
    const def = (lt.versions ?? []).find((v) => v.DefaultVersion === true || v.VersionNumber === t.DefaultVersionNumber);
    const tokens = def?.LaunchTemplateData?.MetadataOptions?.HttpTokens;
    nodes.push({
      ...base,
      id: ec2Arn(region, account, 'launch-template', id),
      kind: 'compute.launch_template',
      nativeType: 'AWS::EC2::LaunchTemplate',
      name: t.LaunchTemplateName ?? id,
      tags,
      createdAt: isoTime(t.CreateTime),
      attrs: {
        defaultVersion: t.DefaultVersionNumber ?? null,
        latestVersion: t.LatestVersionNumber ?? null,
        userDataSecrets: lt.userDataSecrets,
        imdsV1Allowed: def === undefined || tokens === undefined ? null : tokens === 'optional',
        instanceType: def?.LaunchTemplateData?.InstanceType ?? null,
        imageId: def?.LaunchTemplateData?.ImageId ?? null,
      },
    });
  }
  return nodes;
}

export function mapEc2(raw: Ec2Raw): GraphNode[] {
  return raw.regions.flatMap((r) => mapEc2Region(r, raw.account));
}
