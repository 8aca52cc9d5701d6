/**
 * A fake Azure Resource Manager: one HTTP server on 127.0.0.1 serving an `AzureWorld` to the real
 * `@azure/arm-*` clients in ARM's JSON: list bodies `{ "value": [...], "nextLink" }` with
 * `$skiptoken` paging, the `api-version` query parameter checked per resource type (missing or
 * unsupported → ARM's 400 error bodies), a bearer token required (401 without), and injected
 * faults: 429 with `Retry-After`, 403 `AuthorizationFailed`, 5xx, truncated JSON, latency.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JsonObject } from '../../../src/graph/schema.js';
import type { AzureWorld, WorldFile } from './world.js';

export interface AzureFault {
  /**
   * throttle: the first `times` (default 1) matching calls get 429 `SubscriptionRequestsThrottled`
   * with `Retry-After: retryAfterSeconds` (default 1). deny: matching calls get 403
   * `AuthorizationFailed`. error: the first `times` (default 1) get `status` (default 500).
   * truncate: the first `times` (default: all) matching successful bodies are cut in half.
   * latency: matching calls wait `ms` more.
   */
  kind: 'throttle' | 'deny' | 'error' | 'truncate' | 'latency';
  /** Operation name, as in `callCounts` (e.g. `disks.list`); all when absent. */
  operation?: string;
  /** Subscription id; all when absent. */
  subscription?: string;
  /** Only this page of a list (1-based, from `$skiptoken`); all pages when absent. */
  page?: number;
  times?: number;
  retryAfterSeconds?: number;
  ms?: number;
  status?: number;
}

export interface FakeAzureOptions {
  world: AzureWorld;
  /** Delay added to every request. */
  latencyMs?: number;
  faults?: AzureFault[];
  /** Items per page of every list (default 100). */
  pageSize?: number;
}

export interface FakeAzure {
  endpoint: string;
  /** Requests per operation name (faulted ones included); `*` is the total. */
  callCounts: Record<string, number>;
  close(): Promise<void>;
}

interface Route {
  op: string;
  pattern: RegExp;
  /** ARM resource type, for the api-version error message. */
  type: string;
  /** ARM's own endpoints (/subscriptions, /resources) answer InvalidApiVersionParameter; providers InvalidResourceType. */
  arm?: boolean;
  versions: readonly string[];
  /** Action name for 403 messages. */
  action: string;
  list(world: AzureWorld, m: RegExpExecArray, query: URLSearchParams): JsonObject[] | JsonObject | null;
}

const SUB = '([0-9a-fA-F-]{36})';
const V = {
  subscriptions: ['2022-12-01', '2021-01-01', '2020-01-01', '2016-06-01'],
  storage: ['2025-08-01', '2025-06-01', '2025-01-01', '2024-01-01', '2023-05-01', '2023-01-01'],
  disks: ['2025-01-02', '2024-03-02', '2023-10-02', '2023-04-02'],
  vms: ['2026-03-01', '2025-04-01', '2024-11-01', '2024-07-01', '2024-03-01'],
  network: ['2025-05-01', '2025-03-01', '2025-01-01', '2024-07-01', '2024-05-01', '2024-03-01'],
  authorization: ['2022-04-01', '2020-10-01-preview', '2018-09-01-preview', '2015-07-01'],
  msi: ['2024-11-30', '2023-01-31', '2018-11-30'],
} as const;

const of = (w: AzureWorld, m: RegExpExecArray, file: WorldFile): JsonObject[] | null => {
  const r = w.resources.get((m[1] ?? '').toLowerCase());
  return r ? r[file] : null;
};
const props = (o: JsonObject): JsonObject => (typeof o['properties'] === 'object' && o['properties'] !== null && !Array.isArray(o['properties']) ? (o['properties'] as JsonObject) : {});
const findSub = (w: AzureWorld, id: string): JsonObject | undefined => w.subscriptions.find((s) => String(s['subscriptionId'] ?? '').toLowerCase() === id.toLowerCase());

