/**
 * Offline import of AWS CLI JSON outputs, in the layout of `fixtures/worlds/<world>/aws`:
 *
 *   accounts/<id>/iam/get-account-authorization-details.json, credential-report.csv,
 *       get-account-summary.json, get-account-password-policy.json,
 *       access-keys/<user>.json (list-access-keys), access-key-last-used/<key id>.json
 *   accounts/<id>/s3/list-buckets.json, s3/buckets/<name>/{location,acl,policy,policy-status,
 *       public-access-block,encryption,versioning,logging,ownership-controls}.json
 *   accounts/<id>/s3control/public-access-block.json, ce/get-cost-and-usage*.json,
 *   accounts/<id>/organizations/list-accounts.json
 *   accounts/<id>/regions/<region>/ec2/describe-*.json, ec2/user-data/<instance id>.json,
 *       elbv2/describe-{load-balancers,target-groups}.json, elbv2/target-health/<tg name>.json,
 *       autoscaling/describe-auto-scaling-groups.json, cloudwatch/metrics.json
 *
 * A folder holding one account's files (iam/, s3/, regions/ …) is accepted too, with `account`.
 * Each file is what `aws <service> <operation> --output json` prints; a missing file reads as AWS
 * answers when there is nothing (no policy, no ownership controls, no user data, an empty list).
 * The same pure transforms and link step as the live collectors run on them; user data is scanned
 * as it is read and dropped.
 *
 * What the files cannot give (and so differs from a live scan of the same account):
 * - without get-account-summary.json, the root-user fallback facts (used when there is no
 *   credential report) are null rather than derived;
 * - the account's `scannedRegions` are the region folders present, not the regions enabled;
 * - coverage: an import has none (it made no calls), so a missing file cannot be told from an
 *   unreadable resource.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { GraphFragment } from '../types.js';
import { InputError } from '../../util/errors.js';
import type { GraphNode, SecretFinding } from '../../graph/schema.js';
import type { AutoScalingRaw } from './autoscaling.js';
import { mapAutoScaling } from './autoscaling.js';
import type { CeRaw } from './ce.js';
import { costWindow, mapCosts } from './ce.js';
import { mapCloudWatch, METRIC_PERIOD_SECONDS } from './cloudwatch.js';
import type { CloudWatchRaw } from './cloudwatch.js';
import type { Elbv2RegionRaw } from './elbv2.js';
import { mapElbv2 } from './elbv2.js';
import { linkAws } from './link.js';
import type { Ec2RegionRaw } from './map-ec2.js';
import { mapEc2 } from './map-ec2.js';
import type { IamRaw } from './map-iam.js';
import { mapIam } from './map-iam.js';
import type { S3BucketRaw } from './map-s3.js';
import { mapS3, regionOfLocation } from './map-s3.js';
import type { InstanceSeries } from './metrics.js';
import { DEFAULT_METRICS_DAYS } from './options.js';
import { mapAccount } from './sts.js';
import { scanUserData } from './user-data.js';

export interface AwsImportOptions {
  /** The account id, when `dir` holds a single account's files. */
  account?: string;
  /** Collection time the files stand for (key ages, metric and cost windows); default now. */
  now?: Date;
  /** Region allow-list, as for a live scan. */
  regions?: string[];
  metricsDays?: number;
  collectSpotPrices?: boolean;
}

