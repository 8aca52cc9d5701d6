/**
 * Azure collection benchmark: a generated world of N resources (default 50,000) spread over several
 * subscriptions, served by the fake ARM server with injected latency per request, collected through
 * the real SDK clients, `ctx.call` and the transforms. Prints HTTP calls, wall time and peak RSS
 * (the fake runs in the same process, so its memory is included).
 *
 *   npm run bench:azure
 *   npm run bench:azure -- --resources 10000 --latency 50 --page-size 200 --concurrency 16
 */
import { parseArgs } from 'node:util';
import { azureProvider } from '../src/collectors/azure/index.js';
import { collectSnapshot, providerRun } from '../src/collectors/collect.js';
import type { JsonObject } from '../src/graph/schema.js';
import { fakeTokenCredential, startFakeAzure } from '../test/fake-clouds/azure/server.js';
import type { AzureWorld } from '../test/fake-clouds/azure/world.js';
import { emptyResources } from '../test/fake-clouds/azure/world.js';

const { values } = parseArgs({
  options: {
    resources: { type: 'string', default: '50000' },
    subscriptions: { type: 'string', default: '5' },
    latency: { type: 'string', default: '20' },
    'page-size': { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
  },
});
const total = Number(values.resources);
const subCount = Number(values.subscriptions);

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const subId = (s: number) => `b0000000-0000-4000-8000-${hex(s, 12)}`;

/** One subscription's share of resources, in the mix of a typical estate. */
function subscriptionWorld(s: number, n: number): ReturnType<typeof emptyResources> {
  const r = emptyResources();
  const rg = `/subscriptions/${subId(s)}/resourceGroups/rg-bench-${s}`;
  const share = (f: number) => Math.max(1, Math.floor(n * f));
  const vms = share(0.12);
  for (let i = 0; i < vms; i++) {
    const vm = `${rg}/providers/Microsoft.Compute/virtualMachines/vm-${i}`;
    const nic = `${rg}/providers/Microsoft.Network/networkInterfaces/nic-${i}`;
    r['virtual-machines'].push({
      id: vm,
      name: `vm-${i}`,
      type: 'Microsoft.Compute/virtualMachines',
      location: 'westeurope',
      tags: { app: `app-${i % 50}` },
      properties: {
        hardwareProfile: { vmSize: i % 10 === 0 ? 'Standard_E16s_v5' : 'Standard_D2s_v5' },
        storageProfile: { osDisk: { osType: 'Linux', name: `vm-${i}-os`, managedDisk: { id: `${rg}/providers/Microsoft.Compute/disks/vm-${i}-os` } }, dataDisks: [] },
        networkProfile: { networkInterfaces: [{ id: nic }] },
        ...(i % 7 === 0 ? { priority: 'Spot', evictionPolicy: 'Delete' } : {}),
        instanceView: { statuses: [{ code: 'ProvisioningState/succeeded', time: '2026-11-01T00:00:00Z' }, { code: i % 5 === 0 ? 'PowerState/deallocated' : 'PowerState/running' }] },
      },
    });
    r['network-interfaces'].push({
      id: nic,
      name: `nic-${i}`,
      type: 'Microsoft.Network/networkInterfaces',
      location: 'westeurope',
      properties: {
        ipConfigurations: [{ name: 'ipconfig1', id: `${nic}/ipConfigurations/ipconfig1`, properties: { privateIPAddress: `10.${s}.${(i >> 8) & 255}.${i & 255}`, subnet: { id: `${rg}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/s${i % 20}` }, ...(i % 4 === 0 ? { publicIPAddress: { id: `${rg}/providers/Microsoft.Network/publicIPAddresses/pip-${i}` } } : {}) } }],
        networkSecurityGroup: { id: `${rg}/providers/Microsoft.Network/networkSecurityGroups/nsg-${i % 100}` },
        virtualMachine: { id: vm },
      },
    });
    r.disks.push(disk(rg, `vm-${i}-os`, vm));
  }
  for (let i = 0; i < share(0.2); i++) r.disks.push(disk(rg, `data-${i}`, i % 3 === 0 ? null : `${rg}/providers/Microsoft.Compute/virtualMachines/vm-${i % vms}`));
  for (let i = 0; i < share(0.08); i++) {
    r.snapshots.push({ id: `${rg}/providers/Microsoft.Compute/snapshots/snap-${i}`, name: `snap-${i}`, type: 'Microsoft.Compute/snapshots', location: 'westeurope', properties: { creationData: { createOption: 'Copy', sourceResourceId: `${rg}/providers/Microsoft.Compute/disks/data-${i * 2}` }, diskSizeGB: 64, timeCreated: '2026-01-01T00:00:00Z' } });
  }
  for (let i = 0; i < share(0.03); i++) {
    const id = `${rg}/providers/Microsoft.Network/networkSecurityGroups/nsg-${i}`;
    r['network-security-groups'].push({
      id,
      name: `nsg-${i}`,
      type: 'Microsoft.Network/networkSecurityGroups',
      location: 'westeurope',
      properties: { securityRules: Array.from({ length: 6 }, (_, k) => ({ name: `r${k}`, id: `${id}/securityRules/r${k}`, properties: { protocol: 'Tcp', access: k === 0 ? 'Allow' : 'Deny', direction: 'Inbound', priority: 100 + k, sourceAddressPrefix: k === 0 ? '*' : '10.0.0.0/8', destinationPortRange: String(20 + k) } })), defaultSecurityRules: [] },
    });
  }
  for (let i = 0; i < share(0.12); i++) {
    r['public-ip-addresses'].push({ id: `${rg}/providers/Microsoft.Network/publicIPAddresses/pip-${i * 4}`, name: `pip-${i * 4}`, type: 'Microsoft.Network/publicIPAddresses', location: 'westeurope', sku: { name: 'Standard' }, properties: { ipAddress: `20.${s}.${(i >> 8) & 255}.${i & 255}`, ...(i % 6 === 0 ? {} : { ipConfiguration: { id: `${rg}/providers/Microsoft.Network/networkInterfaces/nic-${i * 4}/ipConfigurations/ipconfig1` } }) } });
  }
  const accounts = share(0.01);
  for (let i = 0; i < accounts; i++) {
    const id = `${rg}/providers/Microsoft.Storage/storageAccounts/benchsa${s}x${i}`;
    r['storage-accounts'].push({ id, name: `benchsa${s}x${i}`, type: 'Microsoft.Storage/storageAccounts', location: 'westeurope', properties: { allowBlobPublicAccess: i % 2 === 0, minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true, networkAcls: { defaultAction: 'Allow' }, encryption: { keySource: 'Microsoft.Storage' } } });
    for (let c = 0; c < 10; c++) r['blob-containers'].push({ id: `${id}/blobServices/default/containers/c${c}`, name: `c${c}`, type: 'Microsoft.Storage/storageAccounts/blobServices/containers', properties: { publicAccess: c === 0 ? 'Blob' : 'None' } });
  }
  const owner = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
  r['role-definitions'].push({ id: `/subscriptions/${subId(s)}/providers/Microsoft.Authorization/roleDefinitions/${owner}`, name: owner, type: 'Microsoft.Authorization/roleDefinitions', properties: { roleName: 'Owner', type: 'BuiltInRole', assignableScopes: ['/'], permissions: [{ actions: ['*'], notActions: [] }] } });
  for (let i = 0; i < share(0.2); i++) {
    const guid = `c0000000-0000-4000-8000-${hex(s * 1_000_000 + i, 12)}`;
    r['role-assignments'].push({ id: `/subscriptions/${subId(s)}/providers/Microsoft.Authorization/roleAssignments/${guid}`, name: guid, type: 'Microsoft.Authorization/roleAssignments', properties: { roleDefinitionId: `/subscriptions/${subId(s)}/providers/Microsoft.Authorization/roleDefinitions/${owner}`, principalId: `d0000000-0000-4000-8000-${hex(i, 12)}`, principalType: i % 3 === 0 ? 'ServicePrincipal' : 'User', scope: `/subscriptions/${subId(s)}` } });
  }
  return r;
}

function disk(rg: string, name: string, managedBy: string | null): JsonObject {
  return {
    id: `${rg}/providers/Microsoft.Compute/disks/${name}`,
    name,
    type: 'Microsoft.Compute/disks',
    location: 'westeurope',
    sku: { name: 'Premium_LRS' },
    ...(managedBy ? { managedBy } : {}),
    properties: { diskSizeGB: 128, diskState: managedBy ? 'Attached' : 'Unattached', encryption: { type: 'EncryptionAtRestWithPlatformKey' }, timeCreated: '2026-01-01T00:00:00Z' },
  };
}

const world: AzureWorld = { subscriptions: [], resources: new Map() };
for (let s = 0; s < subCount; s++) {
  world.subscriptions.push({ id: `/subscriptions/${subId(s)}`, subscriptionId: subId(s), displayName: `bench-${s}`, state: 'Enabled', tenantId: 'e0000000-0000-4000-8000-000000000000' });
  world.resources.set(subId(s), subscriptionWorld(s, Math.floor(total / subCount)));
}
let resources = 0;
for (const r of world.resources.values()) for (const list of Object.values(r)) resources += list.length;

const fake = await startFakeAzure({ world, latencyMs: Number(values.latency), pageSize: Number(values['page-size']) });
try {
  const t0 = performance.now();
  const { snapshot, stats } = await collectSnapshot([providerRun(azureProvider, { endpoint: fake.endpoint, credential: fakeTokenCredential })], {
    concurrency: Number(values.concurrency),
    maxAttempts: 3,
    callTimeoutMs: 60_000,
    retryBaseDelayMs: 100,
    retryMaxDelayMs: 5_000,
  });
  const ms = performance.now() - t0;
  const gaps = snapshot.coverage.filter((r) => r.status !== 'ok').length;
  console.log(
    JSON.stringify(
      {
        resourcesInWorld: resources,
        subscriptions: subCount,
        latencyMs: Number(values.latency),
        pageSize: Number(values['page-size']),
        concurrency: Number(values.concurrency),
        httpCalls: fake.callCounts['*'],
        ctxCalls: stats.total,
        nodes: snapshot.nodes.length,
        edges: snapshot.edges.length,
        coverageGaps: gaps,
        wallSeconds: Math.round(ms) / 1000,
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      null,
      2,
    ),
  );
} finally {
  await fake.close();
}
