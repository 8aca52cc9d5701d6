/** Shared helpers of the libvirt tests: the demo fixture, virsh detection, a collection run. */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectOutcome } from '../../src/collectors/collect.js';
import { collectSnapshot, providerRun } from '../../src/collectors/collect.js';
import type { LibvirtConnectionOptions } from '../../src/collectors/libvirt/index.js';
import { libvirtProvider } from '../../src/collectors/libvirt/index.js';
import type { CoverageRow, GraphEdge, GraphNode } from '../../src/graph/schema.js';

export const DEMO_HOST = 'kvm-demo-01';
export const DEMO_NODE_XML = fileURLToPath(new URL('../../fixtures/worlds/demo/libvirt/node.xml', import.meta.url));
export const DEMO_URI = `test://${DEMO_NODE_XML}`;
export const SMALL_DUMPS = fileURLToPath(new URL('../../fixtures/worlds/small/libvirt/', import.meta.url));

/** Why virsh-based tests cannot run here, or null when they can. */
export function virshMissingReason(): string | null {
  try {
    execFileSync('virsh', ['--version'], { stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } });
    return null;
  } catch {
    return 'virsh is not installed (Debian: apt-get install libvirt-clients); skipping the tests that run it';
  }
}

export function realVirshPath(): string {
  return execFileSync('sh', ['-c', 'command -v virsh'], { encoding: 'utf8' }).trim();
}

/**
 * Writes an executable stand-in for virsh into `dir`: a `case` on the joined arguments whose first
 * matching pattern runs its shell snippet; anything else runs the real virsh.
 */
export function fakeVirsh(dir: string, name: string, cases: [pattern: string, action: string][]): string {
  const path = join(dir, name);
  const arms = cases.map(([pattern, action]) => `  ${pattern}) ${action} ;;`).join('\n');
  writeFileSync(path, `#!/bin/sh\ncase " $* " in\n${arms}\nesac\nexec '${realVirshPath()}' "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

export async function collectLibvirt(connections: LibvirtConnectionOptions[], virshPath?: string, callTimeoutMs = 60_000): Promise<CollectOutcome> {
  return collectSnapshot([providerRun(libvirtProvider, { connections, ...(virshPath ? { virshPath } : {}) })], {
    concurrency: 4,
    maxAttempts: 1,
    callTimeoutMs,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 1,
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
}

export interface ExpectedGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  coverage: Pick<CoverageRow, 'service' | 'operation' | 'status' | 'calls'>[];
}

export function expectedDemoGraph(): ExpectedGraph {
  return JSON.parse(readFileSync(new URL('./expected-demo-graph.json', import.meta.url), 'utf8')) as ExpectedGraph;
}

export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const edgeKey = (e: GraphEdge): string => `${e.from} ${e.kind} ${e.to}`;
export const sortEdges = (edges: GraphEdge[]): GraphEdge[] => [...edges].sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : edgeKey(a) > edgeKey(b) ? 1 : 0));
