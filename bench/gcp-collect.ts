/**
 * GCP collection benchmark: a generated organization of N assets (default 50,000) in `gcloud asset
 * export` shape, served by the fake Asset API (in this process) with latency per call, collected
 * through the real `AssetServiceClient` and `collectSnapshot`. Prints calls, wall time and peak RSS
 * (which includes the fake and its world).
 *
 *   npm run bench:gcp
 *   npm run bench:gcp -- --assets 10000 --latency 50 --concurrency 8
 */
import { parseArgs } from 'node:util';
import { collectSnapshot, providerRun } from '../src/collectors/collect.js';
import { gcpProvider } from '../src/collectors/gcp/index.js';
import { startFakeGcp } from '../test/fake-clouds/gcp/server.js';

const { values } = parseArgs({
  options: {
    assets: { type: 'string', default: '50000' },
    latency: { type: 'string', default: '25' },
    concurrency: { type: 'string', default: '8' },
    projects: { type: 'string', default: '10' },
  },
});
const total = Number(values.assets);
const latencyMs = Number(values.latency);
const projects = Number(values.projects);
if (!Number.isInteger(total) || total < 100) throw new Error(`--assets: expected a whole number of at least 100, got ${values.assets}`);

const ORG = 'organizations/900000000001';
const C = 'https://www.googleapis.com/compute/v1/projects';
const ZONES = ['us-central1-a', 'us-central1-b', 'europe-west1-b', 'asia-east1-a'];

