// EC2 (EC2 query protocol). Handlers return CLI-JSON documents; the server writes them in the
// EC2 XML dialect (see wire.ts). Paging: MaxResults / NextToken, as the API reference defines.
import { AwsError, ec2Filters, listParam, num, paginate } from '../context.js';
import type { Ctx, OpHandler } from '../context.js';
import { emptyRegion } from '../model.js';
import type { AwsEc2State } from '../model.js';
import { isRecord } from '../wire.js';

function ec2(ctx: Ctx): AwsEc2State {
  return (ctx.account.regions[ctx.region] ?? emptyRegion()).ec2;
}

const badToken = (): AwsError => new AwsError('InvalidPaginationToken', 'The pagination token provided is invalid.', 400);

function maxResults(ctx: Ctx, min: number, max: number): number | undefined {
  const n = num(ctx.form.get('MaxResults'));
  if (n !== undefined && (n < min || n > max)) {
    throw new AwsError('InvalidParameterValue', `Value ( ${n} ) for parameter maxResults is invalid. Expecting a value between ${min} and ${max}.`, 400);
  }
  return n;
}

type Doc = Record<string, unknown>;
/** Filter name → how to read the candidate values of one resource. */
type FilterMap = Record<string, (r: Doc) => unknown>;

function get(path: string): (r: Doc) => unknown {
  return (r) => {
    let cur: unknown = r;
    for (const p of path.split('.')) cur = isRecord(cur) ? cur[p] : undefined;
    return cur;
  };
}

function values(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(values);
  if (v === undefined || v === null) return [];
  return [String(v)];
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

function applyFilters<T>(ctx: Ctx, items: readonly T[], map: FilterMap): T[] {
  const filters = ec2Filters(ctx.form);
  if (filters.size === 0) return [...items];
  const preds: ((r: Doc) => boolean)[] = [];
  for (const [name, wanted] of filters) {
    const res = wanted.map(wildcard);
    let read: ((r: Doc) => unknown) | undefined;
    if (name.startsWith('tag:')) {
      const key = name.slice(4);
      read = (r) => (Array.isArray(r.Tags) ? r.Tags : []).filter((t: unknown) => isRecord(t) && t.Key === key).map((t: Doc) => t.Value);
    } else if (name === 'tag-key') {
      read = (r) => (Array.isArray(r.Tags) ? r.Tags : []).map((t: unknown) => (isRecord(t) ? t.Key : undefined));
    } else {
      read = map[name];
    }
    if (!read) throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`, 400);
    const reader = read;
    preds.push((r) => values(reader(r)).some((v) => res.some((re) => re.test(v))));
  }
  return items.filter((it) => preds.every((p) => p(it as Doc)));
}

function byIds<T>(items: readonly T[], ids: string[], key: string, notFound: (id: string) => AwsError): T[] {
  if (ids.length === 0) return [...items];
  const out: T[] = [];
  for (const id of ids) {
    const hit = items.find((it) => (it as Doc)[key] === id);
    if (!hit) throw notFound(id);
    out.push(hit);
  }
  return out;
}

function listed<T>(ctx: Ctx, field: string, all: readonly T[], fallback: number, minMax: [number, number]): Record<string, unknown> {
  const page = paginate(ctx, all, ctx.form.get('NextToken') ?? undefined, maxResults(ctx, minMax[0], minMax[1]), fallback, badToken);
  return { [field]: page.items, ...(page.next !== undefined ? { NextToken: page.next } : {}) };
}

const describeRegions: OpHandler = (ctx) => {
  const names = listParam(ctx.form, 'RegionName');
  const regions = ctx.world.enabledRegions
    .filter((r) => names.length === 0 || names.includes(r))
    .map((r) => ({ RegionName: r, Endpoint: `ec2.${r}.amazonaws.com`, OptInStatus: 'opt-in-not-required' }));
  return { Regions: regions };
};

const INSTANCE_FILTERS: FilterMap = {
  'instance-id': get('InstanceId'),
  'instance-state-name': get('State.Name'),
  'instance-type': get('InstanceType'),
  'vpc-id': get('VpcId'),
  'subnet-id': get('SubnetId'),
  'image-id': get('ImageId'),
};

const describeInstances: OpHandler = (ctx) => {
  const ids = listParam(ctx.form, 'InstanceId');
  if (ids.length > 0 && ctx.form.has('MaxResults')) {
    throw new AwsError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults', 400);
  }
  const reservations = ec2(ctx).instances?.Reservations ?? [];
  // Paging is by instance; a reservation whose instances span pages appears on each page.
  const flat = reservations.flatMap((r, ri) => (r.Instances ?? []).map((inst) => ({ ri, inst })));
  const known = new Set(flat.map((f) => f.inst.InstanceId));
  for (const id of ids) {
    if (!known.has(id)) throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`, 400);
  }
  const selected = applyFilters(
    ctx,
    flat.filter((f) => ids.length === 0 || ids.includes(f.inst.InstanceId ?? '')).map((f) => ({ ...f.inst, __ri: f.ri })),
    INSTANCE_FILTERS,
  );
  const page = paginate(ctx, selected, ctx.form.get('NextToken') ?? undefined, maxResults(ctx, 5, 1000), 1000, badToken);
  const out: Record<string, unknown>[] = [];
  let last = -1;
  for (const inst of page.items) {
    const { __ri: ri, ...instance } = inst;
    if (ri !== last) {
      const { Instances: _drop, ...res } = reservations[ri] ?? {};
      out.push({ ...res, Instances: [] });
      last = ri;
    }
    const cur = out[out.length - 1];
    if (cur && Array.isArray(cur.Instances)) cur.Instances.push(instance);
  }
  return { Reservations: out, ...(page.next !== undefined ? { NextToken: page.next } : {}) };
};

