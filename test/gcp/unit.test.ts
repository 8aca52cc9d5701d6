import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Status } from 'google-gax';
import { assetFromProto, structFromProto, structToProto } from '../../src/collectors/gcp/asset.js';
import { classifyGcpError, gcpProvider, importGcpAssets } from '../../src/collectors/gcp/index.js';
import { machineShape } from '../../src/collectors/gcp/machine-types.js';
import { typeMember } from '../../src/collectors/gcp/members.js';
import { computeUrlToName, maskId, zoneToRegion } from '../../src/collectors/gcp/names.js';
import { gcpTargets } from '../../src/collectors/gcp/resolve.js';
import { InputError } from '../../src/util/errors.js';

test('gRPC status codes map to error classes', () => {
  const err = (code: number) => Object.assign(new Error('x'), { code });
  assert.deepEqual(classifyGcpError(err(Status.PERMISSION_DENIED)), { kind: 'denied' });
  assert.deepEqual(classifyGcpError(err(Status.UNAUTHENTICATED)), { kind: 'denied' });
  assert.deepEqual(classifyGcpError(err(Status.RESOURCE_EXHAUSTED)), { kind: 'throttled' });
  assert.deepEqual(
    classifyGcpError(Object.assign(err(Status.RESOURCE_EXHAUSTED), { statusDetails: [{ retryDelay: { seconds: 2, nanos: 500_000_000 } }] })),
    { kind: 'throttled', retryAfterMs: 2500 },
  );
  assert.deepEqual(classifyGcpError(err(Status.UNAVAILABLE)), { kind: 'transient' });
  assert.deepEqual(classifyGcpError(err(Status.DEADLINE_EXCEEDED)), { kind: 'transient' });
  assert.deepEqual(classifyGcpError(err(Status.INVALID_ARGUMENT)), { kind: 'fatal' });
  assert.deepEqual(classifyGcpError(new Error('no code')), { kind: 'fatal' });
});

test('the module: collectors sorted by id, permissions declared', () => {
  const ids = gcpProvider.collectors.map((c) => c.id);
  assert.deepEqual(ids, ['gcp.compute', 'gcp.iam', 'gcp.resourcemanager', 'gcp.storage']);
  assert.deepEqual(ids, [...ids].sort());
  for (const c of gcpProvider.collectors) assert.ok(c.permissions.some((p) => p.action === 'cloudasset.assets.listResource'));
});

test('scopes are validated into targets', () => {
  const [t] = gcpTargets({ scopes: ['projects/my-proj'], orgDomains: ['@Example.com'] });
  assert.equal(t?.account, 'my-proj');
  assert.deepEqual(t?.orgDomains, ['example.com']);
  assert.equal(gcpTargets({ scopes: ['organizations/123'] })[0]?.account, 'organizations/123');
  assert.throws(() => gcpTargets({ scopes: [] }), InputError);
  assert.throws(() => gcpTargets({ scopes: ['org/1'] }), /not a scope/);
  assert.throws(() => gcpTargets({ scopes: ['projects/p1'], insecure: true }), /apiEndpoint/);
  assert.throws(() => gcpTargets({ scopes: ['projects/p1'], pageSize: 5000 }), /pageSize/);
  assert.throws(() => gcpTargets({ scopes: ['organizations/1', 'projects/p1'] }), /separate run/);
  assert.equal(gcpTargets({ scopes: ['organizations/1', 'organizations/2'] }).length, 2);
  assert.throws(() => gcpTargets({ scopes: ['projects/p1'], assetTypes: ['sqladmin.googleapis.com/Instance'] }), /unsupported asset type/);
});

