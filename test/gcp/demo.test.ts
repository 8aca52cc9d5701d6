import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { importGcpAssets } from '../../src/collectors/gcp/index.js';
import type { GraphNode, NodeKind, NodeOfKind } from '../../src/graph/schema.js';
import { describeValidationError, snapshotValidators } from '../../src/graph/validate.js';
import type { FakeGcp } from '../fake-clouds/gcp/server.js';
import { startFakeGcp } from '../fake-clouds/gcp/server.js';
import { DEMO_WORLD, collectThroughFake } from './helpers.js';

const ORG = 'organizations/400000000001';
const P = '//cloudresourcemanager.googleapis.com/projects/500000000001';
const D = '//cloudresourcemanager.googleapis.com/projects/500000000002';
const CP = '//compute.googleapis.com/projects/demo-prod';
const B = '//storage.googleapis.com/projects/_/buckets/';
const SA = '//iam.googleapis.com/projects/demo-prod/serviceAccounts/';

let fake: FakeGcp;
before(async () => {
  fake = await startFakeGcp({ world: DEMO_WORLD });
});
after(() => fake.close());

function node<K extends NodeKind>(nodes: GraphNode[], kind: K, id: string): NodeOfKind<K> {
  const n = nodes.find((x) => x.id === id);
  assert.ok(n, `no node ${id}`);
  assert.equal(n.kind, kind);
  return n as NodeOfKind<K>;
}

test('demo world: the live path through the fake equals the offline import', async () => {
  const { snapshot } = await collectThroughFake(fake, { scopes: [ORG], orgDomains: ['democorp.example'] });
  assert.deepEqual(snapshot.coverage.filter((r) => r.status !== 'ok'), []);
  const imported = await importGcpAssets([DEMO_WORLD], { orgDomains: ['democorp.example'] });
  assert.deepEqual(imported.nodes, snapshot.nodes);
  assert.deepEqual(imported.edges, snapshot.edges);
  assert.deepEqual(snapshot.scope.regions, ['eu', 'europe-west1', 'us', 'us-central1']);
  // Everything validates against the generated JSON Schema, as a snapshot file would be.
  const v = snapshotValidators();
  snapshot.nodes.forEach((n, i) => assert.ok(v.node(n), describeValidationError(v.node.errors, n, `nodes[${i}]`)));
  snapshot.edges.forEach((e, i) => assert.ok(v.edge(e), describeValidationError(v.edge.errors, e, `edges[${i}]`)));
  snapshot.coverage.forEach((c, i) => assert.ok(v.coverage(c), describeValidationError(v.coverage.errors, c, `coverage[${i}]`)));
});

