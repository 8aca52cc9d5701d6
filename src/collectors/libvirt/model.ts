/**
 * The pure mapping from libvirt objects (parsed XML plus the run facts virsh reports beside it) to
 * graph nodes. Used by the live collectors and by the offline importer alike, so both give the same
 * graph for the same host. Joins across objects (a volume's `attachedTo`, a domain's `diskIds`, an
 * interface's `networkId`) are left empty here and filled by `link.ts`.
 *
 * Passwords: graphics `passwd` attributes are read only to decide `passwordSet`; the value is never
 * copied anywhere.
 */
import type {
  AccountNode,
  DiskNode,
  InstanceInterface,
  InstanceNode,
  InstanceState,
  RemoteConsole,
  StoragePoolNode,
  VirtualNetworkAttrs,
  VirtualNetworkNode,
} from '../../graph/schema.js';
import { bytesToGiB, bytesToMiB, toBytes } from './units.js';
import type { XmlElement } from './xml.js';
import { attr, child, childAt, children, childText } from './xml.js';

/** The namespace of the test driver's extensions in a `<node>` file (`<test:runstate>`). */
export const TEST_DRIVER_NS = 'http://libvirt.org/schemas/domain/test/1.0';

// ---------------------------------------------------------------------------------------------
// Ids: stable, unique on the host, independent of the scanning machine
// ---------------------------------------------------------------------------------------------

export const hostNodeId = (host: string): string => `libvirt://${host}`;
export const domainNodeId = (host: string, uuid: string): string => `libvirt://${host}/domain/${uuid.toLowerCase()}`;
export const networkNodeId = (host: string, uuid: string): string => `libvirt://${host}/network/${uuid.toLowerCase()}`;
export const poolNodeId = (host: string, uuid: string): string => `libvirt://${host}/pool/${uuid.toLowerCase()}`;
/** Volumes have no UUID; their key is libvirt's unique, stable identifier on the host. */
export const volumeNodeId = (host: string, key: string): string => `libvirt://${host}/volume/${encodeURIComponent(key)}`;

const base = (host: string) => ({ provider: 'libvirt' as const, account: host, region: 'global', tags: {} });

/** Throws when a libvirt object lacks a field its id is built from: a collector bug or a broken file. */
export class LibvirtXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibvirtXmlError';
  }
}

