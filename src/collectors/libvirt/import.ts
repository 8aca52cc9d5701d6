/**
 * Offline importer: a folder of `virsh dumpxml` / `net-dumpxml` / `pool-dumpxml` / `vol-dumpxml`
 * files (each recognised by its root element), or a test-driver `node.xml` that embeds the same
 * elements, through the same model and link as the live collectors.
 *
 * What XML alone cannot say:
 * - autostart (domains, networks, pools), network and pool `active`, and `persistent` of networks
 *   and pools are null; a domain's `persistent` is null too, except in a test-driver node file
 *   (its domains are persistent unless marked `<test:transient/>`);
 * - `stateReason` is null, and the domain state is inferred: in a test-driver node file from
 *   `<test:runstate>` (a domain without one is running, as in the driver); in a dumpxml file
 *   `running` when the `<domain>` element has an `id` attribute (libvirt gives ids to active domains
 *   only), else `stopped`, so a paused or crashed domain in a plain dump reads as running;
 * - whether a graphics password is set is known when the file shows passwords (a node file, or a dump
 *   made with `--security-info`, recognised by any `passwd` attribute in it); otherwise null;
 * - host facts (CPUs, memory) only come from a node file's `<cpu>`/`<memory>`; the hypervisor
 *   version never does;
 * - a lone `vol-dumpxml` file does not name its pool: it is placed in the pool whose target path is
 *   the volume's directory, if one was imported.
 *
 * Each call imports and links one path on its own: dumps of one host split over several paths are
 * not joined with each other (put them in one folder).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { GraphNode } from '../../graph/schema.js';
import { InputError } from '../../util/errors.js';
import type { GraphFragment } from '../types.js';
import { linkLibvirt } from './link.js';
import type { DomainFacts, HostFacts, VolumePoolRef } from './model.js';
import { TEST_DRIVER_NS, UNKNOWN_HOST_FACTS, hostNode, networkNode, poolNode, testDriverRunState, volumeNode, domainNode } from './model.js';
import { checkHostName } from './uri.js';
import type { XmlElement } from './xml.js';
import { attr, child, children, childText, parseXml } from './xml.js';

const UNKNOWN_RUN = { active: null, autostart: null, persistent: null };

interface Collected {
  nodes: GraphNode[];
  /** Lone volume files, placed once every pool is known. */
  looseVolumes: { file: string; el: XmlElement }[];
}

function hasPasswords(el: XmlElement): boolean {
  return children(child(el, 'devices'), 'graphics').some((g) => attr(g, 'passwd') !== null);
}

function testChild(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name && c.ns === TEST_DRIVER_NS);
}

function nodeFileHostFacts(node: XmlElement): HostFacts {
  const cpu = child(node, 'cpu');
  const n = (name: string): number | null => {
    const v = Number(childText(cpu, name) ?? 'NaN');
    return Number.isFinite(v) ? v : null;
  };
  const [nodes, sockets, cores, threads] = [n('nodes'), n('sockets'), n('cores'), n('threads')];
  const product = nodes !== null && sockets !== null && cores !== null && threads !== null ? nodes * sockets * cores * threads : null;
  const kib = Number(childText(node, 'memory') ?? 'NaN');
  return {
    ...UNKNOWN_HOST_FACTS,
    cpus: n('active') ?? product,
    cpuModel: childText(cpu, 'model'),
    cpuMHz: n('mhz'),
    cpuSockets: sockets,
    coresPerSocket: cores,
    threadsPerCore: threads,
    numaCells: nodes,
    memoryMiB: Number.isFinite(kib) ? kib / 1024 : null,
  };
}