const describeInstanceAttribute: OpHandler = (ctx) => {
  const id = ctx.form.get('InstanceId') ?? '';
  const attribute = ctx.form.get('Attribute') ?? '';
  ctx.resource(id);
  const instance = (ec2(ctx).instances?.Reservations ?? []).flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId === id);
  if (!instance) throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`, 400);
  switch (attribute) {
    case 'userData': {
      const stored = ec2(ctx).userData[id];
      return { InstanceId: id, UserData: stored?.UserData ?? {} };
    }
    case 'instanceType':
      return { InstanceId: id, InstanceType: { Value: instance.InstanceType } };
    case 'disableApiTermination':
      return { InstanceId: id, DisableApiTermination: { Value: false } };
    default:
      throw new AwsError('InvalidParameterValue', `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`, 400);
  }
};

const describeVolumes: OpHandler = (ctx) => {
  const all = byIds(ec2(ctx).volumes?.Volumes ?? [], listParam(ctx.form, 'VolumeId'), 'VolumeId', (id) =>
    new AwsError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`, 400));
  const filtered = applyFilters(ctx, all, {
    'volume-id': get('VolumeId'),
    status: get('State'),
    'volume-type': get('VolumeType'),
    'attachment.instance-id': get('Attachments.InstanceId'),
  });
  return listed(ctx, 'Volumes', filtered, 1000, [5, 1000]);
};

function ownerSelf(ctx: Ctx, param: string): void {
  const owners = listParam(ctx.form, param);
  if (owners.some((o) => o !== 'self' && o !== ctx.accountId)) {
    // The fake stores only the account's own snapshots/images; other owners have none here.
    throw new AwsError('InvalidParameterValue', `The fake AWS only serves ${param}=self`, 400);
  }
}

const describeSnapshots: OpHandler = (ctx) => {
  ownerSelf(ctx, 'Owner');
  const all = byIds(ec2(ctx).snapshots?.Snapshots ?? [], listParam(ctx.form, 'SnapshotId'), 'SnapshotId', (id) =>
    new AwsError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`, 400));
  const filtered = applyFilters(ctx, all, { 'snapshot-id': get('SnapshotId'), 'volume-id': get('VolumeId'), status: get('State') });
  return listed(ctx, 'Snapshots', filtered, 1000, [5, 1000]);
};

const describeImages: OpHandler = (ctx) => {
  ownerSelf(ctx, 'Owner');
  const all = byIds(ec2(ctx).images?.Images ?? [], listParam(ctx.form, 'ImageId'), 'ImageId', (id) =>
    new AwsError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`, 400));
  const filtered = applyFilters(ctx, all, { 'image-id': get('ImageId'), state: get('State'), 'is-public': get('Public') });
  return listed(ctx, 'Images', filtered, 1000, [5, 1000]);
};

const describeSecurityGroups: OpHandler = (ctx) => {
  const all = byIds(ec2(ctx).securityGroups?.SecurityGroups ?? [], listParam(ctx.form, 'GroupId'), 'GroupId', (id) =>
    new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`, 400));
  const filtered = applyFilters(ctx, all, { 'group-id': get('GroupId'), 'group-name': get('GroupName'), 'vpc-id': get('VpcId') });
  return listed(ctx, 'SecurityGroups', filtered, 1000, [5, 1000]);
};

const describeAddresses: OpHandler = (ctx) => {
  const all = byIds(ec2(ctx).addresses?.Addresses ?? [], listParam(ctx.form, 'AllocationId'), 'AllocationId', (id) =>
    new AwsError('InvalidAllocationID.NotFound', `The allocation ID '${id}' does not exist`, 400));
  return { Addresses: applyFilters(ctx, all, { 'allocation-id': get('AllocationId'), 'instance-id': get('InstanceId'), domain: get('Domain') }) };
};

const describeNatGateways: OpHandler = (ctx) => {
  const all = byIds(ec2(ctx).natGateways?.NatGateways ?? [], listParam(ctx.form, 'NatGatewayId'), 'NatGatewayId', (id) =>
    new AwsError('NatGatewayNotFound', `The Nat Gateway ${id} was not found`, 400));
  const filtered = applyFilters(ctx, all, { 'nat-gateway-id': get('NatGatewayId'), state: get('State'), 'vpc-id': get('VpcId') });
  return listed(ctx, 'NatGateways', filtered, 1000, [5, 1000]);
};

const describeVpcs: OpHandler = (ctx) => {
  const all = byIds(ec2(ctx).vpcs?.Vpcs ?? [], listParam(ctx.form, 'VpcId'), 'VpcId', (id) =>
    new AwsError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`, 400));
  return listed(ctx, 'Vpcs', applyFilters(ctx, all, { 'vpc-id': get('VpcId'), 'is-default': get('IsDefault') }), 1000, [5, 1000]);
};

