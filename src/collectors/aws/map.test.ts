import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphNode } from '../../graph/schema.js';
import { costWindow, isEgressUsageType, mapCosts } from './ce.js';
import { linkAws, mergePartials } from './link.js';
import { firewallRule, transitionTime } from './map-ec2.js';
import { ageDays, parseCredentialReport } from './map-iam.js';
import { aclGrants, publicAccessBlock, regionOfLocation } from './map-s3.js';
import { summarize } from './metrics.js';
import { partialNode } from './partial.js';
import { scanUserData } from './user-data.js';
import { gzipSync } from 'node:zlib';

test('StateTransitionReason dates; anything else is unknown', () => {
  assert.equal(transitionTime('User initiated (2026-06-15 09:12:44 GMT)'), '2026-06-15T09:12:44.000Z');
  assert.equal(transitionTime('Server.ScheduledStop'), null);
  assert.equal(transitionTime(undefined), null);
});

test('security group permissions → firewall rules: all protocols, ports, CIDRs, prefix lists, group references', () => {
  assert.deepEqual(firewallRule({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'egress', 'us-east-1', '1'), { direction: 'egress', action: 'allow', protocol: 'all', ports: [], sources: ['0.0.0.0/0'], description: null });
  const r = firewallRule({ IpProtocol: '6', FromPort: 3389, ToPort: 3389, Ipv6Ranges: [{ CidrIpv6: '::/0', Description: 'rdp' }], PrefixListIds: [{ PrefixListId: 'pl-1' }], UserIdGroupPairs: [{ GroupId: 'sg-1', UserId: '999' }] }, 'ingress', 'eu-west-1', '111');
  assert.deepEqual(r, { direction: 'ingress', action: 'allow', protocol: 'tcp', ports: [[3389, 3389]], sources: ['::/0', 'pl-1', 'arn:aws:ec2:eu-west-1:999:security-group/sg-1'], description: 'rdp' });
  assert.deepEqual(firewallRule({ IpProtocol: 'icmp', FromPort: 8, ToPort: -1 }, 'ingress', 'r', '1').ports, []);
});

test('S3: grantees by class, location constraints, public access block read/none/unknown', () => {
  const grants = aclGrants({ Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers' }, Permission: 'READ' }, { Grantee: { Type: 'AmazonCustomerByEmail', EmailAddress: 'a@b' }, Permission: 'WRITE' }] });
  assert.deepEqual(grants, [{ grantee: 'AuthenticatedUsers', permission: 'READ' }, { grantee: 'Email:a@b', permission: 'WRITE' }]);
  assert.deepEqual([regionOfLocation(null), regionOfLocation(''), regionOfLocation('EU'), regionOfLocation('ap-south-1')], ['us-east-1', 'us-east-1', 'eu-west-1', 'ap-south-1']);
  assert.equal(publicAccessBlock('none'), null);
  assert.deepEqual(publicAccessBlock(null), { blockPublicAcls: null, ignorePublicAcls: null, blockPublicPolicy: null, restrictPublicBuckets: null });
  assert.deepEqual(publicAccessBlock({ BlockPublicAcls: true }), { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false });
});

test('credential report CSV and key ages in calendar days', () => {
  const rows = parseCredentialReport('user,arn,mfa_active\n<root_account>,arn:aws:iam::1:root,true\n"a,b",arn:x,false\n');
  assert.deepEqual(rows, [{ user: '<root_account>', arn: 'arn:aws:iam::1:root', mfa_active: 'true' }, { user: 'a,b', arn: 'arn:x', mfa_active: 'false' }]);
  assert.equal(ageDays('2025-06-01T10:00:00Z', '2026-11-20T00:00:00.000Z'), 537);
  assert.equal(ageDays(null, '2026-11-20T00:00:00Z'), null);
});

test('utilization summary: nearest-rank p95, max from the Maximum series when given', () => {
  assert.deepEqual(summarize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]), { p95: 19, max: 20, avg: 10.5, samples: 20 });
  assert.deepEqual(summarize([1, 2], []), { p95: 2, max: null, avg: 1.5, samples: 2 });
  assert.equal(summarize([]), null);
});

test('costs: the window is the last full month to today; rows outside it are dropped; egress usage types', () => {
  assert.deepEqual(costWindow(new Date('2026-11-20T15:00:00Z')), { start: '2026-10-01', end: '2026-11-20' });
  assert.deepEqual(costWindow(new Date('2026-01-01T00:00:00Z')), { start: '2025-12-01', end: '2026-01-01' });
  const rows = mapCosts({
    account: '1',
    period: { start: '2026-10-01', end: '2026-11-20' },
    results: [
      { TimePeriod: { Start: '2026-09-01', End: '2026-10-01' }, Groups: [{ Keys: ['S', 'U'], Metrics: { UnblendedCost: { Amount: '1', Unit: 'USD' } } }] },
      { TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Groups: [{ Keys: ['EC2 - Other', 'USE1-DataTransfer-Out-Bytes'], Metrics: { UnblendedCost: { Amount: '9.5', Unit: 'USD' }, UsageQuantity: { Amount: '100', Unit: 'GB' } } }] },
    ],
  });
  assert.deepEqual(rows.map((r) => [r.usageType, r.metric, r.amount, r.unit]), [['USE1-DataTransfer-Out-Bytes', 'cost', 9.5, 'USD'], ['USE1-DataTransfer-Out-Bytes', 'usage', 100, 'GB']]);
  assert.ok(isEgressUsageType('USE1-DataTransfer-Out-Bytes') && isEgressUsageType('NatGateway-Bytes') && !isEgressUsageType('BoxUsage:t3.micro'));
});

test('user data: secrets masked, gzip inflated, nothing else returned', () => {
  const text = '#!/bin/sh\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
  const plain = scanUserData(Buffer.from(text).toString('base64'), 'userData');
  const gz = scanUserData(gzipSync(Buffer.from(text)).toString('base64'), 'userData');
  assert.deepEqual(plain, gz);
  assert.deepEqual(plain.map((f) => f.masked), ['AKIA…MPLE', 'wJal…EKEY']);
  assert.ok(!JSON.stringify(plain).includes('EXAMPLEKEY/'));
  assert.deepEqual(scanUserData(undefined, 'userData'), []);
});

const base = { provider: 'aws' as const, account: '1', region: 'us-east-1', nativeType: 'x', tags: {} };
const instance = (id: string, attrs: Record<string, unknown> = {}): GraphNode =>
  ({ ...base, id, kind: 'compute.instance', name: id, attrs: { state: 'running', stateSince: null, instanceType: 't3.micro', vcpus: 2, memoryMiB: null, lifecycle: 'on-demand', publicIps: [], privateIps: [], replaceable: null, ...attrs } }) as GraphNode;

test('link: partial facts merge into the full node; alone they make a node of unknowns', () => {
  const full = instance('i-1');
  const p = partialNode({ ...base, id: 'i-1', kind: 'compute.instance', name: 'i-1' }, 'aws.autoscaling', { replaceable: true });
  const lonely = partialNode({ ...base, id: 'i-2', kind: 'compute.instance', name: 'i-2' }, 'aws.autoscaling', { replaceable: true });
  const merged = mergePartials([full, p, lonely]);
  assert.deepEqual(merged.find((n) => n.id === 'i-1')?.attrs, { ...full.attrs, replaceable: true });
  const alone = merged.find((n) => n.id === 'i-2');
  assert.deepEqual([alone?.attrs.state, alone?.attrs.instanceType, alone?.attrs.replaceable, '__partialFrom' in (alone?.attrs ?? {})], ['unknown', null, true, false]);
});

test('link: an edge is made only when both ends were collected', () => {
  const vol = { ...base, id: 'v-1', kind: 'compute.disk', name: 'v', attrs: { sizeGiB: 1, diskType: 'gp3', attachedTo: ['i-1', 'i-gone'], encrypted: true } } as GraphNode;
  const { edges } = linkAws({ nodes: [instance('i-1', { securityGroupIds: ['sg-missing'] }), vol], edges: [] });
  assert.deepEqual(edges, [{ from: 'v-1', to: 'i-1', kind: 'attached_to' }]);
});
