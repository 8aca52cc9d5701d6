/**
 * Compute Engine → instances, disks, snapshots, external addresses, firewall rules and forwarding
 * rules (as load balancers). Regions: a zonal resource's region is its zone's (the zone stays in
 * `attrs.zone`); global resources are `global`. References between resources (`selfLink` URLs) are
 * turned into full resource names, which are the node ids.
 */
import type {
  DiskNode,
  FirewallNode,
  FirewallRule,
  InstanceInterface,
  InstanceLifecycle,
  InstanceNode,
  InstanceState,
  JsonObject,
  LoadBalancerNode,
  PublicIpNode,
  SnapshotNode,
} from '../../graph/schema.js';
import type { CaiAsset } from './asset.js';
import { GcpAssetError } from './asset.js';
import { bool, num, obj, objs, str, strs, labels, time } from './json.js';
import { machineShape } from './machine-types.js';
import { computeUrlToName, lastSegment, segmentAfter, zoneToRegion } from './names.js';

interface Placement {
  project: string;
  region: string;
  zone: string | null;
}

function placement(a: CaiAsset): Placement {
  const project = segmentAfter(a.name, 'projects');
  if (project === null || !a.name.startsWith('//compute.googleapis.com/')) throw new GcpAssetError(`compute asset '${a.name}' is not a compute resource name`);
  const zone = segmentAfter(a.name, 'zones');
  const region = zone !== null ? zoneToRegion(zone) : (segmentAfter(a.name, 'regions') ?? 'global');
  return { project, region, zone };
}

function dataOf(a: CaiAsset): JsonObject {
  const data = a.resource?.data;
  if (!data) throw new GcpAssetError(`asset '${a.name}' has no resource data`);
  return data;
}

function base(a: CaiAsset, p: Placement, data: JsonObject) {
  return {
    id: a.name,
    provider: 'gcp' as const,
    account: p.project,
    region: p.region,
    nativeType: a.assetType,
    name: str(data, 'name') ?? lastSegment(a.name),
    tags: labels(data),
    createdAt: time(data, 'creationTimestamp'),
  };
}

// ---------------------------------------------------------------------------------------------
// Instances
// ---------------------------------------------------------------------------------------------

const STATES: Record<string, InstanceState> = {
  PROVISIONING: 'pending',
  STAGING: 'pending',
  RUNNING: 'running',
  STOPPING: 'stopping',
  SUSPENDING: 'stopping',
  SUSPENDED: 'suspended',
  REPAIRING: 'pending',
  // A TERMINATED instance is stopped (its disks and configuration remain), not deleted.
  TERMINATED: 'stopped',
  STOPPED: 'stopped',
};

function stateSince(status: string | null, data: JsonObject): string | null {
  switch (status) {
    case 'RUNNING':
      return time(data, 'lastStartTimestamp');
    case 'TERMINATED':
    case 'STOPPED':
      return time(data, 'lastStopTimestamp');
    case 'SUSPENDED':
      return time(data, 'lastSuspendedTimestamp');
    default:
      return null;
  }
}

function lifecycle(scheduling: JsonObject | null): InstanceLifecycle | null {
  if (scheduling === null) return 'on-demand';
  if (str(scheduling, 'provisioningModel') === 'SPOT') return 'spot';
  if (bool(scheduling, 'preemptible') === true) return 'preemptible';
  return 'on-demand';
}

function metadataValue(data: JsonObject, key: string): string | null {
  const item = objs(obj(data, 'metadata'), 'items').find((i) => str(i, 'key') === key);
  return item ? str(item, 'value') : null;
}

function interfacesOf(data: JsonObject): InstanceInterface[] {
  return objs(data, 'networkInterfaces').map((ni) => {
    const network = str(ni, 'network');
    const privateIp = str(ni, 'networkIP');
    const publicIps = [
      ...objs(ni, 'accessConfigs').flatMap((c) => (str(c, 'natIP') ? [str(c, 'natIP') as string] : [])),
      ...objs(ni, 'ipv6AccessConfigs').flatMap((c) => (str(c, 'externalIpv6') ? [str(c, 'externalIpv6') as string] : [])),
    ];
    return {
      mac: null,
      networkId: network === null ? null : computeUrlToName(network),
      source: network === null ? (str(ni, 'name') ?? 'unknown') : `network:${lastSegment(network)}`,
      privateIps: privateIp === null ? [] : [privateIp],
      publicIps,
    };
  });
}

