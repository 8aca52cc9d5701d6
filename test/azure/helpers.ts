/** Shared helpers for the Azure tests: collect a world through the fake, compare graphs. */
import { readFile } from 'node:fs/promises';
import type { CollectOutcome } from '../../src/collectors/collect.js';
import { collectSnapshot, providerRun } from '../../src/collectors/collect.js';
import { azureProvider } from '../../src/collectors/azure/index.js';
import type { ProgressEvent } from '../../src/collectors/types.js';
import type { GraphEdge, GraphNode } from '../../src/graph/schema.js';
import type { FakeAzure, FakeAzureOptions } from '../fake-clouds/azure/server.js';
import { fakeTokenCredential, startFakeAzure } from '../fake-clouds/azure/server.js';
import type { AzureWorld } from '../fake-clouds/azure/world.js';
import { loadAzureWorld } from '../fake-clouds/azure/world.js';

export const SMALL_WORLD = 'fixtures/worlds/small/azure';
export const SUB_A = '11111111-1111-1111-1111-111111111111';
export const SUB_B = '22222222-2222-2222-2222-222222222222';

export const loadSmallWorld = (): Promise<AzureWorld> => loadAzureWorld(SMALL_WORLD);

export interface Collected extends CollectOutcome {
  fake: FakeAzure;
  events: ProgressEvent[];
  ms: number;
}

/** Starts the fake on `world`, collects every subscription it lists, closes the fake. */
export async function collectThroughFake(fakeOptions: FakeAzureOptions, overrides: { retryMaxDelayMs?: number; maxAttempts?: number } = {}): Promise<Collected> {
  const fake = await startFakeAzure(fakeOptions);
  const events: ProgressEvent[] = [];
  const t0 = Date.now();
  try {
    const outcome = await collectSnapshot([providerRun(azureProvider, { endpoint: fake.endpoint, credential: fakeTokenCredential })], {
      concurrency: 4,
      maxAttempts: overrides.maxAttempts ?? 3,
      callTimeoutMs: 10_000,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: overrides.retryMaxDelayMs ?? 50,
      onProgress: (e) => events.push(e),
      now: () => new Date('2026-11-20T12:00:00Z'),
    });
    return { ...outcome, fake, events, ms: Date.now() - t0 };
  } finally {
    await fake.close();
  }
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export async function expectedSmallGraph(): Promise<Graph> {
  const doc = JSON.parse(await readFile(new URL('./expected-small-graph.json', import.meta.url), 'utf8')) as Graph;
  return { nodes: doc.nodes, edges: doc.edges };
}

const byId = (a: GraphNode, b: GraphNode) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const edgeKey = (e: GraphEdge) => `${e.from} ${e.kind} ${e.to}`;

/** Nodes without `raw`, sorted by id. */
export function withoutRaw(nodes: readonly GraphNode[]): GraphNode[] {
  return nodes
    .map((n) => {
      const { raw: _raw, ...rest } = n;
      return rest as GraphNode;
    })
    .sort(byId);
}

export const sortedEdges = (edges: readonly GraphEdge[]): string[] => edges.map(edgeKey).sort();

/** The part of a graph that belongs to some subscriptions. */
export function ofSubscriptions(g: Graph, subs: readonly string[]): Graph {
  const nodes = g.nodes.filter((n) => subs.includes(n.account));
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: g.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}
