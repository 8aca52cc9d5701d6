/** The demo world (fixtures/worlds/demo/azure, see its SEEDED.md) collects cleanly and carries the seeded facts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importAzureJson } from '../../src/collectors/azure/index.js';
import type { BindingNode, FirewallNode, GraphNode } from '../../src/graph/schema.js';
import { loadAzureWorld } from '../fake-clouds/azure/world.js';
import { collectThroughFake } from './helpers.js';

const DEMO = 'fixtures/worlds/demo/azure';
const PROD = 'a1b2c3d4-0000-4000-8000-00000000d001';

test('demo world: every seeded fact is in the collected graph', async () => {
  const { snapshot } = await collectThroughFake({ world: await loadAzureWorld(DEMO) });
  assert.deepEqual(snapshot.coverage.filter((r) => r.status !== 'ok'), []);
  const named = (name: string): GraphNode => {
    const n = snapshot.nodes.find((x) => x.name === name);
    assert.ok(n, `no node named ${name}`);
    return n;
  };
  const effective = (name: string) => named(name).attrs['effectivePublicAccess'];
  assert.equal(effective('demopublicweb/site-assets'), 'container');
  assert.equal(effective('demopublicweb/downloads'), 'blob');
  assert.equal(effective('demoallowednone/reports'), 'none');
  assert.equal(effective('demolockedlegacy/legacy-cdn'), 'none');
  assert.equal(named('demolockedlegacy/legacy-cdn').attrs['anonymousAccessLevel'], 'blob');
  assert.equal(named('demotls10ingest/ingest').attrs['minimumTlsVersion'], 'TLS1_0');

  const ingressAllows = (name: string) =>
    (named(name) as FirewallNode).attrs.rules.filter((r) => r.direction === 'ingress' && r.action === 'allow' && r.priority !== null && r.priority !== undefined && r.priority < 65000);
  assert.deepEqual(ingressAllows('nsg-ssh-open-star').map((r) => [r.sources, r.ports]), [[['*'], [[22, 22]]], [['Internet'], [[443, 443]]]]);
  assert.deepEqual(ingressAllows('nsg-rdp-internet').map((r) => [r.sources, r.ports]), [[['Internet'], [[3389, 3389]]]]);
  assert.deepEqual(ingressAllows('nsg-mgmt-any-cidr').map((r) => [r.sources, r.ports]), [[['0.0.0.0/0'], [[22, 22], [3389, 3389]]]]);
  assert.deepEqual(ingressAllows('nsg-bastion-corp').map((r) => r.sources), [['198.51.100.0/24']]);
  assert.deepEqual(ingressAllows('nsg-deny-ssh-internet'), []);

  assert.deepEqual(named('disk-orphan-data-01').attrs['attachedTo'], []);
  assert.deepEqual(named('sandbox-scratch-disk').attrs['attachedTo'], []);
  assert.equal(named('vm-legacy-app-data').attrs['attachedTo'] instanceof Array && (named('vm-legacy-app-data').attrs['attachedTo'] as string[]).length, 1);
  const snapOfDeleted = named('snap-deleted-db-2025');
  assert.ok(!snapshot.edges.some((e) => e.from === snapOfDeleted.id && e.kind === 'snapshot_of'));
  assert.ok(snapshot.edges.some((e) => e.from === named('snap-web-os-weekly').id && e.kind === 'snapshot_of'));
  assert.equal(named('pip-orphaned-old').attrs['associatedWith'], null);
  assert.match(String(named('pip-natgw-egress').attrs['associatedWith']), /natgateways\/natgw-demo$/);

  assert.deepEqual([named('vm-legacy-app').attrs['state'], named('vm-legacy-app').attrs['stateSince']], ['stopped', '2026-05-02T17:45:00.000Z']);
  assert.equal(named('vm-analytics-big').attrs['instanceType'], 'Standard_E32s_v5');
  assert.equal(named('vm-batch-spot-01').attrs['lifecycle'], 'spot');
  assert.equal(named('vmss-web_0a1b2c3d').attrs['replaceable'], true);

  const custom = snapshot.nodes.find((n) => n.kind === 'iam.policy' && n.name === 'Demo Ops Anything');
  assert.deepEqual(custom?.kind === 'iam.policy' && custom.attrs.statements[0]?.actions, ['*']);
  const owners = snapshot.nodes.filter((n): n is BindingNode => n.kind === 'iam.binding' && n.account === PROD && n.attrs.role === 'Owner');
  assert.deepEqual(owners.map((b) => b.attrs.members[0]?.type).sort(), ['user', 'user']);
});

test('demo world offline, with the az role assignment output: the guest Owner is external', async () => {
  const g = await importAzureJson(DEMO, { tenantDomains: ['contoso.example'] });
  const owners = g.nodes.filter((n): n is BindingNode => n.kind === 'iam.binding' && n.account === PROD && n.attrs.role === 'Owner');
  assert.deepEqual(owners.map((b) => [b.attrs.principalName, b.attrs.members[0]?.external]).sort(), [
    ['alice@contoso.example', false],
    ['mallory_partner.example#EXT#@contosodemo.onmicrosoft.com', true],
  ]);
  const ids = g.nodes.map((n) => n.id);
  assert.equal(new Set(ids).size, ids.length, 'ARM and CLI copies of an assignment are merged, not duplicated');
});