function importElement(el: XmlElement, file: string, host: string, inNodeFile: boolean, out: Collected): void {
  switch (el.name) {
    case 'domain': {
      const runstate = testChild(el, 'runstate');
      const facts: DomainFacts = {
        state: inNodeFile ? (runstate ? testDriverRunState(runstate.text) : 'running') : attr(el, 'id') !== null ? 'running' : 'stopped',
        stateReason: null,
        autostart: null,
        persistent: inNodeFile ? testChild(el, 'transient') === undefined : null,
        passwordsVisible: inNodeFile || hasPasswords(el) ? true : null,
      };
      out.nodes.push(domainNode(el, facts, host));
      return;
    }
    case 'network':
      out.nodes.push(networkNode(el, UNKNOWN_RUN, host));
      return;
    case 'pool': {
      const pool = poolNode(el, UNKNOWN_RUN, host);
      out.nodes.push(pool);
      const ref: VolumePoolRef = { id: pool.id, path: pool.attrs.path };
      for (const vol of children(el, 'volume')) out.nodes.push(volumeNode(vol, ref, host));
      return;
    }
    case 'volume':
      out.looseVolumes.push({ file, el });
      return;
    default:
      throw new InputError(`${file}: <${el.name}> is not a libvirt domain, network, pool or volume${inNodeFile ? '' : ' or a test-driver <node>'}`);
  }
}

/**
 * A test-driver node file may keep an object in its own file: `<domain file='web.xml'/>`, relative
 * to the node file (also for networks, pools and the volumes inside a pool).
 */
async function inlineFileRefs(el: XmlElement, baseDir: string): Promise<XmlElement> {
  const file = attr(el, 'file');
  const own = file === null ? el : parseXml(await readFile(isAbsolute(file) ? file : join(baseDir, file), 'utf8'));
  if (own.name !== el.name) throw new InputError(`${file ?? el.name}: expected a <${el.name}> element, found <${own.name}>`);
  if (own.name !== 'pool') return own;
  const inner = await Promise.all(own.children.map((c) => (c.name === 'volume' && c.ns === null ? inlineFileRefs(c, baseDir) : c)));
  return { ...own, children: inner };
}

async function xmlFilesOf(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError(`libvirt import: '${path}' does not exist; expected a folder of virsh dumpxml files or a test-driver node.xml`);
  }
  if (!info.isDirectory()) return [path];
  const files = (await readdir(path)).filter((f) => f.endsWith('.xml')).sort().map((f) => join(path, f));
  if (files.length === 0) throw new InputError(`libvirt import: no .xml files in '${path}'`);
  return files;
}

/** Imports libvirt XML files into a graph fragment for host `options.host`. */
export async function importLibvirtXml(path: string, options: { host: string }): Promise<GraphFragment> {
  const host = checkHostName(options.host, 'the import --host');
  const out: Collected = { nodes: [], looseVolumes: [] };
  for (const file of await xmlFilesOf(path)) {
    try {
      const root = parseXml(await readFile(file, 'utf8'));
      if (root.name === 'node') {
        out.nodes.push(hostNode(host, nodeFileHostFacts(root)));
        for (const el of root.children.filter((c) => c.ns === null && ['domain', 'network', 'pool'].includes(c.name))) {
          importElement(await inlineFileRefs(el, dirname(file)), file, host, true, out);
        }
      } else {
        importElement(root, file, host, false, out);
      }
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`libvirt import: ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  const pools = out.nodes.flatMap((n) => (n.kind === 'storage.pool' ? [n] : []));
  for (const { file, el } of out.looseVolumes) {
    const volPath = childText(el, 'target', 'path');
    const pool = volPath === null ? undefined : pools.find((p) => p.attrs.path !== null && p.attrs.path.replace(/\/+$/, '') === dirname(volPath));
    try {
      out.nodes.push(volumeNode(el, { id: pool?.id ?? null, path: pool?.attrs.path ?? null }, host));
    } catch (error) {
      throw new InputError(`libvirt import: ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  const byId = new Map<string, GraphNode>();
  for (const n of out.nodes) {
    const seen = byId.get(n.id);
    if (seen !== undefined && JSON.stringify(seen) !== JSON.stringify(n)) throw new InputError(`libvirt import: two different objects have the id '${n.id}' (the same object dumped twice with different content?)`);
    byId.set(n.id, n);
  }
  const merged: GraphFragment = { nodes: [...byId.values()], edges: [] };
  const linked = linkLibvirt(merged, host);
  const replaced = new Set(linked.nodes.map((n) => n.id));
  return { nodes: [...merged.nodes.filter((n) => !replaced.has(n.id)), ...linked.nodes], edges: linked.edges };
}