type Json = Record<string, unknown>;
// The files are CLI outputs by contract; each reader below states the shape it takes them as.
type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function readJson(path: string): Loose {
  try {
    const v: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
    return v as Json;
  } catch (error) {
    throw new InputError(`aws import: ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const opt = (path: string): Loose => (existsSync(path) ? readJson(path) : undefined);
const dirs = (path: string): string[] => (existsSync(path) ? readdirSync(path).filter((n) => statSync(join(path, n)).isDirectory()).sort() : []);
const jsonFiles = (path: string): string[] => (existsSync(path) ? readdirSync(path).filter((n) => n.endsWith('.json')).sort() : []);

function iamRaw(dir: string, account: string, now: Date): IamRaw {
  const iam = join(dir, 'iam');
  const details = opt(join(iam, 'get-account-authorization-details.json'));
  const accessKeys: IamRaw['accessKeys'] = {};
  for (const u of details?.UserDetailList ?? []) {
    const f = join(iam, 'access-keys', `${String(u.UserName)}.json`);
    accessKeys[u.UserName] = existsSync(f) ? (readJson(f).AccessKeyMetadata ?? []) : [];
  }
  const lastUsed: IamRaw['lastUsed'] = {};
  for (const f of jsonFiles(join(iam, 'access-key-last-used'))) lastUsed[f.slice(0, -5)] = readJson(join(iam, 'access-key-last-used', f));
  const csv = join(iam, 'credential-report.csv');
  const summary = opt(join(iam, 'get-account-summary.json'));
  const policy = opt(join(iam, 'get-account-password-policy.json'));
  return {
    account,
    collectedAt: now.toISOString(),
    details: details ?? null,
    accessKeys,
    lastUsed,
    credentialReport: existsSync(csv) ? readFileSync(csv, 'utf8') : null,
    summary: summary?.SummaryMap ?? null,
    passwordPolicy: policy ? (policy.PasswordPolicy ?? {}) : 'none',
  };
}

function s3Nodes(dir: string, account: string, allow: string[] | undefined): GraphNode[] {
  const s3 = join(dir, 's3');
  const listed: Loose[] = opt(join(s3, 'list-buckets.json'))?.Buckets ?? [];
  const pab = opt(join(dir, 's3control', 'public-access-block.json'));
  const buckets: S3BucketRaw[] = [];
  for (const b of listed) {
    const name = String(b.Name);
    const bd = join(s3, 'buckets', name);
    const f = (file: string): Loose => opt(join(bd, `${file}.json`));
    const location = f('location');
    const region = location !== undefined ? regionOfLocation(location.LocationConstraint) : typeof b.BucketRegion === 'string' ? b.BucketRegion : 'us-east-1';
    if (allow && allow.length > 0 && !allow.includes(region)) continue;
    const policy = f('policy');
    const status = f('policy-status');
    buckets.push({
      name,
      creationDate: b.CreationDate ?? null,
      region,
      acl: f('acl') ?? { Grants: [] },
      policy: policy?.Policy ?? 'none',
      policyStatus: policy === undefined ? 'none' : status?.PolicyStatus ?? null,
      publicAccessBlock: f('public-access-block')?.PublicAccessBlockConfiguration ?? 'none',
      encryption: f('encryption')?.ServerSideEncryptionConfiguration ?? 'none',
      versioning: f('versioning') ?? {},
      logging: f('logging') ?? {},
      ownershipControls: f('ownership-controls')?.OwnershipControls ?? 'none',
    });
  }
  return mapS3({ account, accountPublicAccessBlock: pab?.PublicAccessBlockConfiguration ?? 'none', buckets });
}

function ec2Region(rdir: string, region: string, now: Date, spot: boolean): Ec2RegionRaw {
  const ec2 = join(rdir, 'ec2');
  const list = (file: string, key: string): Loose[] => opt(join(ec2, file))?.[key] ?? [];
  const reservations = list('describe-instances.json', 'Reservations');
  const userDataSecrets: Record<string, SecretFinding[]> = {};
  for (const r of reservations) for (const i of r.Instances ?? []) userDataSecrets[i.InstanceId] = [];
  for (const f of jsonFiles(join(ec2, 'user-data'))) {
    const id = f.slice(0, -5);
    if (userDataSecrets[id] !== undefined) userDataSecrets[id] = scanUserData(readJson(join(ec2, 'user-data', f)).UserData?.Value, 'userData');
  }
  const allVersions = list('describe-launch-template-versions.json', 'LaunchTemplateVersions');
  const launchTemplates = list('describe-launch-templates.json', 'LaunchTemplates').map((template: Loose) => {
    const id = String(template.LaunchTemplateId);
    const secrets: SecretFinding[] = [];
    const versions = allVersions
      .filter((v) => v.LaunchTemplateId === id)
      .map((v) => {
        const { UserData, ...data } = v.LaunchTemplateData ?? {};
        secrets.push(...scanUserData(UserData, `launchTemplate:${id}:v${v.VersionNumber ?? '?'}:userData`));
        return { ...v, LaunchTemplateData: data };
      });
    return { template, versions, userDataSecrets: secrets };
  });
  let spotPrices: Ec2RegionRaw['spotPrices'] = null;
  if (spot) {
    const types = new Set(reservations.flatMap((r) => (r.Instances ?? []).map((i: Loose) => i.InstanceType)));
    const start = now.getTime() - 86_400_000;
    spotPrices = list('describe-spot-price-history.json', 'SpotPriceHistory').filter((p) => {
      const t = Date.parse(p.Timestamp);
      return types.has(p.InstanceType) && p.ProductDescription === 'Linux/UNIX' && t >= start && t <= now.getTime();
    });
  }
  return {
    region,
    reservations,
    userDataSecrets,
    volumes: list('describe-volumes.json', 'Volumes'),
    snapshots: list('describe-snapshots.json', 'Snapshots'),
    images: list('describe-images.json', 'Images'),
    securityGroups: list('describe-security-groups.json', 'SecurityGroups'),
    addresses: list('describe-addresses.json', 'Addresses'),
    natGateways: list('describe-nat-gateways.json', 'NatGateways'),
    vpcs: list('describe-vpcs.json', 'Vpcs'),
    subnets: list('describe-subnets.json', 'Subnets'),
    launchTemplates,
    spotPrices,
  };
}

function elbRegion(rdir: string, region: string): Elbv2RegionRaw {
  const elb = join(rdir, 'elbv2');
  const targetGroups: Loose[] = opt(join(elb, 'describe-target-groups.json'))?.TargetGroups ?? [];
  const targetHealth: Elbv2RegionRaw['targetHealth'] = {};
  for (const tg of targetGroups) targetHealth[tg.TargetGroupArn] = opt(join(elb, 'target-health', `${String(tg.TargetGroupName)}.json`))?.TargetHealthDescriptions ?? [];
  return { region, loadBalancers: opt(join(elb, 'describe-load-balancers.json'))?.LoadBalancers ?? [], targetGroups, targetHealth };
}

/** The datapoints a GetMetricData query would return from a stored series: same stat, period a multiple of the series'. */
function seriesFor(metrics: Loose[], instanceId: string, name: string, stat: string, start: number, end: number): number[] {
  const s = metrics.find(
    (m) => m.Namespace === 'AWS/EC2' && m.MetricName === name && m.Stat === stat && (m.Dimensions ?? []).length === 1 && m.Dimensions[0].Name === 'InstanceId' && m.Dimensions[0].Value === instanceId,
  );
  if (!s || METRIC_PERIOD_SECONDS < s.Period || METRIC_PERIOD_SECONDS % s.Period !== 0) return [];
  const buckets = new Map<number, number[]>();
  (s.Timestamps as string[]).forEach((ts, i) => {
    const t = Date.parse(ts);
    const v = s.Values[i];
    if (typeof v !== 'number' || t < start || t >= end) return;
    const b = Math.floor(t / (METRIC_PERIOD_SECONDS * 1000));
    buckets.set(b, [...(buckets.get(b) ?? []), v]);
  });
  const agg = (vs: number[]): number =>
    stat === 'Maximum' ? Math.max(...vs) : stat === 'Sum' ? vs.reduce((a, b) => a + b, 0) : vs.reduce((a, b) => a + b, 0) / vs.length;
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, vs]) => agg(vs));
}

function importAccount(dir: string, account: string, options: AwsImportOptions, org: { management: string | null; names: Map<string, string> }): GraphFragment {
  const now = options.now ?? new Date();
  const allow = options.regions;
  const regions = dirs(join(dir, 'regions')).filter((r) => !allow || allow.length === 0 || allow.includes(r));
  const nodes: GraphNode[] = [];
  nodes.push(
    ...mapAccount(
      { account, callerArn: null, regions },
      { account, accountName: org.names.get(account) ?? null, organizationManagementAccount: org.management !== null && org.management !== account ? org.management : null },
    ),
  );
  nodes.push(...mapIam(iamRaw(dir, account, now)));
  nodes.push(...s3Nodes(dir, account, allow));
  nodes.push(...mapEc2({ account, regions: regions.map((r) => ec2Region(join(dir, 'regions', r), r, now, options.collectSpotPrices === true)) }));
  nodes.push(...mapElbv2({ account, regions: regions.map((r) => elbRegion(join(dir, 'regions', r), r)) }));
  const asg: AutoScalingRaw = { account, regions: regions.map((r) => ({ region: r, groups: opt(join(dir, 'regions', r, 'autoscaling', 'describe-auto-scaling-groups.json'))?.AutoScalingGroups ?? [] })) };
  nodes.push(...mapAutoScaling(asg));
  const days = options.metricsDays ?? DEFAULT_METRICS_DAYS;
  const end = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  const start = end - days * 86_400_000;
  const cw: CloudWatchRaw = {
    account,
    windowDays: days,
    periodSeconds: METRIC_PERIOD_SECONDS,
    regions: regions.map((r) => {
      const metrics: Loose[] = opt(join(dir, 'regions', r, 'cloudwatch', 'metrics.json'))?.Metrics ?? [];
      const reservations: Loose[] = opt(join(dir, 'regions', r, 'ec2', 'describe-instances.json'))?.Reservations ?? [];
      const series: Record<string, InstanceSeries> = {};
      for (const res of reservations) {
        for (const i of res.Instances ?? []) {
          const id = String(i.InstanceId);
          series[id] = {
            cpuAvg: seriesFor(metrics, id, 'CPUUtilization', 'Average', start, end),
            cpuMax: seriesFor(metrics, id, 'CPUUtilization', 'Maximum', start, end),
            networkOut: seriesFor(metrics, id, 'NetworkOut', 'Sum', start, end),
          };
        }
      }
      return { region: r, series };
    }),
  };
  nodes.push(...mapCloudWatch(cw));
  const ceDir = join(dir, 'ce');
  const grouped = jsonFiles(ceDir)
    .filter((f) => f.startsWith('get-cost-and-usage'))
    .map((f) => readJson(join(ceDir, f)))
    .find((d) => JSON.stringify((d.GroupDefinitions ?? []).map((g: Loose) => g.Key)) === '["SERVICE","USAGE_TYPE"]');
  const ce: CeRaw = { account, period: costWindow(now), results: grouped?.ResultsByTime ?? [] };
  const linked = linkAws({ nodes, edges: [] });
  const replaced = new Set(linked.nodes.map((n) => n.id));
  return { nodes: [...nodes.filter((n) => !replaced.has(n.id)), ...linked.nodes], edges: linked.edges, costs: mapCosts(ce) };
}

/** Imports a world folder (`accounts/<id>/…`) or one account's folder into one graph fragment. */
export async function importAwsCliJson(dir: string, options: AwsImportOptions = {}): Promise<GraphFragment> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`aws import: '${dir}' is not a folder of AWS CLI JSON outputs`);
  const accountsDir = join(dir, 'accounts');
  let accounts: { id: string; dir: string }[];
  if (existsSync(accountsDir)) accounts = dirs(accountsDir).map((id) => ({ id, dir: join(accountsDir, id) }));
  else {
    const id = options.account ?? basename(dir);
    if (!/^\d{12}$/.test(id)) throw new InputError(`aws import: '${dir}' has no accounts/ folder; give the account id of this single-account folder (--account 123456789012)`);
    accounts = [{ id, dir }];
  }
  if (accounts.length === 0) throw new InputError(`aws import: no account folders in '${accountsDir}'`);
  let management: string | null = null;
  const names = new Map<string, string>();
  for (const a of accounts) {
    const listing = opt(join(a.dir, 'organizations', 'list-accounts.json'));
    if (listing === undefined) continue;
    management = a.id;
    for (const m of listing.Accounts ?? []) if (typeof m.Id === 'string' && typeof m.Name === 'string') names.set(m.Id, m.Name);
  }
  const parts = accounts.map((a) => importAccount(a.dir, a.id, options, { management, names }));
  const byId = new Map<string, GraphNode>();
  for (const p of parts) for (const n of p.nodes) byId.set(n.id, n);
  return { nodes: [...byId.values()], edges: parts.flatMap((p) => p.edges), costs: parts.flatMap((p) => p.costs ?? []) };
}
