/** Shared helpers of the GCP tests: collect through the fake, load the expected graph, strip `raw`. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { collectSnapshot, providerRun } from '../../src/collectors/collect.js';
import type { CollectOutcome } from '../../src/collectors/collect.js';
import { gcpProvider } from '../../src/collectors/gcp/index.js';
import type { GcpOptions } from '../../src/collectors/gcp/index.js';
import type { GraphEdge, GraphNode } from '../../src/graph/schema.js';
import type { FakeGcp } from '../fake-clouds/gcp/server.js';

export const SMALL_WORLD = fileURLToPath(new URL('../../fixtures/worlds/small/gcp', import.meta.url));
export const DEMO_WORLD = fileURLToPath(new URL('../../fixtures/worlds/demo/gcp', import.meta.url));
export const SMALL_ORG = 'organizations/100000000001';

export function collectThroughFake(fake: FakeGcp, options: Partial<GcpOptions> = {}, maxAttempts = 4): Promise<CollectOutcome> {
  const gcp: GcpOptions = {
    scopes: [SMALL_ORG],
    apiEndpoint: '127.0.0.1',
    port: fake.port,
    insecure: true,
    orgDomains: ['example.com'],
    ...options,
  };
  return collectSnapshot([providerRun(gcpProvider, gcp)], {
    concurrency: 4,
    maxAttempts,
    callTimeoutMs: 15_000,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    now: () => new Date('2026-11-20T00:00:00Z'),
  });
}

export interface ExpectedGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export async function loadExpected(file: string): Promise<ExpectedGraph> {
  const doc = JSON.parse(await readFile(new URL(file, import.meta.url), 'utf8')) as ExpectedGraph;
  return { nodes: sortNodes(doc.nodes), edges: sortEdges(doc.edges) };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function sortNodes(nodes: GraphNode[]): GraphNode[] {
  return [...nodes].sort((a, b) => cmp(a.id, b.id));
}

export function sortEdges(edges: GraphEdge[]): GraphEdge[] {
  return [...edges].sort((a, b) => cmp(`${a.from}\u0000${a.kind}\u0000${a.to}`, `${b.from}\u0000${b.kind}\u0000${b.to}`));
}

export function withoutRaw(nodes: GraphNode[]): GraphNode[] {
  return sortNodes(nodes.map(({ raw: _raw, ...rest }) => rest as GraphNode));
}