test('demo world: the seeded facts (SEEDED.md) are in the graph', async () => {
  const { nodes, edges } = await importGcpAssets([DEMO_WORLD], { orgDomains: ['democorp.example'] });
  const bucket = (name: string) => node(nodes, 'storage.bucket', `${B}${name}`).attrs;
  assert.ok(bucket('demo-prod-public-site').iamMembers?.some((b) => b.members.includes('allUsers')));
  assert.equal(bucket('demo-prod-public-site').publicAccessAllowed, null);
  assert.ok(bucket('demo-prod-partner-drop').iamMembers?.some((b) => b.members.includes('allAuthenticatedUsers')));
  assert.equal(bucket('demo-prod-private-audit').publicAccessAllowed, false);
  assert.equal(bucket('demo-prod-private-audit').encryption, 'cmek');
  assert.equal(bucket('demo-prod-private-audit').retentionLocked, true);
  assert.equal(bucket('demo-prod-blocked-public').publicAccessAllowed, false);
  assert.equal(bucket('demo-dev-scratch').uniformBucketLevelAccess, false);
  assert.equal(node(nodes, 'storage.bucket', `${B}demo-dev-scratch`).account, 'demo-dev');

  const members = (id: string) => node(nodes, 'iam.binding', id).attrs.members;
  assert.deepEqual(members(`${P}/iamBindings/roles/owner`).map((m) => [m.type, m.external]), [['user', false]]);
  const editors = members(`${P}/iamBindings/roles/editor`);
  assert.equal(editors.find((m) => m.id === 'serviceAccount:ci-deployer@demo-prod.iam.gserviceaccount.com')?.principalId, `${SA}105000000000000000001`);
  assert.equal(members(`${P}/iamBindings/roles/viewer`).find((m) => m.id.includes('outside-consulting'))?.external, true);
  assert.deepEqual(members(`${D}/iamBindings/roles/viewer`).map((m) => [m.type, m.external]), [['all_users', true]]);
  assert.equal(node(nodes, 'iam.binding', `${P}/iamBindings/roles/compute.admin/conditions/d0a6bc322aed`).attrs.condition?.title, 'break-glass until 2026-12-01');

  const key = (sa: string, id: string) => node(nodes, 'iam.access_key', `${SA}${sa}/keys/${id}`);
  assert.equal(key('105000000000000000001', 'a1c4e7f0b3d6a9c2e5f8b1d4a7c0e3f6b9d2a5c8').createdAt, '2025-09-15T10:00:00.000Z');
  assert.equal(key('105000000000000000004', 'd4f7b0e3a6c9d2f5b8e1a4c7d0f3b6e9a2c5d8f1').attrs.active, false);
  assert.equal(nodes.filter((n) => n.kind === 'iam.access_key').length, 5, 'system-managed keys are not nodes');
  assert.ok(!JSON.stringify(nodes).includes('privateKeyData'));

  const fw = (name: string) => node(nodes, 'network.firewall', `${CP}/global/firewalls/${name}`).attrs.rules;
  assert.deepEqual(fw('prod-allow-ssh-world').map((r) => [r.direction, r.action, r.protocol, r.ports, r.sources]), [['ingress', 'allow', 'tcp', [[22, 22]], ['0.0.0.0/0']]]);
  assert.deepEqual(fw('prod-allow-rdp-world').map((r) => r.ports), [[[3389, 3389]]]);
  assert.deepEqual(fw('prod-allow-ssh-corp').map((r) => r.sources), [['203.0.113.0/24']]);
  assert.deepEqual(fw('prod-allow-egress-all').map((r) => [r.direction, r.protocol]), [['egress', 'all']]);
  assert.deepEqual(fw('prod-legacy-open-disabled'), []);
  assert.deepEqual(fw('prod-deny-telnet').map((r) => r.action), ['deny']);

  assert.deepEqual(node(nodes, 'compute.disk', `${CP}/zones/us-central1-a/disks/prod-orphan-data-1`).attrs.attachedTo, []);
  assert.deepEqual(node(nodes, 'compute.disk', `${CP}/zones/us-central1-b/disks/prod-orphan-scratch`).attrs.attachedTo, []);
  const orphanSnap = `${CP}/global/snapshots/legacy-db-final-2024`;
  assert.equal(node(nodes, 'compute.snapshot', orphanSnap).attrs.sourceDiskId, `${CP}/zones/us-central1-c/disks/legacy-db`);
  assert.ok(!edges.some((e) => e.from === orphanSnap && e.kind === 'snapshot_of'));
  assert.equal(node(nodes, 'network.public_ip', `${CP}/regions/us-central1/addresses/prod-reserved-unused`).attrs.associatedWith, null);

  const inst = (zone: string, name: string) => node(nodes, 'compute.instance', `${CP}/zones/${zone}/instances/${name}`).attrs;
  assert.deepEqual([inst('us-central1-a', 'old-reporting').state, inst('us-central1-a', 'old-reporting').stateSince], ['stopped', '2026-05-03T01:30:00.000Z']);
  assert.deepEqual([inst('us-central1-a', 'analytics-big').vcpus, inst('us-central1-a', 'analytics-big').memoryMiB], [32, 262144]);
  assert.equal(inst('us-central1-c', 'batch-spot-1').lifecycle, 'spot');
  assert.equal(inst('us-central1-b', 'web-mig-7k2p').replaceable, true);
  assert.ok(edges.some((e) => e.from === `${CP}/zones/us-central1-f/instances/windows-jump` && e.kind === 'protected_by' && e.to.endsWith('/prod-allow-rdp-world')));
  assert.ok(!edges.some((e) => e.from === `${CP}/zones/us-central1-f/instances/windows-jump` && e.to.endsWith('/prod-allow-ssh-world')));
});
