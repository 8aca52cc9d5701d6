/**
 * The demo world that ships in `fixtures/worlds/demo/`, so `cloudwarden scan --demo` runs on a
 * fresh machine with no credentials. Its libvirt host is collected through real `virsh` and the
 * test driver when virsh is installed, else imported from the same XML by the offline importer.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { providerRun, type ProviderRun } from '../collectors/collect.js';
import { PROVIDER_MODULES } from '../collectors/registry.js';

export const DEMO_WORLD_DIR = fileURLToPath(new URL('../../fixtures/worlds/demo/', import.meta.url));
export const DEMO_LIBVIRT_NODE_XML = `${DEMO_WORLD_DIR}libvirt/node.xml`;
export const DEMO_LIBVIRT_HOST = 'kvm-demo-01';

export function virshAvailable(virsh = 'virsh'): boolean {
  const r = spawnSync(virsh, ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

/** The demo's provider runs through live collectors (virsh test driver). */
export function demoProviderRuns(): ProviderRun[] {
  return [
    providerRun(PROVIDER_MODULES.libvirt, {
      connections: [{ uri: `test://${DEMO_LIBVIRT_NODE_XML}`, name: DEMO_LIBVIRT_HOST }],
    }),
  ];
}
