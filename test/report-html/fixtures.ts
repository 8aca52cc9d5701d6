/**
 * Realistic results documents for the HTML report's tests, bench and screenshot: several providers
 * and accounts, every severity, framework mappings, toxic combinations with attack paths, savings,
 * coverage gaps, suppressed and baseline-new findings, and resolved findings. Deterministic.
 * `validateResults` checks a document against the checked-in JSON Schema.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { CoverageRow, JsonObject, NodeKind, Provider } from '../../src/graph/schema.js';
import type { Finding, FrameworkRef, PathStep, PolicyError, PolicyInfo, Results, Saving, Severity, SuppressionMatch } from '../../src/results/schema.js';
import { SEVERITIES } from '../../src/results/schema.js';

const fp = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');

export const ACCOUNTS: { provider: Provider; account: string; region: string }[] = [
  { provider: 'aws', account: '111111111111', region: 'us-east-1' },
  { provider: 'aws', account: '222222222222', region: 'eu-west-1' },
  { provider: 'gcp', account: 'prod-analytics', region: 'europe-west1' },
  { provider: 'azure', account: '0b5c2f3e-9a1d-4c7e-8f2a-6d3b1e9c7a40', region: 'westeurope' },
  { provider: 'libvirt', account: 'qemu+ssh://kvm-demo-01/system', region: 'global' },
];

export const policy = (
  id: string,
  title: string,
  severity: Severity,
  provider: Provider | 'common',
  resourceKinds: NodeKind[],
  frameworks: FrameworkRef[],
  recommendedActions: string[],
): PolicyInfo => ({
  id,
  title,
  description: `${title}.`,
  severity,
  resourceKinds,
  provider,
  recommendedActions,
  frameworks,
  file: `${id.split('.').slice(0, 2).join('/')}/${id.split('.').pop() ?? id}.rego`,
  package: `cloudwarden.${id}`,
});

/** The policy set: the compliance test's expectations follow from these mappings. */
export const POLICIES: PolicyInfo[] = [
  policy('aws.s3.bucket_public_acl', 'S3 bucket readable by anyone', 'high', 'aws', ['storage.bucket'], [{ framework: 'cis-aws-3.0', controls: ['2.1.4'] }], [
    'Turn on S3 Block Public Access at the account level.',
    'Remove the AllUsers and AuthenticatedUsers grants from the bucket ACL.',
  ]),
  policy('aws.iam.user_without_mfa', 'IAM user with a console password and no MFA', 'medium', 'aws', ['iam.user'], [{ framework: 'cis-aws-3.0', controls: ['1.10'] }], [
    'Enable a virtual or hardware MFA device for the user.',
  ]),
  policy('aws.iam.root_access_key', 'Root account has an access key', 'critical', 'aws', ['iam.access_key'], [{ framework: 'cis-aws-3.0', controls: ['1.4'] }], [
    'Delete the root access key.',
  ]),
  policy('aws.ec2.ebs_unencrypted', 'EBS volume not encrypted', 'low', 'aws', ['compute.disk'], [{ framework: 'cis-aws-3.0', controls: ['2.2.1'] }], [
    'Enable EBS encryption by default in each region.',
  ]),
  policy(
    'common.network.admin_port_open_world',
    'Administrative port open to the internet',
    'critical',
    'common',
    ['network.firewall'],
    [
      { framework: 'cis-aws-3.0', controls: ['5.2'] },
      { framework: 'cis-gcp-3.0', controls: ['3.6'] },
      { framework: 'cis-azure-2.1', controls: ['6.1'] },
    ],
    ['Restrict SSH and RDP to known address ranges or a bastion.', 'Prefer a session manager over open admin ports.'],
  ),
  policy('gcp.storage.bucket_public', 'Cloud Storage bucket is public', 'high', 'gcp', ['storage.bucket'], [{ framework: 'cis-gcp-3.0', controls: ['5.1'] }], [
    'Remove allUsers and allAuthenticatedUsers from the bucket IAM policy.',
  ]),
  policy('azure.storage.https_only_disabled', 'Storage account accepts plain HTTP', 'medium', 'azure', ['storage.bucket'], [{ framework: 'cis-azure-2.1', controls: ['3.1'] }], [
    'Set "Secure transfer required" on the storage account.',
  ]),
  policy('common.toxic.public_instance_admin_role', 'Internet-reachable instance can act as an administrator', 'critical', 'common', ['compute.instance', 'iam.role'], [], [
    'Remove the administrator policy from the instance role.',
    'Close the instance to the internet or put it behind a load balancer.',
  ]),
  policy('libvirt.domain.vnc_without_password', 'VNC console listens without a password', 'medium', 'libvirt', ['compute.instance'], [{ framework: 'cloudwarden-libvirt-1', controls: ['1.1'] }], [
    'Set a VNC password or listen on localhost only.',
  ]),
  policy('azure.compute.disk_unencrypted', 'Managed disk without customer-managed key', 'low', 'azure', ['compute.disk'], [{ framework: 'cis-azure-2.1', controls: ['7.2'] }], [
    'Encrypt the disk with a customer-managed key.',
  ]),
  policy('gcp.iam.sa_user_managed_key', 'Service account has a user-managed key', 'medium', 'gcp', ['iam.service_account'], [{ framework: 'cis-gcp-3.0', controls: ['1.4'] }], [
    'Delete user-managed keys; use workload identity instead.',
  ]),
  policy('aws.cloudtrail.multi_region_off', 'CloudTrail is not enabled in all regions', 'high', 'aws', ['account'], [{ framework: 'cis-aws-3.0', controls: ['3.1'] }], [
    'Create a multi-region trail with log file validation.',
  ]),
  policy('common.iam.unused_credentials', 'Credentials unused for 90 days', 'info', 'common', ['iam.access_key'], [{ framework: 'cis-aws-3.0', controls: ['1.12'] }], [
    'Deactivate credentials unused for 90 days.',
  ]),
];

