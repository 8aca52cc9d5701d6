/**
 * A fake Cloud Asset API: a real gRPC server built from the protos shipped in `@google-cloud/asset`
 * (`build/protos`, with google-gax's for the common `google/api` imports), serving ListAssets over a
 * fixture world of `gcloud asset export` records. Plain text on 127.0.0.1 only.
 *
 * Honoured: `parent` (organization/folder by ancestors, project by id or number), `asset_types`
 * (exact, or an RE2-like full-match pattern), `content_type` (RESOURCE, IAM_POLICY; unspecified gives
 * names only), `page_size` (default 100, 1..1000, else INVALID_ARGUMENT) and `page_token` (opaque,
 * bound to the request; a foreign token is INVALID_ARGUMENT).
 *
 * Faults: PERMISSION_DENIED for chosen scopes / asset types / content types; RESOURCE_EXHAUSTED or
 * UNAVAILABLE for the first N calls; latency per call. `callCounts` counts calls and error replies.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import { grpc } from 'google-gax';
import type { JsonObject, JsonValue } from '../../../src/graph/schema.js';
import { structToProto } from '../../../src/collectors/gcp/asset.js';

export interface DeniedRule {
  scope?: string;
  assetType?: string;
  contentType?: 'RESOURCE' | 'IAM_POLICY';
}

export interface FakeGcpFaults {
  /** Calls matching any rule (all given fields equal) get PERMISSION_DENIED. */
  denied?: DeniedRule[];
  /** The first N ListAssets calls get RESOURCE_EXHAUSTED. */
  exhaustedFirst?: number;
  /** The first N ListAssets calls (after the exhausted ones) get UNAVAILABLE. */
  unavailableFirst?: number;
}

export interface FakeGcpOptions {
  /** A world folder or file(s) of export NDJSON, or the records themselves. */
  world: string | string[] | unknown[];
  latencyMs?: number;
  faults?: FakeGcpFaults;
}

export interface ListAssetsLogEntry {
  parent: string;
  assetTypes: string[];
  contentType: string;
  pageSize: number;
  pageToken: string;
  status: string;
}

export interface FakeGcpCallCounts {
  total: number;
  /** Error replies by gRPC status name. */
  errors: Record<string, number>;
  listAssets: ListAssetsLogEntry[];
}

