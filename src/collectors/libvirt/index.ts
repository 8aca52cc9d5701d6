/**
 * The libvirt provider (local IaaS): one target per connection URI, collectors for the host,
 * domains, networks and storage, a pure link step for the joins between them, and an offline
 * importer for `virsh *-dumpxml` files and test-driver `node.xml` files.
 *
 * Ids (stable, unique on the host, independent of the scanning machine and of file paths):
 * `libvirt://HOST`, `libvirt://HOST/domain/UUID`, `libvirt://HOST/network/UUID`,
 * `libvirt://HOST/pool/UUID`, `libvirt://HOST/volume/<url-encoded volume key>`.
 *
 * Design: each collector maps its own objects (`model.ts`); the joins that need several collectors'
 * objects (a volume's `attachedTo`, a domain's `diskIds`, an interface's `networkId`, and every edge)
 * are done once in `link.ts`, which returns the completed nodes. The importer runs the same model
 * and the same link.
 */
import type { GraphFragment, ProviderModule } from '../types.js';
import { domains } from './domains.js';
import { host } from './host.js';
import { importLibvirtXml } from './import.js';
import { linkLibvirt } from './link.js';
import { networks } from './networks.js';
import { resolveLibvirtTargets } from './resolve.js';
import { storage } from './storage.js';
import type { LibvirtConnectionOptions, LibvirtOptions, LibvirtTarget } from './target.js';
import { classifyVirshError } from './virsh.js';

export type { LibvirtConnectionOptions, LibvirtOptions, LibvirtTarget };
export { importLibvirtXml };

export const libvirtProvider: ProviderModule<LibvirtOptions, LibvirtTarget> = {
  provider: 'libvirt',
  description: 'libvirt hosts (KVM/QEMU and others) through virsh: domains, networks, storage pools and volumes',
  resolveTargets: resolveLibvirtTargets,
  classifyError: classifyVirshError,
  collectors: [domains, host, networks, storage],
  link: (fragment: GraphFragment, target: LibvirtTarget): GraphFragment => linkLibvirt(fragment, target.host),
};