const FIRST_SEEN = ['2026-09-02T08:00:00Z', '2026-10-14T08:00:00Z', '2026-11-20T08:00:00Z', '2026-11-25T09:58:00Z'];

type Spec = {
  policyId: string;
  resourceId: string;
  resourceKind: NodeKind | null;
  resourceName: string | null;
  at: (typeof ACCOUNTS)[number];
  message: string;
  evidence: JsonObject | null;
  path?: PathStep[] | null;
  discriminator?: string | null;
  suppressed?: SuppressionMatch | null;
  baseline?: 'new' | 'existing' | null;
  firstSeen?: string | null;
  severity?: Severity;
};

export function makeFinding(s: Spec, policies: PolicyInfo[] = POLICIES): Finding {
  const p = policies.find((x) => x.id === s.policyId);
  if (!p) throw new Error(`fixture: no policy ${s.policyId}`);
  return {
    fingerprint: fp(s.policyId, s.resourceId, s.discriminator ?? ''),
    policyId: p.id,
    title: p.title,
    severity: s.severity ?? p.severity,
    message: s.message,
    resourceId: s.resourceId,
    resourceKind: s.resourceKind,
    resourceName: s.resourceName,
    provider: s.at.provider,
    account: s.at.account,
    region: s.at.region,
    discriminator: s.discriminator ?? null,
    evidence: s.evidence,
    path: s.path ?? null,
    frameworks: p.frameworks,
    recommendedActions: p.recommendedActions,
    suppressed: s.suppressed ?? null,
    baseline: s.baseline ?? null,
    firstSeen: s.firstSeen ?? null,
  };
}

const at = (i: number): (typeof ACCOUNTS)[number] => ACCOUNTS[i % ACCOUNTS.length] as (typeof ACCOUNTS)[number];

const AWS0 = ACCOUNTS[0] as (typeof ACCOUNTS)[number];
const AWS1 = ACCOUNTS[1] as (typeof ACCOUNTS)[number];
const GCP = ACCOUNTS[2] as (typeof ACCOUNTS)[number];
const AZ = ACCOUNTS[3] as (typeof ACCOUNTS)[number];
const KVM = ACCOUNTS[4] as (typeof ACCOUNTS)[number];

