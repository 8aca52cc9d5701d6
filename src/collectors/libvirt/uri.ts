/**
 * libvirt connection URIs: `driver[+transport]://[user@][host][:port]/path[?params]`.
 * See https://libvirt.org/uri.html. Validation is deliberately strict so a typo fails before the scan
 * with a message that says what was expected, rather than as a vague connection error later.
 */
import { InputError } from '../../util/errors.js';

export interface ParsedLibvirtUri {
  driver: string;
  transport: string | null;
  user: string | null;
  /** Remote host, or null for a local connection. */
  host: string | null;
  port: number | null;
  path: string;
}

const DRIVERS = ['bhyve', 'ch', 'esx', 'gsx', 'hyperv', 'lxc', 'openvz', 'qemu', 'test', 'vbox', 'vmwarefusion', 'vmwareplayer', 'vmwarews', 'vpx', 'vz', 'xen'];
const TRANSPORTS = ['ext', 'libssh', 'libssh2', 'ssh', 'tcp', 'tls', 'unix'];
const EXAMPLES = "e.g. 'qemu:///system', 'qemu+ssh://user@kvm01/system' or 'test:///abs/path/node.xml'";

const URI = /^([a-z][a-z0-9]*)(?:\+([a-z0-9]+))?:\/\/([^/?#]*)(\/[^?#]*)?(?:\?[^#]*)?$/;
const AUTHORITY = /^(?:([^@\s]+)@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]*)(?::([0-9]{1,5}))?$/;

/** Parses and checks a libvirt URI; throws `InputError` naming what was given and what is expected. */
export function parseLibvirtUri(uri: string): ParsedLibvirtUri {
  const bad = (why: string): InputError => new InputError(`invalid libvirt URI '${uri}': ${why}; expected driver[+transport]://[user@][host][:port]/path, ${EXAMPLES}`);
  const m = URI.exec(uri.trim());
  if (!m) throw bad('not of the form driver[+transport]://…/path');
  const [, driver = '', transport, authority = '', path = ''] = m;
  if (!DRIVERS.includes(driver)) throw bad(`unknown driver '${driver}' (known: ${DRIVERS.join(', ')})`);
  if (transport !== undefined && !TRANSPORTS.includes(transport)) throw bad(`unknown transport '${transport}' (known: ${TRANSPORTS.join(', ')})`);
  const a = AUTHORITY.exec(authority);
  if (!a) throw bad(`malformed host part '${authority}'`);
  const [, user, rawHost = '', rawPort] = a;
  const host = rawHost.replace(/^\[|\]$/g, '') || null;
  const port = rawPort === undefined ? null : Number(rawPort);
  if (port !== null && (port < 1 || port > 65535)) throw bad(`port ${port} is out of range`);
  // esx://host/, hyperv://host/ and lxc:/// need no path; qemu and test do.
  if ((driver === 'qemu' || driver === 'test') && (path === '' || path === '/')) {
    throw bad(driver === 'qemu' ? 'the path is missing (qemu wants /system or /session)' : "the path is missing (test wants /default or the node file's absolute path)");
  }
  if (transport !== undefined && transport !== 'unix' && transport !== 'ext' && host === null) throw bad(`transport '${transport}' needs a host`);
  if (driver === 'test') {
    if (host !== null || transport !== undefined) throw bad("the test driver is local: use 'test:///default' or 'test:///abs/path/node.xml'");
  }
  if (driver === 'qemu' && !['/system', '/session', '/embed'].includes(path)) throw bad(`qemu's path must be /system, /session or /embed, not '${path}'`);
  return { driver, transport: transport ?? null, user: user ?? null, host, port, path };
}

/** A host name usable in node ids: letters, digits, dots, dashes and underscores. */
export function checkHostName(name: string, from: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) && !/^[0-9A-Fa-f:]+$/.test(name)) {
    throw new InputError(`invalid libvirt host name '${name}' (from ${from}): use letters, digits, '.', '-' and '_', e.g. 'kvm01' or 'kvm01.example.org'`);
  }
  return name;
}