/** Export records: per project one Project (+ IAM policy); the rest cycles through the other supported types. */
function* world(): Generator<Record<string, unknown>> {
  let n = 0;
  const ancestors = (p: number) => [`projects/${800000000000 + p}`, ORG];
  const parent = (p: number) => `//cloudresourcemanager.googleapis.com/projects/${800000000000 + p}`;
  const rec = (p: number, name: string, type: string, data: Record<string, unknown>) => {
    n++;
    return { name, asset_type: type, resource: { version: 'v1', discovery_name: type.split('/')[1], parent: parent(p), data }, ancestors: ancestors(p), update_time: '2026-11-19T00:00:00Z' };
  };
  for (let p = 0; p < projects; p++) {
    yield rec(p, parent(p), 'cloudresourcemanager.googleapis.com/Project', { projectId: `bench-${p}`, projectNumber: String(800000000000 + p), name: `Bench ${p}`, lifecycleState: 'ACTIVE', parent: { type: 'organization', id: '900000000001' } });
    n++;
    yield { name: parent(p), asset_type: 'cloudresourcemanager.googleapis.com/Project', iam_policy: { bindings: [{ role: 'roles/owner', members: [`user:owner${p}@bench.example`] }, { role: 'roles/editor', members: [`serviceAccount:sa-0@bench-${p}.iam.gserviceaccount.com`] }] }, ancestors: ancestors(p) };
  }
  for (let i = 0; n < total; i++) {
    const p = i % projects;
    const P = `bench-${p}`;
    const zone = ZONES[i % ZONES.length] ?? 'us-central1-a';
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
        yield rec(p, `//compute.googleapis.com/projects/${P}/zones/${zone}/instances/vm-${i}`, 'compute.googleapis.com/Instance', {
          name: `vm-${i}`, status: i % 7 === 0 ? 'TERMINATED' : 'RUNNING', machineType: `${C}/${P}/zones/${zone}/machineTypes/e2-standard-${2 ** (i % 4)}`,
          creationTimestamp: '2025-01-01T00:00:00.000-08:00', lastStartTimestamp: '2026-10-01T00:00:00.000-07:00', labels: { app: `app-${i % 50}` },
          networkInterfaces: [{ network: `${C}/${P}/global/networks/default`, networkIP: `10.0.${(i >> 8) & 255}.${i & 255}`, ...(i % 5 === 0 ? { accessConfigs: [{ natIP: `34.1.${(i >> 8) & 255}.${i & 255}` }] } : {}) }],
          disks: [{ source: `${C}/${P}/zones/${zone}/disks/vm-${i}`, boot: true }],
          serviceAccounts: [{ email: `sa-${i % 20}@${P}.iam.gserviceaccount.com`, scopes: ['https://www.googleapis.com/auth/cloud-platform'] }],
          tags: { items: [i % 2 === 0 ? 'web' : 'db'] }, scheduling: { provisioningModel: i % 9 === 0 ? 'SPOT' : 'STANDARD' },
        });
        break;
      case 3:
      case 4:
      case 5:
        yield rec(p, `//compute.googleapis.com/projects/${P}/zones/${zone}/disks/vm-${i - 3}`, 'compute.googleapis.com/Disk', {
          name: `vm-${i - 3}`, sizeGb: '50', type: `${C}/${P}/zones/${zone}/diskTypes/pd-balanced`, creationTimestamp: '2025-01-01T00:00:00.000-08:00',
          ...(i % 4 === 0 ? {} : { users: [`${C}/${P}/zones/${zone}/instances/vm-${i - 3}`] }),
        });
        break;
      case 6:
        yield rec(p, `//compute.googleapis.com/projects/${P}/global/snapshots/snap-${i}`, 'compute.googleapis.com/Snapshot', { name: `snap-${i}`, diskSizeGb: '50', storageBytes: '1073741824', sourceDisk: `${C}/${P}/zones/${zone}/disks/vm-${i - 6}`, creationTimestamp: '2026-01-01T00:00:00Z' });
        break;
      case 7:
        yield rec(p, `//compute.googleapis.com/projects/${P}/global/firewalls/fw-${i}`, 'compute.googleapis.com/Firewall', { name: `fw-${i}`, network: `${C}/${P}/global/networks/default`, direction: 'INGRESS', priority: 1000, sourceRanges: [i % 3 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'], allowed: [{ IPProtocol: 'tcp', ports: [String(1000 + (i % 1000))] }], targetTags: [`tag-${i}`] });
        break;
      case 8: {
        const b = `bench-bucket-${i}`;
        yield rec(p, `//storage.googleapis.com/${b}`, 'storage.googleapis.com/Bucket', { name: b, projectNumber: String(800000000000 + p), location: 'US', timeCreated: '2025-01-01T00:00:00Z', iamConfiguration: { uniformBucketLevelAccess: { enabled: true }, publicAccessPrevention: 'inherited' } });
        if (n < total) {
          n++;
          yield { name: `//storage.googleapis.com/${b}`, asset_type: 'storage.googleapis.com/Bucket', iam_policy: { bindings: [{ role: 'roles/storage.objectViewer', members: [i % 11 === 0 ? 'allUsers' : `group:readers@bench.example`] }] }, ancestors: ancestors(p) };
        }
        break;
      }
      default: {
        const uid = String(110000000000000000000n + BigInt(i));
        const sa = `//iam.googleapis.com/projects/${P}/serviceAccounts/${uid}`;
        yield rec(p, sa, 'iam.googleapis.com/ServiceAccount', { email: `sa-${i}@${P}.iam.gserviceaccount.com`, projectId: P, uniqueId: uid });
      }
    }
  }
}

const records = [...world()].slice(0, total);
const fake = await startFakeGcp({ world: records, latencyMs });
try {
  const t0 = performance.now();
  const { snapshot, stats } = await collectSnapshot([providerRun(gcpProvider, { scopes: [ORG], apiEndpoint: '127.0.0.1', port: fake.port, insecure: true, orgDomains: ['bench.example'] })], {
    concurrency: Number(values.concurrency),
    maxAttempts: 4,
    callTimeoutMs: 120_000,
    retryBaseDelayMs: 100,
    retryMaxDelayMs: 2000,
  });
  const wallS = (performance.now() - t0) / 1000;
  const gaps = snapshot.coverage.filter((r) => r.status !== 'ok').length;
  console.log(
    JSON.stringify(
      {
        assets: records.length,
        latencyMsPerCall: latencyMs,
        concurrency: Number(values.concurrency),
        calls: stats.total,
        serverCalls: fake.callCounts.total,
        nodes: snapshot.nodes.length,
        edges: snapshot.edges.length,
        coverageGaps: gaps,
        wallSeconds: Math.round(wallS * 100) / 100,
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      null,
      2,
    ),
  );
} finally {
  await fake.close();
}