const ROUTES: Route[] = [
  { op: 'subscriptions.list', pattern: /^\/subscriptions$/i, type: 'subscriptions', arm: true, versions: V.subscriptions, action: 'Microsoft.Resources/subscriptions/read', list: (w) => w.subscriptions },
  {
    op: 'subscriptions.get',
    pattern: new RegExp(`^/subscriptions/${SUB}$`, 'i'),
    type: 'subscriptions',
    arm: true,
    versions: V.subscriptions,
    action: 'Microsoft.Resources/subscriptions/read',
    list: (w, m) => findSub(w, m[1] ?? '') ?? null,
  },
  {
    op: 'storageAccounts.list',
    pattern: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.Storage/storageAccounts$`, 'i'),
    type: 'Microsoft.Storage/storageAccounts',
    versions: V.storage,
    action: 'Microsoft.Storage/storageAccounts/read',
    list: (w, m) => of(w, m, 'storage-accounts'),
  },
  {
    op: 'blobContainers.list',
    pattern: new RegExp(`^/subscriptions/${SUB}/resourceGroups/([^/]+)/providers/Microsoft\\.Storage/storageAccounts/([^/]+)/blobServices/default/containers$`, 'i'),
    type: 'Microsoft.Storage/storageAccounts/blobServices/containers',
    versions: V.storage,
    action: 'Microsoft.Storage/storageAccounts/blobServices/containers/read',
    list: (w, m) => {
      const account = `/subscriptions/${m[1]}/resourcegroups/${m[2]}/providers/microsoft.storage/storageaccounts/${m[3]}`.toLowerCase();
      if (!(of(w, m, 'storage-accounts') ?? []).some((a) => String(a['id']).toLowerCase() === account)) return null;
      return (of(w, m, 'blob-containers') ?? []).filter((c) => String(c['id']).toLowerCase().startsWith(`${account}/blobservices/default/containers/`));
    },
  },
  { op: 'disks.list', pattern: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.Compute/disks$`, 'i'), type: 'Microsoft.Compute/disks', versions: V.disks, action: 'Microsoft.Compute/disks/read', list: (w, m) => of(w, m, 'disks') },
  {
    op: 'snapshots.list',
    pattern: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.Compute/snapshots$`, 'i'),
    type: 'Microsoft.Compute/snapshots',
    versions: V.disks,
    action: 'Microsoft.Compute/snapshots/read',
    list: (w, m) => of(w, m, 'snapshots'),
  },
  {
    op: 'virtualMachines.listAll',
    pattern: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.Compute/virtualMachines$`, 'i'),
    type: 'Microsoft.Compute/virtualMachines',
    versions: V.vms,
    action: 'Microsoft.Compute/virtualMachines/read',
    list: (w, m, q) => {
      const vms = of(w, m, 'virtual-machines');
      if (vms === null) return null;
      if (q.get('statusOnly') === 'true') {
        return vms.map((vm) => ({ id: vm['id'] ?? null, name: vm['name'] ?? null, type: vm['type'] ?? null, location: vm['location'] ?? null, properties: { instanceView: props(vm)['instanceView'] ?? null } }));
      }
      return vms.map((vm) => {
        const { instanceView: _view, ...rest } = props(vm);
        return { ...vm, properties: rest };
      });
    },
  },
  ...(
    [
      ['networkInterfaces.listAll', 'networkInterfaces', 'network-interfaces'],
      ['networkSecurityGroups.listAll', 'networkSecurityGroups', 'network-security-groups'],
      ['publicIPAddresses.listAll', 'publicIPAddresses', 'public-ip-addresses'],
    ] as const
  ).map(
    ([op, type, file]): Route => ({
      op,
      pattern: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.Network/${type}$`, 'i'),
      type: `Microsoft.Network/${type}`,
      versions: V.network,
      action: `Microsoft.Network/${type}/read`,
      list: (w, m) => of(w, m, file),
    }),
  ),
  {
    op: 'roleAssignments.listForSubscription',
    pattern: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.Authorization/roleAssignments$`, 'i'),
    type: 'Microsoft.Authorization/roleAssignments',
    versions: V.authorization,
    action: 'Microsoft.Authorization/roleAssignments/read',
    list: (w, m) => of(w, m, 'role-assignments'),
  },
  {
    op: 'roleDefinitions.list',
    pattern: new RegExp(`^/+subscriptions/${SUB}/providers/Microsoft\\.Authorization/roleDefinitions$`, 'i'),
    type: 'Microsoft.Authorization/roleDefinitions',
    versions: V.authorization,
    action: 'Microsoft.Authorization/roleDefinitions/read',
    list: (w, m) => of(w, m, 'role-definitions'),
  },
  {
    op: 'userAssignedIdentities.listBySubscription',
    pattern: new RegExp(`^/subscriptions/${SUB}/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities$`, 'i'),
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    versions: V.msi,
    action: 'Microsoft.ManagedIdentity/userAssignedIdentities/read',
    list: (w, m) => of(w, m, 'user-assigned-identities'),
  },
];

const FAKE_CLIENT_OBJECT_ID = '00000000-0000-0000-0000-00000000c1d0';

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, truncate = false): void {
  let text = JSON.stringify(body);
  if (truncate) text = text.slice(0, Math.floor(text.length / 2));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': '00000000-0000-0000-0000-000000000000', ...headers });
  res.end(text);
}

const armError = (code: string, message: string) => ({ error: { code, message } });

