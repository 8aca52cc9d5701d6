/**
 * The demo world that ships in `fixtures/worlds/demo/`, so `cloudwarden scan --demo` runs on a
 * fresh machine with no credentials.
 *
 * - AWS, GCP and Azure come from the providers' own export formats (AWS CLI JSON, `gcloud asset
 *   export` NDJSON, ARM/`az` JSON) through the offline importers: the same files the tests' fake
 *   endpoints serve to the real SDK clients.
 * - The libvirt host is collected live through real `virsh` and its test driver when virsh is
 *   installed, else imported from the same XML.
 *
 * Everything is evaluated as of the world's date, so the demo's findings (key ages, stopped-since
 * durations) do not drift as the calendar moves.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { collectSnapshot, providerRun } from '../collectors/collect.js';
import { importAwsCliJson } from '../collectors/aws/index.js';
import { importAzureJson } from '../collectors/azure/index.js';
import { importGcpAssets } from '../collectors/gcp/index.js';
import { importLibvirtXml } from '../collectors/libvirt/index.js';
import { PROVIDER_MODULES } from '../collectors/registry.js';
import type { CollectRunOptions } from '../collectors/collect.js';
import type { GraphFragment } from '../collectors/types.js';
import { assembleSnapshot } from '../graph/assemble.js';
import type { CoverageRow, Snapshot } from '../graph/schema.js';
import { TOOL_INFO } from '../version.js';

export const DEMO_WORLD_DIR = fileURLToPath(new URL('../../fixtures/worlds/demo/', import.meta.url));
export const DEMO_LIBVIRT_NODE_XML = `${DEMO_WORLD_DIR}libvirt/node.xml`;
export const DEMO_LIBVIRT_HOST = 'kvm-demo-01';
/** The date the demo world describes (its `world.json` / SEEDED.md say so). */
export const DEMO_WORLD_DATE = new Date('2026-11-20T12:00:00Z');
/** The demo organization's own domains, to tell external members apart. */
export const DEMO_GCP_ORG_DOMAINS = ['democorp.example'];
export const DEMO_AZURE_TENANT_DOMAINS = ['contoso.example'];

export function virshAvailable(virsh = 'virsh'): boolean {
  const r = spawnSync(virsh, ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

/** The demo's cloud accounts, imported from the export files. */
export async function importDemoClouds(): Promise<GraphFragment[]> {
  return [
    await importAwsCliJson(`${DEMO_WORLD_DIR}aws`, { now: DEMO_WORLD_DATE }),
    await importGcpAssets([`${DEMO_WORLD_DIR}gcp`], { orgDomains: DEMO_GCP_ORG_DOMAINS }),
    await importAzureJson(`${DEMO_WORLD_DIR}azure`, { tenantDomains: DEMO_AZURE_TENANT_DOMAINS }),
  ];
}

export interface DemoCollection {
  snapshot: Snapshot;
  calls: Record<string, number>;
  /** How the libvirt host was read. */
  libvirtMode: 'virsh' | 'import';
}

/** Collects the whole demo world into one snapshot. */
export async function collectDemoWorld(options: CollectRunOptions): Promise<DemoCollection> {
  const startedAt = new Date().toISOString();
  const fragments: GraphFragment[] = [];
  let coverage: CoverageRow[] = [];
  let calls: Record<string, number> = {};
  let libvirtMode: 'virsh' | 'import';
  if (virshAvailable()) {
    libvirtMode = 'virsh';
    const outcome = await collectSnapshot(
      [providerRun(PROVIDER_MODULES.libvirt, { connections: [{ uri: `test://${DEMO_LIBVIRT_NODE_XML}`, name: DEMO_LIBVIRT_HOST }] })],
      options,
    );
    if (outcome.unreachable.length > 0) {
      const reasons = outcome.snapshot.coverage.filter((r) => r.status !== 'ok').map((r) => r.message);
      throw new Error(`the demo libvirt host could not be read through virsh: ${[...new Set(reasons)].join('; ')}`);
    }
    fragments.push({ nodes: outcome.snapshot.nodes, edges: outcome.snapshot.edges });
    coverage = outcome.snapshot.coverage;
    calls = outcome.stats.toJSON();
  } else {
    libvirtMode = 'import';
    fragments.push(await importLibvirtXml(DEMO_LIBVIRT_NODE_XML, { host: DEMO_LIBVIRT_HOST }));
  }
  fragments.push(...(await importDemoClouds()));
  const accounts = new Set<string>();
  const regions = new Set<string>();
  const providers = new Set<Snapshot['scope']['providers'][number]>();
  for (const f of fragments)
    for (const n of f.nodes) {
      accounts.add(n.account);
      providers.add(n.provider);
      if (n.region !== 'global') regions.add(n.region);
    }
  const snapshot = assembleSnapshot({
    tool: TOOL_INFO,
    startedAt,
    finishedAt: new Date().toISOString(),
    scope: { providers: [...providers].sort(), accounts: [...accounts].sort(), regions: [...regions].sort() },
    fragments,
    coverage,
  });
  return { snapshot, calls, libvirtMode };
}
