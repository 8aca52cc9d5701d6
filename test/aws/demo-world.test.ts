/**
 * The demo world (an organization: management + one member through AssumeRole) collected through
 * the fake: every item of fixtures/worlds/demo/aws/SEEDED.md is represented by the facts the
 * policies and cost rules will need. A few key facts per item, BAD and SAFE alike.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { GraphNode } from '../../src/graph/schema.js';
import { isEgressUsageType } from '../../src/collectors/aws/index.js';
import { DEMO_CREDENTIALS, DEMO_WORLD, collectWorld, node } from './helpers.js';
import type { Run } from './helpers.js';

const M = '111122223333';
const MEMBER = '222233334444';
const iam = (path: string) => `arn:aws:iam::${M}:${path}`;
const ec2 = (type: string, id: string, region = 'us-east-1', account = M) => `arn:aws:ec2:${region}:${account}:${type}/${id}`;

describe('AWS demo world (organization), collected through the fake', () => {
  let run: Run;
  let nodes: GraphNode[];
  before(async () => {
    run = await collectWorld(DEMO_WORLD, { credentials: DEMO_CREDENTIALS, organization: { roleName: 'OrganizationAccountAccessRole' }, collectSpotPrices: true });
    nodes = run.outcome.snapshot.nodes;
  });
  const hasEdge = (from: string, kind: string, to: string) => run.outcome.snapshot.edges.some((e) => e.from === from && e.kind === kind && e.to === to);

  it('scans the management and the member account (the suspended account is skipped), without a gap', () => {
    assert.deepEqual(run.outcome.snapshot.scope.accounts, [M, MEMBER]);
    assert.equal(run.outcome.targets, 2);
    assert.deepEqual(run.outcome.snapshot.coverage.filter((c) => c.status !== 'ok'), []);
    assert.equal(node(nodes, `arn:aws:iam::${MEMBER}:root`, 'account').attrs.parent, `arn:aws:iam::${M}:root`);
    assert.equal(node(nodes, `arn:aws:iam::${M}:root`, 'account').attrs.displayName, 'demo-management');
  });

  it('IAM: admin principals, NotAction, PassRole, trust principals', () => {
    assert.ok(hasEdge(iam('user/alice-admin'), 'member_of', iam('group/admins')));
    assert.ok(hasEdge(iam('group/admins'), 'attached_policy', 'arn:aws:iam::aws:policy/AdministratorAccess'));
    assert.ok(hasEdge(iam('role/ops-admin-role'), 'attached_policy', 'arn:aws:iam::aws:policy/AdministratorAccess'));
    assert.deepEqual(node(nodes, 'arn:aws:iam::aws:policy/AdministratorAccess', 'iam.policy').attrs.statements[0]?.actions, ['*']);
    assert.ok(hasEdge(ec2('instance', 'i-0demo00000000web01'), 'runs_as', iam('role/web-admin-instance-role')));
    assert.ok(hasEdge(iam('role/web-admin-instance-role'), 'attached_policy', 'arn:aws:iam::aws:policy/AdministratorAccess'));
    const frank = node(nodes, iam('user/frank-notaction'), 'iam.user').attrs.inlineStatements ?? [];
    assert.deepEqual(frank.map((s) => [s.effect, s.actions, s.notActions, s.resources]), [['Allow', [], ['iam:*'], ['*']]]);
    const erin = node(nodes, iam('user/erin-ci'), 'iam.user').attrs.inlineStatements ?? [];
    assert.ok(erin.some((s) => s.actions.includes('iam:PassRole') && s.resources.includes('*')));
    assert.ok(erin.some((s) => s.actions.includes('ec2:RunInstances')));
    const trust = (role: string) => (node(nodes, iam(`role/${role}`), 'iam.role').attrs.trustStatements as { principals: string[]; conditions: Record<string, unknown> }[])[0];
    assert.deepEqual(trust('public-trust-role')?.principals, ['AWS:*']);
    assert.deepEqual(trust('public-trust-role')?.conditions, {});
    assert.deepEqual(trust('vendor-no-externalid-role')?.principals, ['AWS:arn:aws:iam::999988887777:root']);
    assert.deepEqual(trust('vendor-no-externalid-role')?.conditions, {});
    assert.deepEqual(trust('vendor-with-externalid-role')?.conditions, { StringEquals: { 'sts:ExternalId': ['cw-demo-7f3a9c2e'] } });
    assert.ok(hasEdge(`arn:aws:iam::${M}:root`, 'can_assume', iam('role/cloudwarden-audit')));
    assert.ok(!run.outcome.snapshot.edges.some((e) => e.kind === 'can_assume' && e.to === iam('role/public-trust-role')), 'no node stands for "anyone": the fact stays in the statements');
  });

  it('IAM: console users and MFA, root keys, key ages and use, password policy', () => {
    const user = (name: string) => node(nodes, iam(`user/${name}`), 'iam.user').attrs;
    assert.deepEqual([user('bob-console').passwordEnabled, user('bob-console').mfaActive], [true, false]);
    assert.match(String(user('bob-console').passwordLastUsed), /^2026-11-17T/);
    assert.deepEqual([user('alice-admin').mfaActive, user('grace-readonly').mfaActive], [true, true]);
    const root = node(nodes, `arn:aws:iam::${M}:root`, 'account').attrs;
    assert.deepEqual([root.rootAccessKeysActive, root.rootMfaActive], [true, true]);
    assert.deepEqual(root.passwordPolicy && [root.passwordPolicy.MinimumPasswordLength, root.passwordPolicy.RequireSymbols, root.passwordPolicy.RequireUppercaseCharacters], [8, false, false]);
    const key = (user: string, id: string) => node(nodes, `${iam(`user/${user}`)}/access-key/${id}`, 'iam.access_key').attrs;
    assert.deepEqual([key('legacy/dave-legacy', 'AKIADEMODAVE00000001').ageDays, key('legacy/dave-legacy', 'AKIADEMODAVE00000001').lastUsedAt, key('legacy/dave-legacy', 'AKIADEMODAVE00000001').active], [537, null, true]);
    assert.deepEqual([key('carol-dev', 'AKIADEMOCAROL0000001').ageDays, key('carol-dev', 'AKIADEMOCAROL0000001').lastUsedAt?.slice(0, 10)], [264, '2026-11-18']);
    assert.equal(nodes.filter((n) => n.kind === 'iam.access_key' && n.attrs.active === true && run.outcome.snapshot.edges.some((e) => e.kind === 'has_key' && e.from === iam('user/carol-dev') && e.to === n.id)).length, 2);
    assert.equal(key('frank-notaction', 'AKIADEMOFRANK0000001').active, false);
    assert.ok((key('erin-ci', 'AKIADEMOERIN00000001').ageDays ?? 999) < 90);
    assert.equal(key('carol-dev', 'AKIADEMOCAROL0000001').keyIdMasked, 'AKIA…0001');
  });

  it('S3: public-access inputs of every seeded bucket', () => {
    const b = (name: string) => node(nodes, `arn:aws:s3:::${name}`, 'storage.bucket');
    assert.ok(b('demo-public-acl-assets').attrs.aclGrants?.some((g) => g.grantee === 'AllUsers' && g.permission === 'READ'));
    assert.deepEqual(b('demo-public-acl-assets').attrs.publicAccessBlock, { bucket: null, account: null });
    assert.equal(b('demo-public-acl-assets').attrs.objectOwnership, 'BucketOwnerPreferred');
    assert.ok(b('demo-authenticated-read').attrs.aclGrants?.some((g) => g.grantee === 'AuthenticatedUsers'));
    assert.equal(b('demo-authenticated-read').region, 'eu-west-1');
    const website = b('demo-public-policy-website').attrs;
    assert.deepEqual([website.policyIsPublic, website.policyStatements?.[0]?.principals, website.policyStatements?.[0]?.conditions], [true, ['*'], {}]);
    assert.deepEqual(b('demo-vpce-restricted').attrs.policyStatements?.[0]?.conditions, { StringEquals: { 'aws:SourceVpce': ['vpce-0demo00000000s3gw'] } });
    assert.deepEqual(b('demo-org-restricted').attrs.policyStatements?.[0]?.conditions, { StringEquals: { 'aws:PrincipalOrgID': ['o-demo7k2x9p'] } });
    assert.equal(b('demo-org-restricted').attrs.policyIsPublic, false);
    assert.deepEqual(b('demo-public-policy-blocked').attrs.publicAccessBlock?.bucket?.restrictPublicBuckets, true);
    assert.equal(b('demo-public-policy-blocked').attrs.policyIsPublic, true);
    const neutralised = b('member-public-policy-neutralised');
    assert.equal(neutralised.account, MEMBER);
    assert.deepEqual(neutralised.attrs.publicAccessBlock, { bucket: null, account: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } });
    assert.deepEqual(b('demo-cross-account-share').attrs.policyStatements?.[0]?.principals, ['AWS:arn:aws:iam::999988887777:root']);
    const legacy = b('demo-unencrypted-legacy');
    assert.deepEqual([legacy.region, legacy.attrs.encryption, legacy.attrs.versioning, legacy.attrs.objectOwnership, legacy.attrs.publicAccessBlock?.bucket], ['eu-west-1', 'none', false, 'ObjectWriter', null]);
    assert.deepEqual([b('demo-private-logs').attrs.encryption, b('demo-private-logs').attrs.versioning], ['AES256', true]);
    assert.equal(b('demo-private-logs').attrs.publicAccessBlock?.account, null, 'the management account has no account-level block');
  });

  it('EC2: IMDSv1, public IPs, world-open admin ports, stopped-since dates, CPU p95, replaceable members', () => {
    const i = (id: string) => node(nodes, ec2('instance', id), 'compute.instance').attrs;
    const web = i('i-0demo00000000web01');
    assert.deepEqual([web.metadataOptions?.v1Allowed, web.metadataOptions?.hopLimit, web.publicIps], [true, 1, ['198.51.100.20']]);
    assert.ok(hasEdge(ec2('instance', 'i-0demo00000000web01'), 'protected_by', ec2('security-group', 'sg-0demo000000ssh0wld')));
    const sg = (id: string) => node(nodes, ec2('security-group', id), 'network.firewall').attrs.rules.filter((r) => r.direction === 'ingress');
    assert.ok(sg('sg-0demo000000ssh0wld').some((r) => r.protocol === 'tcp' && r.ports.some(([a, z]) => a <= 22 && z >= 22) && r.sources.includes('0.0.0.0/0')));
    const rdp = sg('sg-0demo000000rdp0wld').find((r) => r.ports.some(([a, z]) => a <= 3389 && z >= 3389));
    assert.ok(rdp?.sources.includes('0.0.0.0/0') && rdp.sources.includes('::/0'));
    assert.deepEqual(sg('sg-0demo00000corpssh1').flatMap((r) => r.sources), ['203.0.113.0/24']);
    assert.deepEqual([i('i-0demo000000bastion').metadataOptions?.v1Allowed, i('i-0demo00000winjump').publicIps], [false, ['198.51.100.33']]);
    assert.deepEqual([i('i-0demo000000stop001').state, i('i-0demo000000stop001').stateSince], ['stopped', '2026-06-15T09:12:44.000Z']);
    assert.match(String(i('i-0demo000000stop002').stateSince), /^2026-11-10T/);
    const cpu = (id: string) => i(id).utilization?.cpu;
    assert.ok((cpu('i-0demo0000000idle01')?.p95 ?? 99) < 5 && (cpu('i-0demo0000000idle01')?.max ?? 99) < 5);
    assert.ok((cpu('i-0demo0000000idle02')?.p95 ?? 99) < 5 && (cpu('i-0demo0000000idle02')?.max ?? 99) < 6);
    assert.ok((cpu('i-0demo0000000busy01')?.avg ?? 0) >= 55);
    assert.equal(cpu('i-0demo0000000idle01')?.samples, 14 * 24);
    assert.equal(i('i-0demo0000000idle01').instanceType, 'm5.4xlarge');
    assert.deepEqual([i('i-0demo00000asg0001').replaceable, i('i-0demo00000asg0002').replaceable, i('i-0demo0000000busy01').replaceable], [true, true, null]);
    assert.equal(cpu('i-0demo000000stop001'), null);
    assert.equal(typeof (i('i-0demo0000000idle01').spotPrice as { usdPerHour?: unknown } | null)?.usdPerHour, 'number');
  });

  it('EBS, snapshots, elastic IPs: unattached volumes, orphaned and old snapshots, idle addresses', () => {
    const v = (id: string) => node(nodes, ec2('volume', id), 'compute.disk').attrs;
    assert.deepEqual([v('vol-0demo00000orphan01').attachedTo, v('vol-0demo00000orphan01').diskType, v('vol-0demo00000orphan01').sizeGiB, v('vol-0demo00000orphan01').encrypted], [[], 'gp2', 500, false]);
    assert.deepEqual([v('vol-0demo00000orphan02').attachedTo, v('vol-0demo00000orphan02').iops], [[], 20000]);
    assert.deepEqual(v('vol-0demo0000000gp2a1').attachedTo, [ec2('instance', 'i-0demo000000stop001')]);
    assert.deepEqual([v('vol-0demo0000000io1a1').diskType, v('vol-0demo0000000io1a1').iops], ['io1', 10000]);
    const snap = (id: string) => node(nodes, `arn:aws:ec2:us-east-1::snapshot/${id}`, 'compute.snapshot');
    assert.equal(snap('snap-0demo0000deleted1').attrs.sourceDiskId, ec2('volume', 'vol-0demo000deleted001'));
    assert.ok(!run.outcome.snapshot.edges.some((e) => e.from === snap('snap-0demo0000deleted1').id && e.kind === 'snapshot_of'));
    assert.deepEqual([snap('snap-0demo000000old001').createdAt?.slice(0, 10), snap('snap-0demo000000old001').attrs.encrypted], ['2024-05-01', false]);
    assert.equal(snap('snap-0demo00000ami001').attrs.sourceDiskId, null);
    assert.ok((node(nodes, 'arn:aws:ec2:us-east-1::image/ami-0demo00000000base1', 'compute.image').attrs.snapshotIds as string[]).includes(snap('snap-0demo00000ami001').id));
    const eip = (id: string) => node(nodes, ec2('elastic-ip', id), 'network.public_ip').attrs.associatedWith;
    assert.equal(eip('eipalloc-0demo00000unused1'), null);
    assert.equal(eip('eipalloc-0demo0000000web1'), ec2('instance', 'i-0demo00000000web01'));
    assert.notEqual(eip('eipalloc-0demo00000natgw01'), null);
  });

  it('the launch template leak is found and masked; no user data or secret is kept anywhere', () => {
    const leak = node(nodes, ec2('launch-template', 'lt-0demo00000000leak1'), 'compute.launch_template').attrs.userDataSecrets ?? [];
    assert.deepEqual(leak.map((f) => [f.detector, f.masked, f.location]), [
      ['aws-access-key-id', 'AKIA…MPLE', 'launchTemplate:lt-0demo00000000leak1:v2:userData'],
      ['aws-secret-access-key', 'wJal…EKEY', 'launchTemplate:lt-0demo00000000leak1:v2:userData'],
    ]);
    assert.deepEqual(node(nodes, ec2('launch-template', 'lt-0demo000000asgweb1'), 'compute.launch_template').attrs.userDataSecrets, []);
    assert.deepEqual(node(nodes, ec2('instance', 'i-0demo00000000web01'), 'compute.instance').attrs.userDataSecrets, []);
    const text = JSON.stringify(run.outcome.snapshot);
    for (const secret of ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'demoScannerSecretKey', 'UserData']) assert.ok(!text.includes(secret), `${secret} leaked`);
  });

  it('load balancers: healthy target counts', () => {
    const lb = (name: string) => nodes.find((n) => n.kind === 'network.load_balancer' && n.name === name);
    assert.equal(lb('demo-idle-alb')?.attrs.healthyTargets, 0);
    assert.equal(lb('demo-legacy-nlb')?.attrs.healthyTargets, 0);
    assert.equal(lb('demo-web-alb')?.attrs.healthyTargets, 2);
    assert.ok(hasEdge(lb('demo-web-alb')?.id ?? '', 'routes_to', ec2('instance', 'i-0demo00000asg0001')));
  });

  it('Cost Explorer: last full month and month to date, with egress rows in cost and usage', () => {
    const costs = run.outcome.snapshot.costs.filter((c) => c.account === M);
    assert.deepEqual([...new Set(costs.map((c) => `${c.period.start}..${c.period.end}`))].sort(), ['2026-10-01..2026-11-01', '2026-11-01..2026-11-20']);
    const egress = costs.filter((c) => c.usageType !== null && isEgressUsageType(c.usageType) && c.period.start === '2026-10-01');
    const row = (service: string, usageType: string, metric: string) => egress.find((c) => c.service === service && c.usageType === usageType && c.metric === metric);
    assert.equal(row('EC2 - Other', 'DataTransfer-Out-Bytes', 'usage')?.unit, 'GB');
    assert.ok((row('EC2 - Other', 'DataTransfer-Out-Bytes', 'cost')?.amount ?? 0) > 1000);
    assert.ok(row('EC2 - Other', 'NatGateway-Bytes', 'cost'));
    assert.ok(row('Amazon Simple Storage Service', 'EU-DataTransfer-Out-Bytes', 'usage'));
    assert.ok(!isEgressUsageType('TimedStorage-ByteHrs') && !isEgressUsageType('NatGateway-Hours'));
  });
});

describe('AWS organization scan: one member failing', () => {
  it('a member whose role cannot be assumed is one denied row; the others are complete', async () => {
    const run = await collectWorld(DEMO_WORLD, { credentials: DEMO_CREDENTIALS, organization: { roleName: 'OrganizationAccountAccessRole', accounts: [MEMBER, '555566667777'] } });
    const gaps = run.outcome.snapshot.coverage.filter((c) => c.status !== 'ok');
    assert.deepEqual(gaps.map((g) => [g.account, g.status, g.service, g.operation, g.resource]), [['555566667777', 'denied', 'sts', 'AssumeRole', 'arn:aws:iam::555566667777:role/OrganizationAccountAccessRole']]);
    assert.deepEqual(run.outcome.unreachable, ['aws:555566667777']);
    assert.deepEqual(run.outcome.snapshot.scope.accounts, [M, MEMBER]);
    assert.ok(run.outcome.snapshot.nodes.some((n) => n.id === 'arn:aws:s3:::member-app-data'));
  });
});
