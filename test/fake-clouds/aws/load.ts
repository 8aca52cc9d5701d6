// Loads a world folder (fixtures/worlds/<world>/aws) into the in-memory model. The layout is
// documented in README.md; every file is the AWS CLI JSON output of one read operation.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { emptyAccount, emptyRegion } from './model.js';
import type { AwsAccountState, AwsIdentity, AwsRegionState, AwsS3Bucket, AwsWorld, MetricSeries } from './model.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readJson(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`fake AWS world: cannot parse ${path}: ${(e as Error).message}`);
  }
  if (!isObject(parsed)) throw new Error(`fake AWS world: ${path} is not a JSON object`);
  return parsed;
}

/** Reads an optional CLI output file. The cast is the loader's contract: files hold CLI JSON. */
function opt<T>(path: string): T | undefined {
  return existsSync(path) ? (readJson(path) as T) : undefined;
}

function dirs(path: string): string[] {
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter((n) => statSync(join(path, n)).isDirectory())
    .sort();
}

function jsonFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter((n) => n.endsWith('.json'))
    .sort();
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new Error(`fake AWS world: ${what} must be a string`);
  return v;
}

function loadIdentities(raw: unknown): AwsIdentity[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((r: unknown, i) => {
    if (!isObject(r)) throw new Error(`fake AWS world: identities[${i}] must be an object`);
    return {
      accessKeyId: str(r.accessKeyId, `identities[${i}].accessKeyId`),
      secretAccessKey: str(r.secretAccessKey, `identities[${i}].secretAccessKey`),
      accountId: str(r.accountId, `identities[${i}].accountId`),
      arn: str(r.arn, `identities[${i}].arn`),
      userId: str(r.userId, `identities[${i}].userId`),
    };
  });
}

const BUCKET_FILES: Record<keyof AwsS3Bucket, string> = {
  location: 'location.json',
  acl: 'acl.json',
  policy: 'policy.json',
  policyStatus: 'policy-status.json',
  publicAccessBlock: 'public-access-block.json',
  encryption: 'encryption.json',
  versioning: 'versioning.json',
  logging: 'logging.json',
  ownershipControls: 'ownership-controls.json',
};

function loadBucket(dir: string, name: string): AwsS3Bucket {
  const b: AwsS3Bucket = {};
  for (const [key, file] of Object.entries(BUCKET_FILES) as [keyof AwsS3Bucket, string][]) {
    const doc = opt<never>(join(dir, file));
    if (doc !== undefined) b[key] = doc;
  }
  if (b.policy !== undefined && b.policyStatus === undefined) {
    throw new Error(`fake AWS world: bucket ${name} has policy.json but no policy-status.json`);
  }
  return b;
}

function loadRegion(dir: string): AwsRegionState {
  const r = emptyRegion();
  const ec2 = join(dir, 'ec2');
  r.ec2.instances = opt(join(ec2, 'describe-instances.json'));
  r.ec2.volumes = opt(join(ec2, 'describe-volumes.json'));
  r.ec2.snapshots = opt(join(ec2, 'describe-snapshots.json'));
  r.ec2.images = opt(join(ec2, 'describe-images.json'));
  r.ec2.securityGroups = opt(join(ec2, 'describe-security-groups.json'));
  r.ec2.addresses = opt(join(ec2, 'describe-addresses.json'));
  r.ec2.natGateways = opt(join(ec2, 'describe-nat-gateways.json'));
  r.ec2.vpcs = opt(join(ec2, 'describe-vpcs.json'));
  r.ec2.subnets = opt(join(ec2, 'describe-subnets.json'));
  r.ec2.launchTemplates = opt(join(ec2, 'describe-launch-templates.json'));
  r.ec2.launchTemplateVersions = opt(join(ec2, 'describe-launch-template-versions.json'));
  r.ec2.spotPriceHistory = opt(join(ec2, 'describe-spot-price-history.json'));
  for (const f of jsonFiles(join(ec2, 'user-data'))) {
    r.ec2.userData[f.slice(0, -5)] = readJson(join(ec2, 'user-data', f)) as never;
  }
  const elb = join(dir, 'elbv2');
  r.elbv2.loadBalancers = opt(join(elb, 'describe-load-balancers.json'));
  r.elbv2.targetGroups = opt(join(elb, 'describe-target-groups.json'));
  for (const f of jsonFiles(join(elb, 'target-health'))) {
    r.elbv2.targetHealth[f.slice(0, -5)] = readJson(join(elb, 'target-health', f)) as never;
  }
  r.autoscaling = opt(join(dir, 'autoscaling', 'describe-auto-scaling-groups.json'));
  const metrics = opt<{ Metrics?: MetricSeries[] }>(join(dir, 'cloudwatch', 'metrics.json'));
  r.cloudwatch.metrics = metrics?.Metrics ?? [];
  return r;
}

