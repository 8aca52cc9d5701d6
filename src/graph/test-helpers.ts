/** Small builders for tests: valid nodes and snapshots with the fewest fields. */
import type { GraphNode, Snapshot } from './schema.js';

export function diskNode(id: string, attachedTo: string[] = []): GraphNode {
  return {
    id,
    provider: 'libvirt',
    account: 'h1',
    region: 'global',
    kind: 'compute.disk',
    nativeType: 'libvirt:volume',
    name: id.split('/').pop() ?? id,
    tags: {},
    attrs: { sizeGiB: 10, diskType: 'qcow2', attachedTo, encrypted: null },
  };
}

export function accountNode(id: string): GraphNode {
  return { id, provider: 'libvirt', account: 'h1', region: 'global', kind: 'account', nativeType: 'libvirt:host', name: 'h1', tags: {}, attrs: {} };
}

export function tinySnapshot(): Snapshot {
  return {
    schemaVersion: '1.0',
    tool: { name: 'cloudwarden', version: '0.0.0-test' },
    startedAt: '2026-11-20T10:00:00Z',
    finishedAt: '2026-11-20T10:00:02.5Z',
    scope: { providers: ['libvirt'], accounts: ['h1'], regions: [] },
    nodes: [accountNode('libvirt://h1'), diskNode('libvirt://h1/volume/a'), diskNode('libvirt://h1/volume/b <ünïcode> "q"')],
    edges: [
      { from: 'libvirt://h1', to: 'libvirt://h1/volume/a', kind: 'contains' },
      { from: 'libvirt://h1', to: 'libvirt://h1/volume/b <ünïcode> "q"', kind: 'contains', attrs: { note: 'x' } },
    ],
    costs: [],
    coverage: [
      { provider: 'libvirt', account: 'h1', region: 'global', service: 'storage', operation: 'vol-list', status: 'ok', calls: 2, resource: null, message: null },
      { provider: 'libvirt', account: 'h1', region: 'global', service: 'domains', operation: 'dumpxml', status: 'denied', calls: 1, resource: 'libvirt://h1/domain/x', message: 'read only access' },
    ],
  };
}