export async function startFakeAzure(options: FakeAzureOptions): Promise<FakeAzure> {
  const { world } = options;
  const pageSize = options.pageSize ?? 100;
  const faults = (options.faults ?? []).map((f) => ({ ...f, used: 0 }));
  const callCounts: Record<string, number> = { '*': 0 };
  let endpoint = '';

  const matching = (kind: AzureFault['kind'], op: string, sub: string | null, page: number) =>
    faults.filter(
      (f) =>
        f.kind === kind &&
        (f.operation === undefined || f.operation === op) &&
        (f.subscription === undefined || (sub !== null && f.subscription.toLowerCase() === sub.toLowerCase())) &&
        (f.page === undefined || f.page === page),
    );
  const take = (fs: (AzureFault & { used: number })[], defaultTimes: number | null): boolean => {
    const f = fs.find((x) => {
      const times = x.times ?? defaultTimes;
      return times === null || x.used < times;
    });
    if (f) f.used++;
    return f !== undefined;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const route = ROUTES.find((r) => r.pattern.test(path));
    const m = route?.pattern.exec(path) ?? null;
    const op = route?.op ?? 'unknown';
    const statusOnly = route?.op === 'virtualMachines.listAll' && url.searchParams.get('statusOnly') === 'true';
    const countKey = statusOnly ? 'virtualMachines.listAll(statusOnly)' : op;
    callCounts[countKey] = (callCounts[countKey] ?? 0) + 1;
    callCounts['*'] = (callCounts['*'] ?? 0) + 1;
    const sub = m?.[1]?.toLowerCase() ?? null;
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0') || 0;
    const page = Math.floor(skip / pageSize) + 1;

    const delay = (options.latencyMs ?? 0) + matching('latency', countKey, sub, page).reduce((n, f) => n + (f.ms ?? 0), 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));

    const auth = req.headers.authorization ?? '';
    if (!/^Bearer \S+/.test(auth)) {
      send(res, 401, armError('AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing."), {
        'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
      });
      return;
    }
    if (req.method !== 'GET') {
      send(res, 405, armError('MethodNotAllowed', `The fake serves GET only, not ${req.method}.`));
      return;
    }
    if (route === undefined || m === null) {
      send(res, 404, armError('InvalidResourceType', `The fake has no route for '${path}'.`));
      return;
    }
    const apiVersion = url.searchParams.get('api-version');
    if (apiVersion === null) {
      send(res, 400, armError('MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.'));
      return;
    }
    if (!route.versions.includes(apiVersion)) {
      const supported = route.versions.join(', ');
      if (route.arm) send(res, 400, armError('InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are '${supported}'.`));
      else {
        const [ns, ...rest] = route.type.split('/');
        send(res, 400, armError('InvalidResourceType', `The resource type '${rest.join('/')}' could not be found in the namespace '${ns}' for api version '${apiVersion}'. The supported api-versions are '${supported}'.`));
      }
      return;
    }
    if (take(matching('throttle', countKey, sub, page), 1)) {
      const f = matching('throttle', countKey, sub, page)[0];
      const seconds = f?.retryAfterSeconds ?? 1;
      send(
        res,
        429,
        armError('SubscriptionRequestsThrottled', `Number of 'read' requests for subscription '${sub ?? ''}' actually exceeded the limit of '12000' for time interval '01:00:00'. Please try again after '${seconds}' seconds.`),
        { 'retry-after': String(seconds), 'x-ms-ratelimit-remaining-subscription-reads': '0' },
      );
      return;
    }
    if (matching('deny', countKey, sub, page).length > 0) {
      const scope = sub ? `/subscriptions/${sub}` : '/';
      send(
        res,
        403,
        armError(
          'AuthorizationFailed',
          `The client '${FAKE_CLIENT_OBJECT_ID}' with object id '${FAKE_CLIENT_OBJECT_ID}' does not have authorization to perform action '${route.action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
        ),
      );
      return;
    }
    const errorFaults = matching('error', countKey, sub, page);
    if (take(errorFaults, 1)) {
      send(res, errorFaults[0]?.status ?? 500, armError('InternalServerError', 'Encountered internal server error. Diagnostic information: timestamp 20261120T000000Z.'));
      return;
    }

    const result = route.list(world, m, url.searchParams);
    if (result === null) {
      const what = route.op === 'subscriptions.get' ? 'SubscriptionNotFound' : route.op === 'blobContainers.list' ? 'ResourceNotFound' : 'SubscriptionNotFound';
      send(res, 404, armError(what, `The subscription or resource for '${path}' could not be found.`));
      return;
    }
    const truncate = take(matching('truncate', countKey, sub, page), null);
    if (!Array.isArray(result)) {
      send(res, 200, result, {}, truncate);
      return;
    }
    const body: JsonObject = { value: result.slice(skip, skip + pageSize) };
    if (skip + pageSize < result.length) {
      const next = new URL(`${endpoint}${url.pathname}`);
      for (const [k, v] of url.searchParams) if (k !== '$skiptoken') next.searchParams.set(k, v);
      next.searchParams.set('$skiptoken', String(skip + pageSize));
      body['nextLink'] = next.toString();
    }
    send(res, 200, body, {}, truncate);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, armError('FakeServerError', error instanceof Error ? error.message : String(error)));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    callCounts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** A static token credential for tests and the demo (a fake token; the fake only checks its presence). */
export const fakeTokenCredential = {
  getToken: () => Promise.resolve({ token: 'fake-arm-token-not-a-secret', expiresOnTimestamp: Date.now() + 3_600_000 }),
};