export interface FakeGcp {
  port: number;
  callCounts: FakeGcpCallCounts;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

function protoDirs(): string[] {
  const assetBuild = join(dirname(require.resolve('@google-cloud/asset')), '..');
  const gaxBuild = join(dirname(require.resolve('google-gax')), '..');
  return [join(assetBuild, 'protos'), join(gaxBuild, 'protos')];
}

interface ServiceDefinitionHolder {
  google: { cloud: { asset: { v1: { AssetService: { service: grpc.ServiceDefinition } } } } };
}

let cachedService: grpc.ServiceDefinition | undefined;
function assetService(): grpc.ServiceDefinition {
  if (cachedService) return cachedService;
  const def = protoLoader.loadSync('google/cloud/asset/v1/asset_service.proto', {
    includeDirs: protoDirs(),
    keepCase: false,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  cachedService = (grpc.loadPackageDefinition(def) as unknown as ServiceDefinitionHolder).google.cloud.asset.v1.AssetService.service;
  return cachedService;
}

// ---------------------------------------------------------------------------------------------
// World
// ---------------------------------------------------------------------------------------------

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const pick = (o: Record<string, unknown>, camel: string): unknown => (camel in o ? o[camel] : o[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]);

async function loadRecords(world: FakeGcpOptions['world']): Promise<unknown[]> {
  if (Array.isArray(world) && world.some((w) => typeof w !== 'string')) return world;
  const paths = typeof world === 'string' ? [world] : (world as string[]);
  const records: unknown[] = [];
  for (const p of paths) {
    const files = (await stat(p)).isDirectory() ? (await readdir(p)).filter((n) => n.endsWith('.ndjson')).sort().map((n) => join(p, n)) : [p];
    for (const f of files) {
      for (const line of (await readFile(f, 'utf8')).split('\n')) if (line.trim() !== '') records.push(JSON.parse(line));
    }
  }
  return records;
}

function timestamp(v: unknown): { seconds: string; nanos: number } | undefined {
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}

/** An export record as an Asset message for proto-loader (lenient: a broken record is served as broken). */
function toMessage(r: Record<string, unknown>, contentType: string): Record<string, unknown> {
  const m: Record<string, unknown> = {
    name: typeof r['name'] === 'string' ? r['name'] : '',
    assetType: pick(r, 'assetType') ?? '',
    ancestors: Array.isArray(r['ancestors']) ? r['ancestors'] : [],
  };
  const updateTime = timestamp(pick(r, 'updateTime'));
  if (updateTime) m['updateTime'] = updateTime;
  const res = r['resource'];
  if (contentType === 'RESOURCE' && isObj(res)) {
    m['resource'] = {
      version: res['version'] ?? '',
      discoveryDocumentUri: pick(res, 'discoveryDocumentUri') ?? '',
      discoveryName: pick(res, 'discoveryName') ?? '',
      parent: res['parent'] ?? '',
      location: res['location'] ?? '',
      ...(isObj(res['data']) ? { data: structToProto(res['data'] as JsonObject) } : {}),
    };
  }
  const pol = pick(r, 'iamPolicy');
  if (contentType === 'IAM_POLICY' && isObj(pol)) {
    m['iamPolicy'] = {
      version: typeof pol['version'] === 'number' ? pol['version'] : 1,
      bindings: (Array.isArray(pol['bindings']) ? pol['bindings'] : []).filter(isObj).map((b) => ({
        role: b['role'],
        members: b['members'],
        ...(isObj(b['condition']) ? { condition: b['condition'] } : {}),
      })),
      etag: Buffer.from(typeof pol['etag'] === 'string' ? pol['etag'] : '', 'base64'),
    };
  }
  return m;
}

interface WorldRecord {
  record: Record<string, unknown>;
  assetType: string;
  ancestors: ReadonlySet<string>;
  hasResource: boolean;
  hasPolicy: boolean;
}

interface World {
  records: WorldRecord[];
  /** project id → project number, from Project records. */
  projectNumbers: Map<string, string>;
}

function indexWorld(records: unknown[]): World {
  const projectNumbers = new Map<string, string>();
  for (const r of records) {
    if (!isObj(r) || pick(r, 'assetType') !== 'cloudresourcemanager.googleapis.com/Project') continue;
    const data = isObj(r['resource']) && isObj((r['resource'] as Record<string, unknown>)['data']) ? ((r['resource'] as Record<string, unknown>)['data'] as Record<string, JsonValue>) : null;
    if (data && typeof data['projectId'] === 'string' && typeof data['projectNumber'] === 'string') projectNumbers.set(data['projectId'], data['projectNumber']);
  }
  const indexed = records.filter(isObj).map((record) => ({
    record,
    assetType: String(pick(record, 'assetType') ?? ''),
    ancestors: new Set(Array.isArray(record['ancestors']) ? (record['ancestors'] as unknown[]).map(String) : []),
    hasResource: isObj(record['resource']),
    hasPolicy: isObj(pick(record, 'iamPolicy')),
  }));
  return { records: indexed, projectNumbers };
}

/** The ancestor a record must have to be under `parent` (a project id is looked up as its number). */
function scopeAncestor(w: World, parent: string): string {
  if (!parent.startsWith('projects/')) return parent;
  const id = parent.slice('projects/'.length);
  return `projects/${w.projectNumbers.get(id) ?? id}`;
}

function typeMatcher(types: string[]): (t: string) => boolean {
  if (types.length === 0) return () => true;
  const patterns = types.map((t) => (/[.*+?^${}()|[\]\\]/.test(t.replace(/\./g, '')) ? new RegExp(`^(?:${t})$`) : t));
  return (t) => patterns.some((p) => (typeof p === 'string' ? p === t : p.test(t)));
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

interface ListAssetsRequest {
  parent?: string;
  assetTypes?: string[];
  contentType?: string;
  pageSize?: number;
  pageToken?: string;
}

class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
  }
}

const requestKey = (parent: string, types: string[], contentType: string): string =>
  createHash('sha256').update(JSON.stringify([parent, types, contentType])).digest('hex').slice(0, 16);

export async function startFakeGcp(options: FakeGcpOptions): Promise<FakeGcp> {
  const world = indexWorld(await loadRecords(options.world));
  const faults = options.faults ?? {};
  const callCounts: FakeGcpCallCounts = { total: 0, errors: {}, listAssets: [] };
  // The records of each listing, computed at its first page (the world never changes).
  const listings = new Map<string, WorldRecord[]>();

  function listAssets(req: ListAssetsRequest): Record<string, unknown> {
    const n = callCounts.total;
    const parent = req.parent ?? '';
    const types = req.assetTypes ?? [];
    const contentType = req.contentType ?? 'CONTENT_TYPE_UNSPECIFIED';
    if (n <= (faults.exhaustedFirst ?? 0)) throw new RpcError(grpc.status.RESOURCE_EXHAUSTED, 'Quota exceeded for quota metric \'List assets requests\' (fake)');
    if (n <= (faults.exhaustedFirst ?? 0) + (faults.unavailableFirst ?? 0)) throw new RpcError(grpc.status.UNAVAILABLE, 'The service is currently unavailable (fake)');
    if (!/^(organizations|folders|projects)\/[^/]+$/.test(parent)) throw new RpcError(grpc.status.INVALID_ARGUMENT, `invalid parent '${parent}'`);
    for (const rule of faults.denied ?? []) {
      const hit =
        (rule.scope === undefined || rule.scope === parent) &&
        (rule.assetType === undefined || types.includes(rule.assetType)) &&
        (rule.contentType === undefined || rule.contentType === contentType);
      if (hit) throw new RpcError(grpc.status.PERMISSION_DENIED, `The caller does not have permission (fake: ${parent} ${types.join(',')} ${contentType})`);
    }
    const pageSize = req.pageSize ?? 0;
    if (pageSize < 0 || pageSize > 1000) throw new RpcError(grpc.status.INVALID_ARGUMENT, `page_size must be in [1, 1000], got ${pageSize}`);
    const size = pageSize === 0 ? 100 : pageSize;
    const key = requestKey(parent, types, contentType);
    let offset = 0;
    if (req.pageToken) {
      try {
        const t = JSON.parse(Buffer.from(req.pageToken, 'base64url').toString('utf8')) as { o: number; k: string };
        if (t.k !== key || !Number.isInteger(t.o)) throw new Error('foreign');
        offset = t.o;
      } catch {
        throw new RpcError(grpc.status.INVALID_ARGUMENT, 'invalid page_token');
      }
    }
    let matching = listings.get(key);
    if (!matching) {
      const matchType = typeMatcher(types);
      const ancestor = scopeAncestor(world, parent);
      matching = world.records.filter(
        (r) =>
          r.ancestors.has(ancestor) &&
          matchType(r.assetType) &&
          (contentType === 'RESOURCE' ? r.hasResource : contentType === 'IAM_POLICY' ? r.hasPolicy : true),
      );
      listings.set(key, matching);
    }
    const page = matching.slice(offset, offset + size).map((r) => toMessage(r.record, contentType));
    const next = offset + size < matching.length ? Buffer.from(JSON.stringify({ o: offset + size, k: key })).toString('base64url') : '';
    return { assets: page, nextPageToken: next, readTime: timestamp(new Date().toISOString()) };
  }

  const server = new grpc.Server();
  server.addService(assetService(), {
    ListAssets(call: grpc.ServerUnaryCall<ListAssetsRequest, unknown>, callback: grpc.sendUnaryData<unknown>) {
      callCounts.total++;
      const req = call.request;
      const entry: ListAssetsLogEntry = {
        parent: req.parent ?? '',
        assetTypes: req.assetTypes ?? [],
        contentType: req.contentType ?? 'CONTENT_TYPE_UNSPECIFIED',
        pageSize: req.pageSize ?? 0,
        pageToken: req.pageToken ?? '',
        status: 'OK',
      };
      callCounts.listAssets.push(entry);
      const reply = () => {
        try {
          callback(null, listAssets(req));
        } catch (e) {
          const code = e instanceof RpcError ? e.code : grpc.status.INTERNAL;
          const name = grpc.status[code] ?? String(code);
          entry.status = name;
          callCounts.errors[name] = (callCounts.errors[name] ?? 0) + 1;
          callback({ code, details: e instanceof Error ? e.message : String(e) });
        }
      };
      if (options.latencyMs) setTimeout(reply, options.latencyMs);
      else reply();
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    port,
    callCounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => server.forceShutdown(), 2000).unref();
      }),
  };
}
