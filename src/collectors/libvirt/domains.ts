/**
 * `libvirt.domains`: every domain (running or not) → `compute.instance`.
 * get: `list --all --uuid`, then per domain `dumpxml --security-info` (plain `dumpxml` on a read-only
 * connection, or when the secure dump is denied), `domstate --reason` and `dominfo`.
 */
import type { GraphFragment } from '../types.js';
import { registerCollector } from '../types.js';
import type { Collector, CollectContext } from '../types.js';
import { valueOrNull, virsh } from './call.js';
import { checkedXml } from './checked-xml.js';
import type { DomainFacts } from './model.js';
import { domainNode, domainNodeId, parseDomState } from './model.js';
import type { LibvirtTarget } from './target.js';
import { parseKeyValues, parseLines, parseYesNo } from './text.js';
import { parseXml } from './xml.js';

const SERVICE = 'domains';

/** What virsh said about one domain; null where the call failed (already a coverage row). */
export interface DomainRaw {
  uuid: string;
  /** `dumpxml` output. */
  xml: string | null;
  /** Whether `xml` came from `dumpxml --security-info`. */
  passwordsVisible: boolean;
  /** `domstate --reason` output. */
  domstate: string | null;
  /** `dominfo` output. */
  dominfo: string | null;
}

export interface DomainsRaw {
  domains: DomainRaw[];
}

export const READ_ONLY_PASSWORD_GAP =
  'read-only connection: graphics passwords are only shown by dumpxml --security-info, which needs a read-write connection; remoteConsoles[].passwordSet is null (unknown)';

async function getDomain(ctx: CollectContext, target: LibvirtTarget, uuid: string): Promise<DomainRaw> {
  const resource = domainNodeId(target.host, uuid);
  const op = (operation: string) => ({ service: SERVICE, operation, resource });
  const [secure, domstate, dominfo] = await Promise.all([
    virsh(ctx, target, op('dumpxml'), target.readOnly ? ['dumpxml', uuid] : ['dumpxml', '--security-info', uuid]),
    virsh(ctx, target, op('domstate'), ['domstate', '--reason', uuid]),
    virsh(ctx, target, op('dominfo'), ['dominfo', uuid]),
  ]);
  let xml = valueOrNull(secure);
  let passwordsVisible = !target.readOnly && secure.ok;
  if (!secure.ok && secure.status === 'denied' && !target.readOnly) {
    // Allowed to read the domain but not its secrets: take the plain dump, passwords unknown.
    xml = valueOrNull(await virsh(ctx, target, op('dumpxml'), ['dumpxml', uuid]));
    passwordsVisible = false;
  }
  const dummy: DomainFacts = { state: 'unknown', stateReason: null, autostart: null, persistent: null, passwordsVisible: null };
  xml = checkedXml(ctx, op('dumpxml'), xml, (root) => domainNode(root, dummy, target.host));
  return { uuid, xml, passwordsVisible, domstate: valueOrNull(domstate), dominfo: valueOrNull(dominfo) };
}

/** Run facts from `domstate --reason` and `dominfo` (null where those calls failed). */
export function domainFacts(raw: DomainRaw): DomainFacts {
  const info = raw.dominfo === null ? undefined : parseKeyValues(raw.dominfo);
  const state = raw.domstate !== null ? parseDomState(raw.domstate) : info?.get('State') !== undefined ? parseDomState(info.get('State') ?? '') : null;
  return {
    state: state?.state ?? 'unknown',
    stateReason: raw.domstate !== null ? (state?.reason ?? null) : null,
    autostart: parseYesNo(info?.get('Autostart')),
    persistent: parseYesNo(info?.get('Persistent')),
    passwordsVisible: raw.passwordsVisible,
  };
}

export const domainsCollector: Collector<LibvirtTarget, DomainsRaw> = {
  id: 'libvirt.domains',
  provider: 'libvirt',
  service: SERVICE,
  description: 'Domains (virtual machines), running or not: size, state, autostart, disks, interfaces, VNC/SPICE consoles',
  permissions: [
    { action: 'virsh list --all --uuid (read-only socket)', why: 'enumerate every domain, running or shut off' },
    {
      action: 'virsh dumpxml --security-info (read-write socket)',
      why: 'read the domain definition including whether a VNC/SPICE password is set (only that fact is kept, never the password); with readOnly, plain dumpxml on the read-only socket and passwordSet unknown',
    },
    { action: 'virsh domstate --reason (read-only socket)', why: 'run state and its reason' },
    { action: 'virsh dominfo (read-only socket)', why: 'autostart and persistence' },
  ],

  async get(ctx, target) {
    const list = await virsh(ctx, target, { service: SERVICE, operation: 'list' }, ['list', '--all', '--uuid']);
    if (!list.ok) return { domains: [] };
    if (target.readOnly) ctx.skip({ service: SERVICE, operation: 'dumpxml --security-info' }, READ_ONLY_PASSWORD_GAP);
    const uuids = parseLines(list.value).map((u) => u.toLowerCase());
    return { domains: await Promise.all(uuids.map((uuid) => getDomain(ctx, target, uuid))) };
  },

  transform(raw, target): GraphFragment {
    const nodes = raw.domains.flatMap((d) => (d.xml === null ? [] : [domainNode(parseXml(d.xml), domainFacts(d), target.host)]));
    return { nodes, edges: [] };
  },
};

export const domains = registerCollector(domainsCollector);
