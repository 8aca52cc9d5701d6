/** Turns the configured connections into targets: URI checks, virsh presence, host names. */
import { hostname as localHostname } from 'node:os';
import { InputError } from '../../util/errors.js';
import type { ResolveContext } from '../types.js';
import type { LibvirtOptions, LibvirtTarget } from './target.js';
import { checkHostName, parseLibvirtUri } from './uri.js';
import { VirshError, execText, runVirsh } from './virsh.js';

const HOSTNAME_TIMEOUT_MS = 15_000;

/** Fails with an `InputError` when virsh cannot be run at all. */
async function checkVirsh(virshPath: string, signal: AbortSignal): Promise<void> {
  try {
    await execText(virshPath, ['--version'], signal);
  } catch (error) {
    if (error instanceof VirshError && (error.code === 'ENOENT' || error.code === 'EACCES')) {
      throw new InputError(
        `cannot run virsh ('${virshPath}': ${error.code === 'ENOENT' ? 'not found' : 'not executable'}): install libvirt-clients (Debian/Ubuntu) or libvirt-client (Fedora/RHEL), or set virshPath`,
        { cause: error },
      );
    }
    throw error;
  }
}

async function hostNameOf(uri: string, virshPath: string, readOnly: boolean, ctx: ResolveContext): Promise<string> {
  try {
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(HOSTNAME_TIMEOUT_MS)]);
    const name = (await runVirsh({ virshPath, uri, readOnly }, ['hostname'], signal)).trim();
    if (name !== '') return name;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    // Unreachable: the collectors will record why. A URI without a host is a local connection.
    ctx.debug(`libvirt: virsh hostname failed for ${uri} (${error instanceof Error ? error.message : String(error)}); using the local host name`);
  }
  return localHostname();
}

export async function resolveLibvirtTargets(options: LibvirtOptions, ctx: ResolveContext): Promise<LibvirtTarget[]> {
  const connections = options.connections;
  if (!Array.isArray(connections) || connections.length === 0) {
    throw new InputError("libvirt: no connection configured: give at least one URI (--libvirt-uri), e.g. 'qemu:///system' or 'qemu+ssh://user@kvm01/system'");
  }
  for (const c of connections) {
    if (typeof c !== 'object' || c === null || typeof c.uri !== 'string') {
      throw new InputError(`libvirt: each connection needs a 'uri' string, e.g. { uri: 'qemu:///system' }; got ${JSON.stringify(c)}`);
    }
  }
  const parsed = connections.map((c) => ({ c, uri: parseLibvirtUri(c.uri) }));
  const virshPath = options.virshPath ?? 'virsh';
  await checkVirsh(virshPath, ctx.signal);
  const targets: LibvirtTarget[] = [];
  for (const { c, uri } of parsed) {
    const readOnly = c.readOnly === true;
    const host =
      c.name !== undefined ? checkHostName(c.name, `the name of ${c.uri}`)
      : uri.host !== null ? checkHostName(uri.host, `the host of ${c.uri}`)
      : checkHostName(await hostNameOf(c.uri.trim(), virshPath, readOnly, ctx), `virsh hostname on ${c.uri}`);
    const clash = targets.find((t) => t.host === host);
    if (clash) throw new InputError(`libvirt: '${clash.uri}' and '${c.uri}' both resolve to host '${host}': give them distinct names so their ids do not collide`);
    targets.push({ provider: 'libvirt', account: host, region: 'global', uri: c.uri.trim(), host, readOnly, virshPath });
  }
  return targets;
}