/** Findings of the fixture world: `scale` multiplies the generated ones (1 → about 60). */
export function makeFindings(scale = 1): Finding[] {
  const out: Finding[] = [];
  const n = (k: number): number => k * scale;
  for (let i = 0; i < n(12); i++) {
    const a = i % 3 === 2 ? AWS1 : AWS0;
    const name = `acme-${['logs', 'exports', 'web-assets', 'backups'][i % 4]}-${String(i).padStart(3, '0')}`;
    out.push(
      makeFinding({
        policyId: 'aws.s3.bucket_public_acl',
        resourceId: `arn:aws:s3:::${name}`,
        resourceKind: 'storage.bucket',
        resourceName: name,
        at: a,
        message: `Bucket ${name} grants READ to AllUsers through its ACL.`,
        evidence: { grants: [{ grantee: 'AllUsers', permission: 'READ' }], blockPublicAcls: false, accountBlock: { blockPublicAcls: false, ignorePublicAcls: false } },
        baseline: i % 5 === 0 ? 'new' : 'existing',
        firstSeen: FIRST_SEEN[i % FIRST_SEEN.length] ?? null,
        suppressed: i === 3 ? { reason: 'Public website assets, reviewed by security', owner: 'web-team@acme.example', expires: '2027-03-31', source: '.cloudwarden-ignore.yaml:12' } : null,
      }),
    );
  }
  for (let i = 0; i < n(10); i++) {
    const user = `dev-user-${String(i).padStart(2, '0')}`;
    out.push(
      makeFinding({
        policyId: 'aws.iam.user_without_mfa',
        resourceId: `arn:aws:iam::${AWS0.account}:user/${user}`,
        resourceKind: 'iam.user',
        resourceName: user,
        at: { ...AWS0, region: 'global' },
        message: `User ${user} can sign in to the console without MFA.`,
        evidence: { passwordEnabled: true, mfaDevices: 0, passwordLastUsed: '2026-11-1' + (i % 10) + 'T10:00:00Z' },
        baseline: i < 2 ? 'new' : 'existing',
        firstSeen: FIRST_SEEN[(i + 1) % FIRST_SEEN.length] ?? null,
        suppressed: i === 9 ? { reason: 'Break-glass account, MFA held in the safe', owner: 'secops', expires: null, source: '.cloudwarden-ignore.yaml:20' } : null,
      }),
    );
  }
  const ports = [22, 3389];
  for (let i = 0; i < n(8); i++) {
    const a = [AWS0, AWS1, GCP, AZ][i % 4] as (typeof ACCOUNTS)[number];
    const port = ports[i % 2] ?? 22;
    const id =
      a.provider === 'aws'
        ? `arn:aws:ec2:${a.region}:${a.account}:security-group/sg-0${(1000 + i).toString(16)}a7f`
        : a.provider === 'gcp'
          ? `//compute.googleapis.com/projects/${a.account}/global/firewalls/allow-admin-${i}`
          : `/subscriptions/${a.account}/resourceGroups/rg-web/providers/Microsoft.Network/networkSecurityGroups/nsg-web-${i}`;
    out.push(
      makeFinding({
        policyId: 'common.network.admin_port_open_world',
        resourceId: id,
        resourceKind: 'network.firewall',
        resourceName: id.split('/').pop() ?? id,
        at: a,
        discriminator: `tcp/${port}`,
        message: `Port ${port}/tcp is open to 0.0.0.0/0.`,
        evidence: { direction: 'ingress', protocol: 'tcp', ports: [port], sources: ['0.0.0.0/0'] },
        baseline: i === 1 ? 'new' : 'existing',
        firstSeen: FIRST_SEEN[i % FIRST_SEEN.length] ?? null,
      }),
    );
  }
  for (let i = 0; i < n(6); i++) {
    const name = `analytics-share-${i}`;
    out.push(
      makeFinding({
        policyId: 'gcp.storage.bucket_public',
        resourceId: `//storage.googleapis.com/projects/_/buckets/${name}`,
        resourceKind: 'storage.bucket',
        resourceName: name,
        at: GCP,
        message: `allUsers has roles/storage.objectViewer on ${name}.`,
        evidence: { members: ['allUsers'], role: 'roles/storage.objectViewer' },
        baseline: 'existing',
        firstSeen: FIRST_SEEN[2] ?? null,
      }),
    );
  }
  for (let i = 0; i < n(5); i++) {
    const name = `stacmedata${i}`;
    out.push(
      makeFinding({
        policyId: 'azure.storage.https_only_disabled',
        resourceId: `/subscriptions/${AZ.account}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/${name}`,
        resourceKind: 'storage.bucket',
        resourceName: name,
        at: AZ,
        message: `Storage account ${name} accepts HTTP.`,
        evidence: { supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' },
        baseline: 'existing',
        firstSeen: FIRST_SEEN[1] ?? null,
        suppressed: i === 4 ? { reason: 'Legacy integration, decommissioned in Q1', owner: 'data-platform', expires: '2026-12-31', source: '.cloudwarden-ignore.yaml:31' } : null,
      }),
    );
  }
  for (let i = 0; i < n(4); i++) {
    const dom = `vm-${['web', 'db', 'ci', 'lab'][i % 4]}-${i}`;
    out.push(
      makeFinding({
        policyId: 'libvirt.domain.vnc_without_password',
        resourceId: `libvirt://kvm-demo-01/domain/6f1c${String(i).padStart(4, '0')}-2b7e-4c1a-9d3f-0e8a5b7c9d1${i % 10}`,
        resourceKind: 'compute.instance',
        resourceName: dom,
        at: KVM,
        message: `Domain ${dom} exposes VNC on 0.0.0.0 without a password.`,
        evidence: { graphics: { type: 'vnc', listen: '0.0.0.0', autoport: true, passwd: null } },
        baseline: 'existing',
        firstSeen: FIRST_SEEN[0] ?? null,
      }),
    );
  }
  for (let i = 0; i < n(5); i++) {
    out.push(
      makeFinding({
        policyId: 'common.iam.unused_credentials',
        resourceId: `arn:aws:iam::${AWS1.account}:user/ci-bot-${i}/accesskey/AKIA0000EXAMPLE${i}`,
        resourceKind: 'iam.access_key',
        resourceName: `AKIA0000EXAMPLE${i}`,
        at: { ...AWS1, region: 'global' },
        message: `Access key unused for ${90 + i * 17} days.`,
        evidence: { lastUsed: null, created: '2025-01-0' + (i + 1) + 'T00:00:00Z' },
        baseline: 'existing',
      }),
    );
  }
  for (let i = 0; i < n(4); i++) {
    const a = i % 2 ? AWS1 : AWS0;
    const vol = `vol-0${(0x5d10 + i).toString(16)}e2c`;
    out.push(
      makeFinding({
        policyId: 'aws.ec2.ebs_unencrypted',
        resourceId: `arn:aws:ec2:${a.region}:${a.account}:volume/${vol}`,
        resourceKind: 'compute.disk',
        resourceName: vol,
        at: a,
        message: `Volume ${vol} (gp3, ${100 * (i + 1)} GiB) is not encrypted.`,
        evidence: { encrypted: false, volumeType: 'gp3', sizeGiB: 100 * (i + 1), attachedTo: i % 2 ? [] : [`i-0${(0xabc000 + i).toString(16)}`] },
        baseline: i === 3 ? 'new' : 'existing',
        firstSeen: FIRST_SEEN[i % FIRST_SEEN.length] ?? null,
      }),
    );
  }
  out.push(
    makeFinding({
      policyId: 'gcp.iam.sa_user_managed_key',
      resourceId: `//iam.googleapis.com/projects/${GCP.account}/serviceAccounts/legacy-export@${GCP.account}.iam.gserviceaccount.com`,
      resourceKind: 'iam.service_account',
      resourceName: 'legacy-export',
      at: { ...GCP, region: 'global' },
      message: 'Service account legacy-export has 1 user-managed key.',
      evidence: { keys: [{ id: 'a1b2c3', created: '2024-02-01T00:00:00Z' }] },
      baseline: 'existing',
      firstSeen: FIRST_SEEN[0] ?? null,
      suppressed: { reason: 'Vendor export needs a key until migration', owner: 'data-platform', expires: '2027-06-30', source: '.cloudwarden-ignore.yaml:52' },
    }),
  );
  // Toxic combinations.
  const toxic: { at: (typeof ACCOUNTS)[number]; path: PathStep[]; name: string; id: string }[] = [];
  for (let i = 0; i < n(3); i++) {
    const a = i % 2 === 0 ? AWS0 : AWS1;
    const inst = `i-0${(0xabc000 + i).toString(16)}`;
    const id = `arn:aws:ec2:${a.region}:${a.account}:instance/${inst}`;
    toxic.push({
      at: a,
      id,
      name: inst,
      path: [
        { nodeId: `arn:aws:ec2:${a.region}:${a.account}:security-group/sg-0open${i}`, via: 'protected_by' },
        { nodeId: id, via: 'runs_as' },
        { nodeId: `arn:aws:iam::${a.account}:role/app-instance-role-${i}`, via: 'attached_policy' },
        { nodeId: 'arn:aws:iam::aws:policy/AdministratorAccess', via: null },
      ],
    });
  }
  toxic.push({
    at: GCP,
    id: `//compute.googleapis.com/projects/${GCP.account}/zones/europe-west1-b/instances/etl-worker-1`,
    name: 'etl-worker-1',
    path: [
      { nodeId: `//compute.googleapis.com/projects/${GCP.account}/global/firewalls/allow-admin-2`, via: 'protected_by' },
      { nodeId: `//compute.googleapis.com/projects/${GCP.account}/zones/europe-west1-b/instances/etl-worker-1`, via: 'runs_as' },
      { nodeId: `//iam.googleapis.com/projects/${GCP.account}/serviceAccounts/etl@${GCP.account}.iam.gserviceaccount.com`, via: 'attached_policy' },
      { nodeId: `//cloudresourcemanager.googleapis.com/projects/${GCP.account}/bindings/roles-owner`, via: 'can_assume' },
      { nodeId: `//iam.googleapis.com/projects/${GCP.account}/serviceAccounts/deployer@${GCP.account}.iam.gserviceaccount.com`, via: 'attached_policy' },
      { nodeId: `//storage.googleapis.com/projects/_/buckets/analytics-share-0`, via: null },
    ],
  });
  toxic.forEach((t, i) =>
    out.push(
      makeFinding({
        policyId: 'common.toxic.public_instance_admin_role',
        resourceId: t.id,
        resourceKind: 'compute.instance',
        resourceName: t.name,
        at: t.at,
        message: `Instance ${t.name} is reachable from the internet and runs with administrator rights.`,
        evidence: { publicIp: `203.0.113.${10 + i}`, openPorts: [22], role: t.path[2]?.nodeId ?? null, grants: ['*:*'] },
        path: t.path,
        baseline: i === 0 ? 'new' : 'existing',
        firstSeen: FIRST_SEEN[3] ?? null,
        suppressed: i === 2 ? { reason: 'Sandbox account, accepted risk', owner: 'platform', expires: '2027-01-15', source: '.cloudwarden-ignore.yaml:40' } : null,
      }),
    ),
  );
  return out;
}

/** Savings of the fixture world; `scale` multiplies them (1 → 24). */
export function makeSavings(scale = 1): Saving[] {
  const out: Saving[] = [];
  const rules = [
    { ruleId: 'idle_instance', kind: 'compute.instance' as NodeKind, service: 'ec2', rec: 'Stop or terminate: CPU under 2% for 14 days.', cost: 138.7, share: 1 },
    { ruleId: 'unattached_disk', kind: 'compute.disk' as NodeKind, service: 'ebs', rec: 'Snapshot and delete the unattached volume.', cost: 40, share: 1 },
    { ruleId: 'old_snapshot', kind: 'compute.snapshot' as NodeKind, service: 'ebs', rec: 'Delete snapshots older than 180 days with no AMI.', cost: 12.5, share: 1 },
    { ruleId: 'idle_public_ip', kind: 'network.public_ip' as NodeKind, service: 'vpc', rec: 'Release the unused public IPv4 address.', cost: 3.65, share: 1 },
    { ruleId: 'rightsize_instance', kind: 'compute.instance' as NodeKind, service: 'ec2', rec: 'Move from m5.2xlarge to m5.large (peak CPU 18%).', cost: 280.32, share: 0.75 },
    { ruleId: 'spot_candidate', kind: 'compute.instance' as NodeKind, service: 'ec2', rec: 'Run this stateless worker on Spot.', cost: 280.32, share: 0.6 },
  ];
  for (let i = 0; i < 24 * scale; i++) {
    const r = rules[i % rules.length] as (typeof rules)[number];
    const a = at(i % 4);
    // Rightsizing and Spot both target the same instances: the deduplicated total must count them once.
    const target = r.ruleId === 'spot_candidate' ? i - 2 : i;
    const resourceId = a.provider === 'aws' ? `arn:aws:ec2:${a.region}:${a.account}:${r.kind.split('.')[1]}/res-${target}` : `${a.provider}://${a.account}/${r.kind}/res-${target}`;
    const cost = Math.round(r.cost * (1 + (i % 5) / 4) * 100) / 100;
    out.push({
      fingerprint: fp(r.ruleId, resourceId),
      ruleId: r.ruleId,
      resourceId,
      resourceKind: r.kind,
      resourceName: `res-${target}`,
      provider: a.provider,
      account: a.account,
      region: a.region,
      service: r.service,
      tags: { team: ['web', 'data', 'platform'][i % 3] ?? 'web', env: i % 2 ? 'prod' : 'dev' },
      owner: i % 3 ? `${['web', 'data', 'platform'][i % 3]}@acme.example` : null,
      recommendation: r.rec,
      monthlyCost: cost,
      monthlySavings: i % 11 === 10 ? null : Math.round(cost * r.share * 100) / 100,
      currency: 'USD',
      confidence: (['high', 'medium', 'low', 'unknown'] as const)[i % 4] ?? 'high',
      pricingSource: i % 4 === 1 ? 'aws-cost-explorer' : `catalog:${a.provider}:2026-11-01`,
      evidence: { cpuP95: (i % 7) + 0.5, days: 14, pricePerHour: Math.round((cost / 730) * 10000) / 10000 },
    });
  }
  return out;
}

/** Each resource once, at most its cost (the same rule the summary states). */
export function dedupSavings(savings: Saving[]): number {
  const per = new Map<string, { saving: number; cost: number | null }>();
  for (const s of savings) {
    if (s.monthlySavings == null) continue;
    const e = per.get(s.resourceId) ?? { saving: 0, cost: s.monthlyCost };
    e.saving = Math.max(e.saving, s.monthlySavings);
    per.set(s.resourceId, e);
  }
  let total = 0;
  for (const e of per.values()) total += e.cost == null ? e.saving : Math.min(e.saving, e.cost);
  return Math.round(total * 100) / 100;
}

export const COVERAGE: CoverageRow[] = [
  { provider: 'aws', account: '111111111111', region: 'us-east-1', service: 's3', operation: 'ListBuckets', status: 'ok', calls: 1, message: null },
  { provider: 'aws', account: '222222222222', region: 'global', service: 'iam', operation: 'GetAccountAuthorizationDetails', status: 'denied', calls: 1, message: 'AccessDenied: User arn:aws:sts::222222222222:assumed-role/audit/cw is not authorized to perform iam:GetAccountAuthorizationDetails' },
  { provider: 'aws', account: '222222222222', region: 'eu-west-1', service: 'cloudwatch', operation: 'GetMetricData', status: 'error', calls: 3, message: 'ThrottlingException: Rate exceeded (after 5 retries)' },
  { provider: 'gcp', account: 'prod-analytics', region: 'global', service: 'storage', operation: 'buckets.getIamPolicy', status: 'denied', resource: '//storage.googleapis.com/projects/_/buckets/analytics-private', calls: 1, message: 'PERMISSION_DENIED: storage.buckets.getIamPolicy' },
  { provider: 'azure', account: '0b5c2f3e-9a1d-4c7e-8f2a-6d3b1e9c7a40', region: 'global', service: 'network', operation: 'networkSecurityGroups.listAll', status: 'skipped', calls: 0, message: 'Microsoft.Network not registered in the subscription' },
  { provider: 'libvirt', account: 'qemu+ssh://kvm-demo-01/system', region: 'global', service: 'domains', operation: 'dumpxml', status: 'ok', calls: 4, message: null },
];

export const POLICY_ERRORS: PolicyError[] = [
  { policyId: 'aws.cloudtrail.multi_region_off', rule: 'data.cloudwarden.aws.cloudtrail.multi_region_off.deny', message: 'eval_type_error: object.get: operand 1 must be object but got null' },
];

export type ResultsOptions = { scale?: number; savingsScale?: number; baseline?: boolean };

/** A complete, schema-valid results document. */
export function makeResults(options: ResultsOptions = {}): Results {
  const findings = makeFindings(options.scale ?? 1);
  const savings = makeSavings(options.savingsScale ?? options.scale ?? 1);
  const withBaseline = options.baseline ?? true;
  if (!withBaseline) for (const f of findings) f.baseline = null;
  return assemble(POLICIES, findings, savings, COVERAGE, withBaseline ? resolvedFindings() : null, POLICY_ERRORS);
}

export function resolvedFindings(): Finding[] {
  return [
    makeFinding({ policyId: 'aws.s3.bucket_public_acl', resourceId: 'arn:aws:s3:::acme-old-site', resourceKind: 'storage.bucket', resourceName: 'acme-old-site', at: AWS0, message: 'Bucket acme-old-site grants READ to AllUsers.', evidence: null, baseline: 'existing', firstSeen: FIRST_SEEN[0] ?? null }),
    makeFinding({ policyId: 'common.network.admin_port_open_world', resourceId: `arn:aws:ec2:${AWS1.region}:${AWS1.account}:security-group/sg-0legacy`, resourceKind: 'network.firewall', resourceName: 'sg-0legacy', at: AWS1, discriminator: 'tcp/22', message: 'Port 22/tcp is open to 0.0.0.0/0.', evidence: null, baseline: 'existing', firstSeen: FIRST_SEEN[1] ?? null }),
    makeFinding({ policyId: 'gcp.storage.bucket_public', resourceId: '//storage.googleapis.com/projects/_/buckets/tmp-share', resourceKind: 'storage.bucket', resourceName: 'tmp-share', at: GCP, message: 'allUsers has roles/storage.objectViewer on tmp-share.', evidence: null, baseline: 'existing', firstSeen: FIRST_SEEN[1] ?? null }),
  ];
}

/** Builds the document around its parts, with a summary computed from them. */
export function assemble(
  policies: PolicyInfo[],
  findings: Finding[],
  savings: Saving[],
  coverage: CoverageRow[],
  resolved: Finding[] | null,
  policyErrors: PolicyError[] = [],
): Results {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  const open = findings.filter((f) => !f.suppressed).length;
  return {
    schemaVersion: '1.0',
    tool: { name: 'cloudwarden', version: '0.1.0' },
    generatedAt: '2026-11-25T10:04:31Z',
    snapshot: {
      startedAt: '2026-11-25T10:00:02Z',
      finishedAt: '2026-11-25T10:03:49Z',
      scope: { providers: ['aws', 'gcp', 'azure', 'libvirt'], accounts: ACCOUNTS.map((a) => a.account), regions: ['us-east-1', 'eu-west-1', 'europe-west1', 'westeurope'] },
      resources: 1843,
    },
    policies,
    findings,
    savings,
    coverage,
    pricingCatalog: { aws: '2026-11-01', gcp: '2026-10-15', azure: '2026-10-20' },
    summary: {
      findingsBySeverity: bySeverity,
      openFindings: open,
      suppressedFindings: findings.length - open,
      resources: 1843,
      policiesEvaluated: policies.length,
      coverageGaps: coverage.filter((c) => c.status !== 'ok').length,
      monthlySavingsTotal: dedupSavings(savings.filter((s) => s.currency === 'USD')),
      currency: 'USD',
    },
    resolved,
    policyErrors,
  };
}

const schemaPath = new URL('../../schemas/results.schema.json', import.meta.url);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
let validator: ((r: unknown) => string | null) | undefined;

/** Null when `results` matches schemas/results.schema.json, else the errors. */
export function validateResults(results: unknown): string | null {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
    ajv.addFormat('date-time', RFC3339);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    validator = (r) => (validate(r) ? null : ajv.errorsText(validate.errors, { separator: '\n' }));
  }
  return validator(results);
}