const describeSubnets: OpHandler = (ctx) => {
  const all = byIds(ec2(ctx).subnets?.Subnets ?? [], listParam(ctx.form, 'SubnetId'), 'SubnetId', (id) =>
    new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`, 400));
  return listed(ctx, 'Subnets', applyFilters(ctx, all, { 'subnet-id': get('SubnetId'), 'vpc-id': get('VpcId') }), 1000, [5, 1000]);
};

const describeLaunchTemplates: OpHandler = (ctx) => {
  const all = byIds(ec2(ctx).launchTemplates?.LaunchTemplates ?? [], listParam(ctx.form, 'LaunchTemplateId'), 'LaunchTemplateId', (id) =>
    new AwsError('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`, 400));
  const filtered = applyFilters(ctx, all, { 'launch-template-name': get('LaunchTemplateName') });
  return listed(ctx, 'LaunchTemplates', filtered, 1000, [1, 200]);
};

const describeLaunchTemplateVersions: OpHandler = (ctx) => {
  const id = ctx.form.get('LaunchTemplateId');
  const name = ctx.form.get('LaunchTemplateName');
  const templates = ec2(ctx).launchTemplates?.LaunchTemplates ?? [];
  let versions = ec2(ctx).launchTemplateVersions?.LaunchTemplateVersions ?? [];
  if (id !== null || name !== null) {
    const t = templates.find((lt) => (id !== null ? lt.LaunchTemplateId === id : lt.LaunchTemplateName === name));
    if (!t) {
      throw id !== null
        ? new AwsError('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`, 400)
        : new AwsError('InvalidLaunchTemplateName.NotFoundException', `The specified launch template, with template name ${name ?? ''}, does not exist.`, 400);
    }
    ctx.resource(t.LaunchTemplateId ?? '');
    versions = versions.filter((v) => v.LaunchTemplateId === t.LaunchTemplateId);
    const wanted = listParam(ctx.form, 'LaunchTemplateVersion');
    if (wanted.length > 0) {
      versions = versions.filter((v) =>
        wanted.some((w) =>
          w === '$Latest' ? v.VersionNumber === t.LatestVersionNumber : w === '$Default' ? v.DefaultVersion === true : Number(w) === v.VersionNumber,
        ),
      );
    }
  }
  return listed(ctx, 'LaunchTemplateVersions', versions, 1000, [1, 200]);
};

const describeSpotPriceHistory: OpHandler = (ctx) => {
  const types = listParam(ctx.form, 'InstanceType');
  const products = listParam(ctx.form, 'ProductDescription');
  const az = ctx.form.get('AvailabilityZone');
  const start = ctx.form.get('StartTime');
  const end = ctx.form.get('EndTime');
  const all = (ec2(ctx).spotPriceHistory?.SpotPriceHistory ?? []).filter((p) => {
    const t = Date.parse(p.Timestamp ?? '');
    return (
      (types.length === 0 || types.includes(p.InstanceType ?? '')) &&
      (products.length === 0 || products.includes(p.ProductDescription ?? '')) &&
      (az === null || p.AvailabilityZone === az) &&
      (end === null || t <= Date.parse(end)) &&
      (start === null || t >= Date.parse(start))
    );
  });
  return listed(ctx, 'SpotPriceHistory', all, 1000, [1, 1000]);
};

export const ec2Operations: Record<string, OpHandler> = {
  DescribeRegions: describeRegions,
  DescribeInstances: describeInstances,
  DescribeInstanceAttribute: describeInstanceAttribute,
  DescribeVolumes: describeVolumes,
  DescribeSnapshots: describeSnapshots,
  DescribeImages: describeImages,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeAddresses: describeAddresses,
  DescribeNatGateways: describeNatGateways,
  DescribeVpcs: describeVpcs,
  DescribeSubnets: describeSubnets,
  DescribeLaunchTemplates: describeLaunchTemplates,
  DescribeLaunchTemplateVersions: describeLaunchTemplateVersions,
  DescribeSpotPriceHistory: describeSpotPriceHistory,
};