export function instanceNode(a: CaiAsset): InstanceNode {
  const data = dataOf(a);
  const p = placement(a);
  const status = str(data, 'status');
  const machineType = str(data, 'machineType');
  const instanceType = machineType === null ? null : lastSegment(machineType);
  const shape = instanceType === null ? { vcpus: null, memoryMiB: null } : machineShape(instanceType);
  const interfaces = interfacesOf(data);
  const createdBy = metadataValue(data, 'created-by');
  const scheduling = obj(data, 'scheduling');
  return {
    ...base(a, p, data),
    kind: 'compute.instance',
    attrs: {
      state: status === null ? 'unknown' : (STATES[status] ?? 'unknown'),
      stateSince: stateSince(status, data),
      instanceType,
      vcpus: shape.vcpus,
      memoryMiB: shape.memoryMiB,
      lifecycle: lifecycle(scheduling),
      autostart: null,
      replaceable: createdBy !== null && createdBy.includes('/instanceGroupManagers/'),
      publicIps: interfaces.flatMap((i) => i.publicIps),
      privateIps: interfaces.flatMap((i) => i.privateIps),
      interfaces,
      diskIds: objs(data, 'disks').flatMap((d) => (str(d, 'source') ? [computeUrlToName(str(d, 'source') as string)] : [])),
      zone: p.zone,
      status,
      instanceGroupManager: createdBy !== null && createdBy.includes('/instanceGroupManagers/') ? computeUrlToName(createdBy) : null,
      serviceAccounts: objs(data, 'serviceAccounts').flatMap((sa) => {
        const email = str(sa, 'email');
        return email === null ? [] : [{ email: email.toLowerCase(), scopes: strs(sa, 'scopes') }];
      }),
      networkTags: strs(obj(data, 'tags'), 'items'),
      canIpForward: bool(data, 'canIpForward'),
      deletionProtection: bool(data, 'deletionProtection'),
      lastStartTimestamp: time(data, 'lastStartTimestamp'),
      lastStopTimestamp: time(data, 'lastStopTimestamp'),
    },
    raw: data,
  };
}

// ---------------------------------------------------------------------------------------------
// Disks and snapshots
// ---------------------------------------------------------------------------------------------

function encryptionOf(data: JsonObject, key: string): string {
  const k = obj(data, key);
  if (str(k, 'kmsKeyName') !== null) return 'cmek';
  if (str(k, 'sha256') !== null) return 'csek';
  return 'google-managed';
}

export function diskNode(a: CaiAsset): DiskNode {
  const data = dataOf(a);
  const p = placement(a);
  const type = str(data, 'type');
  return {
    ...base(a, p, data),
    kind: 'compute.disk',
    attrs: {
      sizeGiB: num(data, 'sizeGb'),
      diskType: type === null ? null : lastSegment(type),
      // The Compute API omits `users` when nobody uses the disk: absent means unattached.
      attachedTo: strs(data, 'users').map(computeUrlToName),
      // Compute Engine encrypts every disk at rest; `encryption` says with whose key.
      encrypted: true,
      iops: num(data, 'provisionedIops'),
      throughputMiBps: num(data, 'provisionedThroughput'),
      encryption: encryptionOf(data, 'diskEncryptionKey'),
      zone: p.zone,
      replicaZones: strs(data, 'replicaZones').map(lastSegment),
      status: str(data, 'status'),
      lastAttachTimestamp: time(data, 'lastAttachTimestamp'),
      lastDetachTimestamp: time(data, 'lastDetachTimestamp'),
      sourceImage: str(data, 'sourceImage'),
      sourceSnapshot: str(data, 'sourceSnapshot') === null ? null : computeUrlToName(str(data, 'sourceSnapshot') as string),
    },
    raw: data,
  };
}

export function snapshotNode(a: CaiAsset): SnapshotNode {
  const data = dataOf(a);
  const p = placement(a);
  const source = str(data, 'sourceDisk');
  const storageBytes = num(data, 'storageBytes');
  return {
    ...base(a, p, data),
    kind: 'compute.snapshot',
    attrs: {
      sizeGiB: num(data, 'diskSizeGb'),
      sourceDiskId: source === null ? null : computeUrlToName(source),
      encrypted: true,
      encryption: encryptionOf(data, 'snapshotEncryptionKey'),
      storageGiB: storageBytes === null ? null : Math.round((storageBytes / 1024 ** 3) * 1000) / 1000,
      status: str(data, 'status'),
      snapshotType: str(data, 'snapshotType'),
      storageLocations: strs(data, 'storageLocations'),
    },
    raw: data,
  };
}

