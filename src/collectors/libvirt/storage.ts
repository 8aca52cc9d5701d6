/**
 * `libvirt.storage`: storage pools → `storage.pool`, their volumes → `compute.disk`.
 * get: `pool-list --all --uuid`, then per pool `pool-dumpxml` and `pool-info`, and for active pools
 * `vol-list` and per volume `vol-dumpxml`. Inactive pools cannot list volumes: a `skipped` row says so.
 */
import type { Collector, CollectContext, GraphFragment } from '../types.js';
import { registerCollector } from '../types.js';
import { valueOrNull, virsh } from './call.js';
import { checkedXml } from './checked-xml.js';
import type { PoolFacts, VolumePoolRef } from './model.js';
import { poolNode, poolNodeId, volumeNode } from './model.js';
import type { LibvirtTarget } from './target.js';
import { parseKeyValues, parseLines, parseVolList, parseYesNo } from './text.js';
import { childText, parseXml } from './xml.js';

const SERVICE = 'storage';

export interface VolumeRaw {
  name: string;
  /** `vol-dumpxml` output. */
  xml: string | null;
}

export interface PoolRaw {
  uuid: string;
  /** `pool-dumpxml` output. */
  xml: string | null;
  /** `pool-info` output. */
  info: string | null;
  volumes: VolumeRaw[];
}

export interface StorageRaw {
  pools: PoolRaw[];
}

const UNKNOWN: PoolFacts = { active: null, autostart: null, persistent: null };

export function poolFacts(info: string | null): PoolFacts {
  if (info === null) return UNKNOWN;
  const kv = parseKeyValues(info);
  const state = kv.get('State');
  return {
    active: state === undefined ? null : state === 'running' || state === 'degraded' ? true : state === 'inactive' ? false : null,
    autostart: parseYesNo(kv.get('Autostart')),
    persistent: parseYesNo(kv.get('Persistent')),
  };
}

function poolRef(raw: PoolRaw, host: string): VolumePoolRef {
  return { id: poolNodeId(host, raw.uuid), path: raw.xml === null ? null : childText(parseXml(raw.xml), 'target', 'path') };
}

async function getPool(ctx: CollectContext, target: LibvirtTarget, uuid: string): Promise<PoolRaw> {
  const resource = poolNodeId(target.host, uuid);
  const op = (operation: string) => ({ service: SERVICE, operation, resource });
  const [xmlResult, infoResult] = await Promise.all([
    virsh(ctx, target, op('pool-dumpxml'), ['pool-dumpxml', uuid]),
    virsh(ctx, target, op('pool-info'), ['pool-info', uuid]),
  ]);
  const xml = checkedXml(ctx, op('pool-dumpxml'), valueOrNull(xmlResult), (root) => poolNode(root, UNKNOWN, target.host));
  const info = valueOrNull(infoResult);
  const pool: PoolRaw = { uuid, xml, info, volumes: [] };
  if (poolFacts(info).active === false) {
    ctx.skip(op('vol-list'), 'the pool is inactive: libvirt lists the volumes of active pools only');
    return pool;
  }
  const list = await virsh(ctx, target, op('vol-list'), ['vol-list', '--pool', uuid]);
  if (!list.ok) return pool;
  let entries: { name: string }[];
  try {
    entries = parseVolList(list.value);
  } catch (error) {
    ctx.gap(op('vol-list'), 'error', error instanceof Error ? error.message : String(error));
    return pool;
  }
  const ref = poolRef(pool, target.host);
  pool.volumes = await Promise.all(
    entries.map(async ({ name }) => {
      // The volume's id needs its key, which only the dump gives: name the pool and the volume instead.
      const volOp = { service: SERVICE, operation: 'vol-dumpxml', resource: `${resource}/volume/${encodeURIComponent(name)}` };
      const dump = await virsh(ctx, target, volOp, ['vol-dumpxml', '--pool', uuid, name]);
      return { name, xml: checkedXml(ctx, volOp, valueOrNull(dump), (root) => volumeNode(root, ref, target.host)) };
    }),
  );
  return pool;
}

export const storageCollector: Collector<LibvirtTarget, StorageRaw> = {
  id: 'libvirt.storage',
  provider: 'libvirt',
  service: SERVICE,
  description: 'Storage pools and their volumes: capacity, allocation, format and host path',
  permissions: [
    { action: 'virsh pool-list --all --uuid (read-only socket)', why: 'enumerate every storage pool, active or not' },
    { action: 'virsh pool-dumpxml (read-only socket)', why: 'pool type, target path, capacity, allocation' },
    { action: 'virsh pool-info (read-only socket)', why: 'active, autostart and persistence' },
    { action: 'virsh vol-list (read-only socket)', why: 'the volumes of each active pool' },
    { action: 'virsh vol-dumpxml (read-only socket)', why: 'volume key, path, format, capacity and allocation' },
  ],

  async get(ctx, target) {
    const list = await virsh(ctx, target, { service: SERVICE, operation: 'pool-list' }, ['pool-list', '--all', '--uuid']);
    if (!list.ok) return { pools: [] };
    const uuids = parseLines(list.value).map((u) => u.toLowerCase());
    return { pools: await Promise.all(uuids.map((uuid) => getPool(ctx, target, uuid))) };
  },

  transform(raw, target): GraphFragment {
    const nodes = raw.pools.flatMap((p) => {
      const ref = poolRef(p, target.host);
      const pool = p.xml === null ? [] : [poolNode(parseXml(p.xml), poolFacts(p.info), target.host)];
      const volumes = p.volumes.flatMap((v) => (v.xml === null ? [] : [volumeNode(parseXml(v.xml), ref, target.host)]));
      return [...pool, ...volumes];
    });
    return { nodes, edges: [] };
  },
};

export const storage = registerCollector(storageCollector);
