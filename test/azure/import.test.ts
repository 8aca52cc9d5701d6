import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importAzureJson } from '../../src/collectors/azure/index.js';
import type { BindingNode, BucketNode, DiskNode, FirewallNode, GraphNode, InstanceNode, JsonObject } from '../../src/graph/schema.js';
import { collectThroughFake, loadSmallWorld, sortedEdges, SMALL_WORLD, SUB_A } from './helpers.js';

/**
 * The one difference in the raw responses: the live path reads VMs from the model list (no instance
 * view; the power state comes from the statusOnly list), the world file holds each VM with its
 * `properties.instanceView`. Everything else, normalized attrs included, is identical.
 */
function withoutInstanceView(n: GraphNode): GraphNode {
  if (n.kind !== 'compute.instance' || n.raw === undefined) return n;
  const { instanceView: _view, ...props } = n.raw['properties'] as JsonObject;
  return { ...n, raw: { ...n.raw, properties: props } };
}

test('offline import of the world files gives the same graph as the live path through the fake', async () => {
  const world = await loadSmallWorld();
  const live = (await collectThroughFake({ world, pageSize: 3 })).snapshot;
  const offline = await importAzureJson(SMALL_WORLD);
  const sortById = (ns: GraphNode[]) => [...ns].sort((a, b) => (a.id < b.id ? -1 : 1));
  assert.deepEqual(sortById(offline.nodes.map(withoutInstanceView)), sortById(live.nodes));
  assert.deepEqual(sortedEdges(offline.edges), sortedEdges(live.edges));
});

test('the importer reads az CLI output (flattened properties, CLI field names) through the same transforms', async () => {
  const g = await importAzureJson('test/azure/cli', { tenantDomains: ['contoso.example'] });
  const byName = (name: string) => g.nodes.find((n) => n.name === name);

  const account = g.nodes.find((n) => n.kind === 'account');
  assert.equal(account?.id, `/subscriptions/${SUB_A}`);
  assert.equal(account?.name, 'small-prod');

  // az vm list -d: power state as text, addresses as strings, no instance-view time
  const vm = byName('small-vm') as InstanceNode;
  assert.equal(vm.attrs.state, 'running');
  assert.equal(vm.attrs.stateSince, null);
  assert.deepEqual(vm.attrs.publicIps, ['20.1.2.3']);
  assert.deepEqual(vm.attrs.privateIps, ['10.0.0.4']);
  assert.equal(vm.attrs.instanceType, 'Standard_D2s_v3');
  assert.equal(vm.attrs.lifecycle, 'on-demand');

  // az disk list: diskSizeGb
  const disk = byName('orphan-data') as DiskNode;
  assert.deepEqual([disk.attrs.sizeGiB, disk.attrs.attachedTo, disk.attrs.diskType], [128, [], 'Standard_LRS']);

  // az storage account list / container-rm list: enableHttpsTrafficOnly, networkRuleSet
  const bucket = byName('smallpublicsa/public-site') as BucketNode;
  assert.deepEqual(
    [bucket.attrs.publicAccessAllowed, bucket.attrs.anonymousAccessLevel, bucket.attrs['effectivePublicAccess'], bucket.attrs['httpsOnly'], bucket.attrs['networkDefaultAction'], bucket.attrs['minimumTlsVersion']],
    [true, 'container', 'container', false, 'Allow', 'TLS1_0'],
  );

  // az network nsg list: rules flattened too; the NSG names the VM's NIC → protected_by
  const nsg = byName('small-nsg') as FirewallNode;
  assert.deepEqual(nsg.attrs.rules, [{ direction: 'ingress', action: 'allow', protocol: 'tcp', ports: [[22, 22]], sources: ['Internet'], priority: 100, description: 'allow-ssh-anywhere' }]);
  assert.ok(g.edges.some((e) => e.kind === 'protected_by' && e.from === vm.id && e.to === nsg.id));

  // az role assignment list --all: principalName tells guests and other domains; role name from roleDefinitionName
  const bindings = g.nodes.filter((n): n is BindingNode => n.kind === 'iam.binding').sort((a, b) => (a.id < b.id ? -1 : 1));
  assert.deepEqual(
    bindings.map((b) => [b.attrs.role, b.attrs.members[0]?.type, b.attrs.members[0]?.external, b.attrs.permissions ?? null]),
    [
      ['Owner', 'user', true, null],
      ['Contributor', 'user', false, null],
      ['Reader', 'user', true, null],
      ['Contributor', 'service_principal', null, null],
    ],
  );
  for (const n of g.nodes) if (n.kind !== 'account') assert.ok(g.edges.some((e) => e.kind === 'contains' && e.to === n.id));
});

test('without tenant domains only #EXT# guests are known to be external', async () => {
  const g = await importAzureJson('test/azure/cli/az-role-assignment-list-all.json');
  const ext = g.nodes
    .filter((n): n is BindingNode => n.kind === 'iam.binding')
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((b) => b.attrs.members[0]?.external);
  assert.deepEqual(ext, [true, null, null, null]);
});

test('az resource list objects (no properties) never shadow the full copies; other types are ignored; subscriptions filter', async () => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'cw-azure-import-'));
  try {
    const rg = `/subscriptions/${SUB_A}/resourceGroups/RG-Small/providers`;
    await writeFile(
      join(dir, 'az-resource-list.json'),
      JSON.stringify([
        { id: `${rg}/Microsoft.Compute/disks/orphan-data`, name: 'orphan-data', type: 'Microsoft.Compute/disks', location: 'westeurope', resourceGroup: 'RG-Small', sku: { name: 'Standard_LRS' }, tags: {}, createdTime: '2025-01-15T09:00:00Z' },
        { id: `${rg}/Microsoft.Web/sites/app1`, name: 'app1', type: 'Microsoft.Web/sites', location: 'westeurope', resourceGroup: 'RG-Small' },
      ]),
    );
    const withWorld = await importAzureJson([join(dir, 'az-resource-list.json'), SMALL_WORLD]);
    const disk = withWorld.nodes.find((n) => n.name === 'orphan-data') as DiskNode;
    assert.equal(disk.attrs.sizeGiB, 128, 'the full ARM copy wins over the az resource list one');
    assert.ok(!withWorld.nodes.some((n) => n.name === 'app1'));
    const onlyA = await importAzureJson(SMALL_WORLD, { subscriptions: [SUB_A] });
    assert.deepEqual([...new Set(onlyA.nodes.map((n) => n.account))], [SUB_A]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
