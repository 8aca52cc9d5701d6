/**
 * Managed disks, snapshots and virtual machines → `compute.disk`, `compute.snapshot`,
 * `compute.instance`. The joins with other services (public IP addresses, NSGs, identities) are
 * completed in `link.ts`; here a VM keeps the ids it refers to as extras.
 */
import type { DiskNode, InstanceNode, InstanceState, SnapshotNode } from '../../graph/schema.js';
import type { ArmObject } from './arm.js';
import { field, num, obj, objs, props, refId, str, timeOf } from './arm.js';
import { normId, normRef } from './ids.js';
import { baseOf } from './node-base.js';

export const DISK_TYPE = 'Microsoft.Compute/disks';
export const SNAPSHOT_TYPE = 'Microsoft.Compute/snapshots';
export const VM_TYPE = 'Microsoft.Compute/virtualMachines';
export const NIC_TYPE = 'Microsoft.Network/networkInterfaces';

const sizeOf = (p: ArmObject): number | null => num(field(p, 'diskSizeGB', 'diskSizeGb'));
/** Azure encrypts every managed disk and snapshot at rest; `encryption.type` says with whose key. */
const encryptedOf = (p: ArmObject): boolean | null => (str(obj(p['encryption'])['type']) !== null ? true : null);

export function diskNode(d: ArmObject, subscriptionId: string): DiskNode {
  const p = props(d);
  const managedBy = normRef(d['managedBy']);
  const extended = (Array.isArray(d['managedByExtended']) ? d['managedByExtended'] : []).flatMap((v) => (typeof v === 'string' ? [normId(v)] : []));
  const diskState = str(p['diskState']);
  const attachedTo = diskState === 'Unattached' ? [] : [...new Set([...(managedBy ? [managedBy] : []), ...extended])].sort();
  return {
    ...baseOf(d, subscriptionId, DISK_TYPE),
    createdAt: timeOf(p['timeCreated']),
    kind: 'compute.disk',
    attrs: {
      sizeGiB: sizeOf(p),
      diskType: str(obj(d['sku'])['name']),
      attachedTo,
      encrypted: encryptedOf(p),
      iops: num(field(p, 'diskIOPSReadWrite', 'diskIopsReadWrite')),
      throughputMiBps: num(p['diskMBpsReadWrite']),
      diskState,
      managedBy,
      encryptionType: str(obj(p['encryption'])['type']),
      networkAccessPolicy: str(p['networkAccessPolicy']),
      publicNetworkAccess: str(p['publicNetworkAccess']),
    },
  };
}

export function snapshotNode(s: ArmObject, subscriptionId: string): SnapshotNode {
  const p = props(s);
  const creation = obj(p['creationData']);
  return {
    ...baseOf(s, subscriptionId, SNAPSHOT_TYPE),
    createdAt: timeOf(p['timeCreated']),
    kind: 'compute.snapshot',
    attrs: {
      sizeGiB: sizeOf(p),
      sourceDiskId: normRef(creation['sourceResourceId']),
      encrypted: encryptedOf(p),
      incremental: typeof p['incremental'] === 'boolean' ? p['incremental'] : null,
      createOption: str(creation['createOption']),
      skuName: str(obj(s['sku'])['name']),
    },
  };
}

/** `PowerState/<x>` from an instance view, or `VM <x>` from `az vm list -d`. */
export function powerStateOf(vm: ArmObject, status: ArmObject | undefined): { power: string | null; since: string | null } {
  const view = obj(props(status ?? vm)['instanceView']);
  const statuses = objs(view['statuses']);
  const code = statuses.map((s) => str(s['code']) ?? '').find((c) => c.startsWith('PowerState/'));
  const provisioned = statuses.find((s) => (str(s['code']) ?? '').startsWith('ProvisioningState/'));
  if (code !== undefined) return { power: code.slice('PowerState/'.length).toLowerCase(), since: timeOf(provisioned?.['time']) };
  const cli = str(vm['powerState']) ?? str(props(vm)['powerState']);
  return { power: cli ? cli.replace(/^VM\s+/i, '').toLowerCase() : null, since: null };
}

export function instanceStateOf(power: string | null): InstanceState {
  switch (power) {
    case 'running':
      return 'running';
    case 'starting':
      return 'pending';
    case 'stopping':
    case 'deallocating':
      return 'stopping';
    case 'stopped':
    case 'deallocated':
      return 'stopped';
    default:
      return 'unknown';
  }
}