function required(value: string | null, what: string): string {
  if (value === null) throw new LibvirtXmlError(`${what} is missing`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Host
// ---------------------------------------------------------------------------------------------

/** What `nodeinfo` and `version` say about the host (or a test-driver node's `<cpu>`/`<memory>`). */
export interface HostFacts {
  cpus: number | null;
  cpuModel: string | null;
  cpuMHz: number | null;
  cpuSockets: number | null;
  coresPerSocket: number | null;
  threadsPerCore: number | null;
  numaCells: number | null;
  memoryMiB: number | null;
  /** `Running hypervisor` of `virsh version`, e.g. `QEMU 7.2.0`. */
  hypervisor: string | null;
}

export const UNKNOWN_HOST_FACTS: HostFacts = {
  cpus: null,
  cpuModel: null,
  cpuMHz: null,
  cpuSockets: null,
  coresPerSocket: null,
  threadsPerCore: null,
  numaCells: null,
  memoryMiB: null,
  hypervisor: null,
};

export function hostNode(host: string, facts: HostFacts): AccountNode {
  return {
    id: hostNodeId(host),
    ...base(host),
    kind: 'account',
    nativeType: 'libvirt:host',
    name: host,
    attrs: { displayName: host, parent: null, ...facts },
  };
}

// ---------------------------------------------------------------------------------------------
// Domains
// ---------------------------------------------------------------------------------------------

/** Facts about a domain that its XML does not carry (null when unknown). */
export interface DomainFacts {
  state: InstanceState;
  /** The reason virsh gives with the state (`booted`, `shutdown`, `unknown`), when asked. */
  stateReason: string | null;
  autostart: boolean | null;
  persistent: boolean | null;
  /**
   * Whether the XML was dumped with `--security-info` (graphics passwords present when set):
   * true → a missing `passwd` means no password; false/null → a missing `passwd` means unknown.
   */
  passwordsVisible: boolean | null;
}

/** One disk of a domain as it appears in its XML, kept beside the typed attrs for the joins and for policies. */
export type DomainDisk = {
  target: string | null;
  device: string;
  bus: string | null;
  sourceType: string;
  /** Host path of a `file` or `block` disk. */
  path: string | null;
  /** Pool and volume names of a `type='volume'` disk. */
  pool: string | null;
  volume: string | null;
  format: string | null;
  readOnly: boolean;
};

/** `virsh domstate` words → the schema's state. */
const VIRSH_STATES: Record<string, InstanceState> = {
  'no state': 'unknown',
  running: 'running',
  idle: 'running',
  blocked: 'running',
  paused: 'paused',
  'in shutdown': 'stopping',
  'shut off': 'stopped',
  crashed: 'crashed',
  pmsuspended: 'suspended',
};

/** Parses `virsh domstate --reason` (`shut off (shutdown)`) or a bare state word. */
export function parseDomState(out: string): { state: InstanceState; reason: string | null } {
  const m = /^\s*([a-z ]+?)\s*(?:\(([^)]*)\))?\s*$/.exec(out.trim().split('\n')[0] ?? '');
  const state = m ? VIRSH_STATES[m[1] ?? ''] : undefined;
  return { state: state ?? 'unknown', reason: m?.[2] ?? null };
}

/** The test driver's `virDomainState` numbers (`<test:runstate>`). */
const RUNSTATES: Record<string, InstanceState> = {
  '0': 'unknown',
  '1': 'running',
  '2': 'running',
  '3': 'paused',
  '4': 'stopping',
  '5': 'stopped',
  '6': 'crashed',
  '7': 'suspended',
};

export function testDriverRunState(runstate: string): InstanceState {
  return RUNSTATES[runstate.trim()] ?? 'unknown';
}

export function domainUuid(dom: XmlElement): string | null {
  return childText(dom, 'uuid')?.toLowerCase() ?? null;
}

export function domainDisks(dom: XmlElement): DomainDisk[] {
  return children(child(dom, 'devices'), 'disk').map((d) => {
    const source = child(d, 'source');
    const sourceType = attr(d, 'type') ?? 'file';
    return {
      target: attr(child(d, 'target'), 'dev'),
      device: attr(d, 'device') ?? 'disk',
      bus: attr(child(d, 'target'), 'bus'),
      sourceType,
      path: attr(source, 'file') ?? attr(source, 'dev') ?? (sourceType === 'dir' ? attr(source, 'dir') : null),
      pool: attr(source, 'pool'),
      volume: attr(source, 'volume'),
      format: attr(child(d, 'driver'), 'type'),
      readOnly: child(d, 'readonly') !== undefined,
    };
  });
}

export function interfaceSource(iface: XmlElement): string {
  const type = attr(iface, 'type') ?? 'unknown';
  const source = child(iface, 'source');
  const name =
    type === 'network' ? attr(source, 'network') : type === 'bridge' ? attr(source, 'bridge') : type === 'direct' ? attr(source, 'dev') : null;
  return name === null ? type : `${type}:${name}`;
}

function interfaces(dom: XmlElement): InstanceInterface[] {
  return children(child(dom, 'devices'), 'interface').map((i) => ({
    mac: attr(child(i, 'mac'), 'address')?.toLowerCase() ?? null,
    networkId: null,
    source: interfaceSource(i),
    privateIps: [],
    publicIps: [],
  }));
}

const CONSOLE_PROTOCOLS: Record<string, RemoteConsole['protocol']> = { vnc: 'vnc', spice: 'spice', rdp: 'rdp' };

function remoteConsoles(dom: XmlElement, passwordsVisible: boolean | null): RemoteConsole[] {
  const out: RemoteConsole[] = [];
  for (const g of children(child(dom, 'devices'), 'graphics')) {
    const protocol = CONSOLE_PROTOCOLS[attr(g, 'type') ?? ''];
    if (protocol === undefined) continue; // sdl, egl-headless, dbus: local displays, not network listeners
    const listenEl = children(g, 'listen').find((l) => ['address', 'network'].includes(attr(l, 'type') ?? ''));
    const listen = attr(g, 'listen') ?? attr(listenEl, 'address');
    const portNumber = Number(attr(g, 'port') ?? 'NaN');
    const port = Number.isInteger(portNumber) && portNumber > 0 ? portNumber : null;
    // As libvirt parses it: port -1 is the legacy spelling of autoport, and VNC without a port autoports.
    const autoport = attr(g, 'autoport') === 'yes' || portNumber === -1 || (protocol === 'vnc' && attr(g, 'port') === null);
    const passwd = attr(g, 'passwd');
    const passwordSet = passwd !== null && passwd !== '' ? true : passwordsVisible === true ? false : null;
    out.push({ protocol, listen: listen === '' ? null : listen, port, autoport, passwordSet });
  }
  return out;
}

function domainVcpus(dom: XmlElement): number | null {
  const vcpu = child(dom, 'vcpu');
  const n = Number(attr(vcpu, 'current') ?? vcpu?.text.trim() ?? 'NaN');
  return Number.isFinite(n) && n > 0 ? n : null;
}

export function domainNode(dom: XmlElement, facts: DomainFacts, host: string): InstanceNode {
  const name = required(childText(dom, 'name'), 'a domain <name>');
  const uuid = required(domainUuid(dom), `the <uuid> of domain '${name}'`);
  const memory = child(dom, 'memory');
  return {
    id: domainNodeId(host, uuid),
    ...base(host),
    kind: 'compute.instance',
    nativeType: 'libvirt:domain',
    name,
    attrs: {
      state: facts.state,
      stateSince: null,
      instanceType: null,
      vcpus: domainVcpus(dom),
      memoryMiB: bytesToMiB(toBytes(memory?.text.trim() ?? null, attr(memory, 'unit'), 'KiB')),
      lifecycle: null,
      autostart: facts.autostart,
      publicIps: [],
      privateIps: [],
      interfaces: interfaces(dom),
      remoteConsoles: remoteConsoles(dom, facts.passwordsVisible),
      diskIds: [],
      uuid,
      title: childText(dom, 'title'),
      hypervisorType: attr(dom, 'type'),
      persistent: facts.persistent,
      stateReason: facts.stateReason,
      disks: domainDisks(dom),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Networks
// ---------------------------------------------------------------------------------------------

export interface NetworkFacts {
  active: boolean | null;
  autostart: boolean | null;
  persistent: boolean | null;
}

function netmaskPrefix(netmask: string | null): number | null {
  if (netmask === null) return null;
  const parts = netmask.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  const bits = parts.map((p) => p.toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits) ? bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') : null;
}

function networkIps(net: XmlElement): VirtualNetworkAttrs['ips'] {
  return children(net, 'ip').flatMap((ip) => {
    const address = attr(ip, 'address');
    if (address === null) return [];
    const family = attr(ip, 'family') === 'ipv6' || address.includes(':') ? 'ipv6' : 'ipv4';
    const prefixAttr = attr(ip, 'prefix');
    const prefix = prefixAttr !== null ? Number(prefixAttr) : netmaskPrefix(attr(ip, 'netmask'));
    const dhcpRanges = children(child(ip, 'dhcp'), 'range').flatMap((r) => {
      const start = attr(r, 'start');
      const end = attr(r, 'end');
      return start !== null && end !== null ? [{ start, end }] : [];
    });
    return [{ address, prefix: Number.isFinite(prefix) ? prefix : null, family, dhcpRanges }];
  });
}

export function networkNode(net: XmlElement, facts: NetworkFacts, host: string): VirtualNetworkNode {
  const name = required(childText(net, 'name'), 'a network <name>');
  const uuid = required(childText(net, 'uuid'), `the <uuid> of network '${name}'`);
  const forward = child(net, 'forward');
  return {
    id: networkNodeId(host, uuid),
    ...base(host),
    kind: 'network.virtual_network',
    nativeType: 'libvirt:network',
    name,
    attrs: {
      // libvirt's default forward mode, when <forward> has none, is nat; no <forward> at all is isolated.
      forwardMode: forward === undefined ? 'isolated' : (attr(forward, 'mode') ?? 'nat'),
      bridge: attr(child(net, 'bridge'), 'name'),
      active: facts.active,
      autostart: facts.autostart,
      ips: networkIps(net),
      uuid: uuid.toLowerCase(),
      persistent: facts.persistent,
      forwardDev: attr(forward, 'dev'),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Storage pools and volumes
// ---------------------------------------------------------------------------------------------

export interface PoolFacts {
  active: boolean | null;
  autostart: boolean | null;
  persistent: boolean | null;
}

function scaled(el: XmlElement | undefined): number | null {
  return bytesToGiB(toBytes(el?.text.trim() ?? null, attr(el, 'unit'), 'bytes'));
}

export function poolNode(pool: XmlElement, facts: PoolFacts, host: string): StoragePoolNode {
  const name = required(childText(pool, 'name'), 'a pool <name>');
  const uuid = required(childText(pool, 'uuid'), `the <uuid> of pool '${name}'`);
  return {
    id: poolNodeId(host, uuid),
    ...base(host),
    kind: 'storage.pool',
    nativeType: 'libvirt:pool',
    name,
    attrs: {
      poolType: attr(pool, 'type') ?? 'unknown',
      active: facts.active,
      autostart: facts.autostart,
      capacityGiB: scaled(child(pool, 'capacity')),
      allocationGiB: scaled(child(pool, 'allocation')),
      availableGiB: scaled(child(pool, 'available')),
      path: childText(pool, 'target', 'path'),
      uuid: uuid.toLowerCase(),
      persistent: facts.persistent,
    },
  };
}

/** The pool a volume belongs to, as far as the volume's node needs it. */
export interface VolumePoolRef {
  /** Node id of the pool, or null when unknown (a lone vol-dumpxml file). */
  id: string | null;
  /** The pool's target path, for volumes that do not state their own (test-driver `<node>` files). */
  path: string | null;
}

export function volumeNode(vol: XmlElement, pool: VolumePoolRef, host: string): DiskNode {
  const name = required(childText(vol, 'name'), 'a volume <name>');
  // vol-dumpxml always states key and path; a test-driver <node> file may leave them to the driver,
  // which uses POOLPATH/NAME for both. The same defaults apply here.
  const path = childText(vol, 'target', 'path') ?? (pool.path === null ? null : `${pool.path.replace(/\/+$/, '')}/${name}`);
  const key = required(childText(vol, 'key') ?? path, `the <key> of volume '${name}'`);
  const format = attr(childAt(vol, 'target', 'format'), 'type');
  const encryption = childAt(vol, 'target', 'encryption');
  return {
    id: volumeNodeId(host, key),
    ...base(host),
    kind: 'compute.disk',
    nativeType: 'libvirt:volume',
    name,
    attrs: {
      sizeGiB: scaled(child(vol, 'capacity')),
      diskType: format,
      attachedTo: [],
      encrypted: encryption !== undefined || format === 'luks',
      allocationGiB: scaled(child(vol, 'allocation')),
      path,
      key,
      poolId: pool.id,
      volumeType: attr(vol, 'type'),
      backingStore: childText(vol, 'backingStore', 'path'),
    },
  };
}