// ---------------------------------------------------------------------------------------------
// Addresses, firewall rules, forwarding rules
// ---------------------------------------------------------------------------------------------

/** Reserved external addresses (regional and global) → `network.public_ip`; internal ones are not public IPs and are skipped. */
export function isExternalAddress(a: CaiAsset): boolean {
  return (str(a.resource?.data, 'addressType') ?? 'EXTERNAL') === 'EXTERNAL';
}

export function addressNode(a: CaiAsset): PublicIpNode {
  const data = dataOf(a);
  const p = placement(a);
  const status = str(data, 'status');
  const user = strs(data, 'users')[0];
  return {
    ...base(a, p, data),
    kind: 'network.public_ip',
    attrs: {
      address: str(data, 'address'),
      // RESERVED: held and billed, used by nothing.
      associatedWith: status === 'RESERVED' || user === undefined ? null : computeUrlToName(user),
      status,
      addressType: str(data, 'addressType') ?? 'EXTERNAL',
      networkTier: str(data, 'networkTier'),
      ipVersion: str(data, 'ipVersion'),
    },
    raw: data,
  };
}

/** `"22"`, `"1000-2000"` → `[from, to]`. */
function portRange(p: string): [number, number] | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(p.trim());
  if (!m) return null;
  const from = Number(m[1]);
  return [from, m[2] === undefined ? from : Number(m[2])];
}

function firewallRules(data: JsonObject): FirewallRule[] {
  if (bool(data, 'disabled') === true) return [];
  const direction = str(data, 'direction') === 'EGRESS' ? 'egress' : 'ingress';
  const sources =
    direction === 'ingress'
      ? [...strs(data, 'sourceRanges'), ...strs(data, 'sourceTags').map((t) => `tag:${t}`), ...strs(data, 'sourceServiceAccounts').map((s) => `serviceAccount:${s}`)]
      : strs(data, 'destinationRanges');
  const priority = num(data, 'priority') ?? 1000;
  const description = str(data, 'description');
  const entries = [...objs(data, 'allowed').map((e) => ['allow', e] as const), ...objs(data, 'denied').map((e) => ['deny', e] as const)];
  return entries.map(([action, e]) => {
    const protocol = (str(e, 'IPProtocol') ?? 'all').toLowerCase();
    return {
      direction,
      action,
      protocol,
      ports: strs(e, 'ports').flatMap((x) => {
        const r = portRange(x);
        return r === null ? [] : [r];
      }),
      sources,
      priority,
      description,
    };
  });
}

export function firewallNode(a: CaiAsset): FirewallNode {
  const data = dataOf(a);
  const p = placement(a);
  const network = str(data, 'network');
  return {
    ...base(a, p, data),
    kind: 'network.firewall',
    attrs: {
      rules: firewallRules(data),
      isDefault: null,
      network: network === null ? null : computeUrlToName(network),
      direction: str(data, 'direction') ?? 'INGRESS',
      disabled: bool(data, 'disabled') ?? false,
      targetTags: strs(data, 'targetTags'),
      targetServiceAccounts: strs(data, 'targetServiceAccounts').map((s) => s.toLowerCase()),
      logging: bool(obj(data, 'logConfig'), 'enable') ?? false,
    },
    raw: data,
  };
}

export function forwardingRuleNode(a: CaiAsset): LoadBalancerNode {
  const data = dataOf(a);
  const p = placement(a);
  const scheme = str(data, 'loadBalancingScheme') ?? 'EXTERNAL';
  const target = str(data, 'target');
  const backend = str(data, 'backendService');
  return {
    ...base(a, p, data),
    kind: 'network.load_balancer',
    attrs: {
      scheme: scheme.startsWith('EXTERNAL') ? 'internet-facing' : 'internal',
      healthyTargets: null,
      loadBalancingScheme: scheme,
      ipAddress: str(data, 'IPAddress'),
      ipProtocol: str(data, 'IPProtocol'),
      portRange: str(data, 'portRange'),
      ports: strs(data, 'ports'),
      target: target === null ? null : computeUrlToName(target),
      backendService: backend === null ? null : computeUrlToName(backend),
      networkTier: str(data, 'networkTier'),
    },
    raw: data,
  };
}