/** One NIC of a VM, as the link step needs it. */
export interface NicFacts {
  id: string;
  privateIps: string[];
  publicIpIds: string[];
  subnetIds: string[];
  securityGroupId: string | null;
  mac: string | null;
}

export function nicFacts(nic: ArmObject): NicFacts {
  const p = props(nic);
  const configs = objs(p['ipConfigurations']).map(props);
  return {
    id: normId(str(nic['id']) ?? ''),
    privateIps: configs.flatMap((c) => (str(c['privateIPAddress']) ? [str(c['privateIPAddress']) as string] : [])),
    publicIpIds: configs.flatMap((c) => (normRef(refId(c['publicIPAddress'])) ? [normRef(refId(c['publicIPAddress'])) as string] : [])),
    subnetIds: configs.flatMap((c) => (normRef(refId(c['subnet'])) ? [normRef(refId(c['subnet'])) as string] : [])),
    securityGroupId: normRef(refId(p['networkSecurityGroup'])),
    mac: str(p['macAddress']),
  };
}

/** `az vm list -d` prints addresses as one comma-separated string. */
const cliList = (v: unknown): string[] => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter((x) => x !== '') : []);

/**
 * A VM. `status` is the same VM from the status-only list (its instance view); `nics` are the
 * subscription's network interfaces by id.
 */
export function vmNode(vm: ArmObject, status: ArmObject | undefined, nics: ReadonlyMap<string, NicFacts>, subscriptionId: string): InstanceNode {
  const p = props(vm);
  const { power, since } = powerStateOf(vm, status);
  const storage = obj(p['storageProfile']);
  const diskIds = [refId(obj(obj(storage['osDisk'])['managedDisk'])), ...objs(storage['dataDisks']).map((d) => refId(obj(d['managedDisk'])))]
    .map(normRef)
    .filter((id): id is string => id !== null);
  const nicIds = objs(obj(p['networkProfile'])['networkInterfaces']).map((n) => normRef(n['id'])).filter((id): id is string => id !== null);
  const myNics = nicIds.map((id) => nics.get(id)).filter((n): n is NicFacts => n !== undefined);
  const identity = obj(vm['identity']);
  const priority = str(p['priority']);
  const scaleSet = normRef(refId(p['virtualMachineScaleSet']));
  return {
    ...baseOf(vm, subscriptionId, VM_TYPE),
    createdAt: timeOf(p['timeCreated']),
    kind: 'compute.instance',
    attrs: {
      state: instanceStateOf(power),
      stateSince: since,
      instanceType: str(obj(p['hardwareProfile'])['vmSize']),
      vcpus: null,
      memoryMiB: null,
      lifecycle: priority === 'Spot' || priority === 'Low' ? 'spot' : 'on-demand',
      replaceable: scaleSet !== null,
      // Completed from the public IP nodes in link.ts; `az vm list -d` prints the addresses instead.
      publicIps: myNics.length > 0 ? [] : cliList(p['publicIps']),
      privateIps: myNics.length > 0 ? [...new Set(myNics.flatMap((n) => n.privateIps))] : cliList(p['privateIps']),
      interfaces: myNics.map((n) => ({ mac: n.mac, networkId: n.subnetIds[0] ?? null, source: `nic:${n.id}`, privateIps: n.privateIps, publicIps: [] })),
      diskIds,
      powerState: power,
      priority: priority ?? 'Regular',
      evictionPolicy: str(p['evictionPolicy']),
      scaleSetId: scaleSet,
      osType: str(obj(storage['osDisk'])['osType']),
      networkInterfaceIds: nicIds,
      publicIpIds: [...new Set(myNics.flatMap((n) => n.publicIpIds))],
      subnetIds: [...new Set(myNics.flatMap((n) => n.subnetIds))],
      nicSecurityGroupIds: [...new Set(myNics.flatMap((n) => (n.securityGroupId ? [n.securityGroupId] : [])))],
      identityType: str(identity['type']),
      userAssignedIdentityIds: Object.keys(obj(identity['userAssignedIdentities'])).map(normId).sort(),
      systemAssignedPrincipalId: str(identity['principalId']),
    },
  };
}