/** Payloads that would run script or break out of markup if any value reached the page unescaped. */
export const HOSTILE = {
  script: '<script>window.__pwned = 1; alert(1)</script>',
  endScript: '</script><script>window.__pwned = 2; alert(2)</script>',
  img: `"'><img src=x onerror="window.__pwned = 3; alert(3)">`,
  svg: '<svg/onload=window.__pwned=4><!--',
  handlebars: "{{constructor.constructor('window.__pwned = 5; alert(5)')()}}",
  handlebarsBlock: '{{#with this}}{{{lookup this "constructor"}}}{{/with}} {{> evil}}',
  jsUrl: 'javascript:window.__pwned=6',
  rtl: 'invoice\u202Efdp.exe',
  emoji: 'prod 🔥 team 👩‍💻 ✅',
  nul: 'before\u0000after',
  lineSeparators: 'a\u2028b\u2029c',
  comment: '<!-- -->]]><![CDATA[',
  entity: '&lt;b&gt;&amp;#x3C;script&#x3E;',
  huge: `${'A'.repeat(50_000)}<script>window.__pwned = 7</script>${'B'.repeat(50_000)}`,
} as const;

/** Results whose every free-text field carries a payload. */
export function makeHostileResults(): Results {
  const base = makeResults();
  const H = HOSTILE;
  const hostilePolicy = policy(
    'aws.evil.payload',
    `Hostile ${H.script}`,
    'critical',
    'aws',
    ['storage.bucket'],
    [{ framework: `fw ${H.img}`, controls: [H.handlebars, '1.1'] }],
    [`Fix ${H.endScript}`, H.handlebarsBlock, H.jsUrl],
  );
  const at0 = { ...AWS0, account: `${AWS0.account}${H.svg}` };
  const findings: Finding[] = [
    makeFinding({
      policyId: 'aws.s3.bucket_public_acl',
      resourceId: `arn:aws:s3:::${H.img}`,
      resourceKind: 'storage.bucket',
      resourceName: H.script,
      at: AWS0,
      message: `${H.endScript} ${H.handlebars} ${H.rtl} ${H.emoji} ${H.nul} ${H.lineSeparators}`,
      evidence: { [H.img]: H.script, nested: { [H.handlebars]: [H.svg, H.comment, H.entity] }, rtl: H.rtl, emoji: H.emoji, nul: H.nul },
      baseline: 'new',
      firstSeen: '2026-11-25T09:58:00Z',
    }),
    makeFinding({
      policyId: 'aws.s3.bucket_public_acl',
      resourceId: 'arn:aws:s3:::huge-name',
      resourceKind: 'storage.bucket',
      resourceName: `huge ${H.huge}`,
      at: AWS0,
      message: H.huge,
      evidence: { huge: H.huge },
      discriminator: H.handlebarsBlock,
    }),
    makeFinding({
      policyId: 'common.toxic.public_instance_admin_role',
      resourceId: `arn:aws:ec2:us-east-1:111111111111:instance/${H.endScript}`,
      resourceKind: 'compute.instance',
      resourceName: H.rtl,
      at: at0,
      message: H.comment,
      evidence: null,
      path: [
        { nodeId: `arn:aws:ec2:us-east-1:111111111111:security-group/${H.img}`, via: H.script },
        { nodeId: `arn:aws:ec2:us-east-1:111111111111:instance/${H.endScript}`, via: H.handlebars },
        { nodeId: `arn:aws:iam::aws:policy/${H.svg}`, via: null },
      ],
      suppressed: { reason: H.script, owner: H.img, expires: '2027-01-01', source: H.handlebars },
    }),
  ];
  findings.push({ ...(findings[0] as Finding), fingerprint: fp('evil'), policyId: hostilePolicy.id, title: hostilePolicy.title, frameworks: hostilePolicy.frameworks, recommendedActions: hostilePolicy.recommendedActions });
  const saving: Saving = {
    ...(base.savings[0] as Saving),
    fingerprint: fp('evil-saving'),
    ruleId: `rule ${H.script}`,
    resourceName: H.img,
    account: H.svg,
    recommendation: `${H.handlebars} ${H.huge}`,
    tags: { [H.script]: H.img, team: H.emoji },
    owner: H.rtl,
    pricingSource: H.endScript,
    evidence: { [H.svg]: H.handlebarsBlock },
  };
  const coverage: CoverageRow[] = [
    ...COVERAGE,
    { provider: 'aws', account: H.script, region: H.rtl, service: 's3', operation: H.img, status: 'denied', resource: H.endScript, calls: 1, message: `${H.handlebars} ${H.huge}` },
  ];
  const r = assemble([...POLICIES, hostilePolicy], [...findings, ...base.findings], [saving, ...base.savings], coverage, [{ ...(findings[0] as Finding), fingerprint: fp('evil-resolved') }], [
    { policyId: H.script, rule: H.img, message: H.handlebars },
  ]);
  r.tool = { name: 'cloudwarden', version: `0.1.0 ${H.script}` };
  r.pricingCatalog = { [H.img]: H.script };
  r.snapshot.scope.accounts = [H.script, ...r.snapshot.scope.accounts];
  return r;
}