test('protobuf Struct round trip and asset messages', () => {
  const data = { name: 'x', sizeGb: '10', n: 1.5, ok: true, none: null, list: ['a', { b: 'c' }], nested: { d: [] } };
  assert.deepEqual(structFromProto(structToProto(data)), data);
  // google-gax hands oneof fields with a `kind` discriminator.
  assert.deepEqual(structFromProto({ fields: { a: { kind: 'stringValue', stringValue: 'v', numberValue: 0 } } }), { a: 'v' });
  const a = assetFromProto({ name: '//x/y', assetType: 't/T', ancestors: ['projects/1'], updateTime: { seconds: '1763596800', nanos: 0 }, resource: null, iamPolicy: null }, 'here');
  assert.equal(a.updateTime, '2025-11-20T00:00:00.000Z');
  assert.throws(() => assetFromProto({ name: '', assetType: 't/T' }, 'page 1 asset #3'), /page 1 asset #3: asset without a 'name'/);
});

test('names, machine types, members', () => {
  assert.equal(computeUrlToName('https://www.googleapis.com/compute/beta/projects/p/zones/z-a/disks/d'), '//compute.googleapis.com/projects/p/zones/z-a/disks/d');
  assert.equal(zoneToRegion('europe-west1-b'), 'europe-west1');
  assert.equal(maskId('6b1f0c9e2d4a8b7c5e3f1a0d9c8b7a6e5f4d3c2b'), '6b1f…3c2b');
  assert.deepEqual(machineShape('n2-custom-6-24576'), { vcpus: 6, memoryMiB: 24576 });
  assert.deepEqual(machineShape('n1-standard-4'), { vcpus: 4, memoryMiB: 15360 });
  assert.deepEqual(machineShape('a3-megagpu-8g'), { vcpus: null, memoryMiB: null });
  assert.deepEqual(typeMember('user:a@Partner.io', ['example.com']), { id: 'user:a@Partner.io', type: 'user', external: true, principalId: null });
  assert.equal(typeMember('user:a@example.com', null).external, null);
  assert.equal(typeMember('deleted:user:a@example.com?uid=1', ['example.com']).type, 'other');
});

test('importer: a record without a name is an error naming the file and line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-gcp-'));
  try {
    await writeFile(join(dir, 'bad.ndjson'), '{"name":"//storage.googleapis.com/b1","asset_type":"storage.googleapis.com/Bucket","resource":{"data":{"name":"b1","projectNumber":"1"}}}\n{"asset_type":"compute.googleapis.com/Disk","resource":{"data":{}}}\n');
    await assert.rejects(importGcpAssets([dir]), (e: unknown) => e instanceof InputError && /bad\.ndjson:2: asset without a 'name'/.test(e.message));
    await writeFile(join(dir, 'bad.ndjson'), 'not json\n');
    await assert.rejects(importGcpAssets([dir]), /bad\.ndjson:1 is not JSON/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('importer: search-all-resources output gives partial nodes, and IAM facts unknown', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-gcp-'));
  try {
    const results = [
      { name: '//compute.googleapis.com/projects/p1/zones/us-east1-b/instances/vm-1', assetType: 'compute.googleapis.com/Instance', project: 'projects/9001', displayName: 'vm-1', location: 'us-east1-b', labels: { env: 'test' }, networkTags: ['web'], state: 'TERMINATED', createTime: '2026-01-02T03:04:05Z' },
      { name: '//storage.googleapis.com/b-search', assetType: 'storage.googleapis.com/Bucket', project: 'projects/9001', displayName: 'b-search', location: 'us' },
      { name: '//compute.googleapis.com/projects/p1/zones/us-east1-b/disks/d-1', assetType: 'compute.googleapis.com/Disk', project: 'projects/9001', displayName: 'd-1', location: 'us-east1-b', versionedResources: [{ version: 'v1', resource: { name: 'd-1', sizeGb: '30', type: 'https://www.googleapis.com/compute/v1/projects/p1/zones/us-east1-b/diskTypes/pd-ssd' } }] },
    ];
    await writeFile(join(dir, 'search.json'), JSON.stringify(results, null, 2));
    const { nodes } = await importGcpAssets([dir]);
    const vm = nodes.find((n) => n.kind === 'compute.instance');
    assert.equal(vm?.kind === 'compute.instance' && vm.attrs.state, 'stopped');
    assert.equal(vm?.attrs['partial'], true);
    assert.deepEqual(vm?.tags, { env: 'test' });
    const b = nodes.find((n) => n.kind === 'storage.bucket');
    assert.equal(b?.kind === 'storage.bucket' && b.attrs.iamMembers, null);
    assert.equal(b?.account, '9001');
    const d = nodes.find((n) => n.kind === 'compute.disk');
    assert.equal(d?.kind === 'compute.disk' && d.attrs.sizeGiB, 30);
    assert.equal(d?.attrs['partial'], undefined, 'a read-mask result carries the full resource');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