function loadAccount(dir: string, accountId: string): AwsAccountState {
  const a = emptyAccount(accountId);
  const iam = join(dir, 'iam');
  const details = opt<AwsAccountState['iam']['authorizationDetails']>(join(iam, 'get-account-authorization-details.json'));
  if (details) a.iam.authorizationDetails = details;
  const csv = join(iam, 'credential-report.csv');
  if (existsSync(csv)) a.iam.credentialReportCsv = readFileSync(csv, 'utf8');
  for (const f of jsonFiles(join(iam, 'access-keys'))) {
    a.iam.accessKeys[f.slice(0, -5)] = readJson(join(iam, 'access-keys', f)) as never;
  }
  for (const f of jsonFiles(join(iam, 'access-key-last-used'))) {
    a.iam.accessKeyLastUsed[f.slice(0, -5)] = readJson(join(iam, 'access-key-last-used', f)) as never;
  }
  a.iam.accountSummary = opt(join(iam, 'get-account-summary.json'));
  a.iam.passwordPolicy = opt(join(iam, 'get-account-password-policy.json'));

  const s3 = join(dir, 's3');
  const lb = opt<AwsAccountState['s3']['listBuckets']>(join(s3, 'list-buckets.json'));
  if (lb) a.s3.listBuckets = lb;
  for (const b of a.s3.listBuckets.Buckets ?? []) {
    if (b.Name !== undefined) a.s3.buckets[b.Name] = loadBucket(join(s3, 'buckets', b.Name), b.Name);
  }
  for (const name of dirs(join(s3, 'buckets'))) {
    if (!a.s3.buckets[name]) throw new Error(`fake AWS world: s3/buckets/${name} is not in list-buckets.json`);
  }
  a.s3control.publicAccessBlock = opt(join(dir, 's3control', 'public-access-block.json'));
  const ce = join(dir, 'ce');
  for (const f of jsonFiles(ce).filter((n) => n.startsWith('get-cost-and-usage'))) {
    a.costAndUsage.push(readJson(join(ce, f)) as never);
  }
  a.organizationAccounts = opt(join(dir, 'organizations', 'list-accounts.json'));
  for (const region of dirs(join(dir, 'regions'))) a.regions[region] = loadRegion(join(dir, 'regions', region));
  return a;
}

/** Loads `fixtures/worlds/<world>/aws` (the folder holding world.json). */
export function loadAwsWorld(dir: string): AwsWorld {
  const meta = readJson(join(dir, 'world.json'));
  const accounts: Record<string, AwsAccountState> = {};
  for (const id of dirs(join(dir, 'accounts'))) accounts[id] = loadAccount(join(dir, 'accounts', id), id);
  const regionsSeen = new Set<string>();
  for (const a of Object.values(accounts)) for (const r of Object.keys(a.regions)) regionsSeen.add(r);
  const enabled = Array.isArray(meta.enabledRegions)
    ? meta.enabledRegions.map((r: unknown) => str(r, 'enabledRegions[]'))
    : [...regionsSeen].sort();
  const pageSizes: Record<string, number> = {};
  if (isObject(meta.pageSizes)) {
    for (const [k, v] of Object.entries(meta.pageSizes)) if (typeof v === 'number') pageSizes[k] = v;
  }
  const world: AwsWorld = {
    worldDate: str(meta.worldDate, 'worldDate'),
    enabledRegions: enabled,
    pageSizes,
    identities: loadIdentities(meta.identities),
    accounts,
  };
  if (isObject(meta.organization)) {
    world.organization = { managementAccountId: str(meta.organization.managementAccountId, 'organization.managementAccountId') };
  }
  return world;
}
