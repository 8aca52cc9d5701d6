/** Shared helpers of the AWS collector tests: the fake over HTTP, a run of the provider, comparisons. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectOutcome } from '../../src/collectors/collect.js';
import { collectSnapshot, providerRun } from '../../src/collectors/collect.js';
import { awsProvider } from '../../src/collectors/aws/index.js';
import type { AwsOptions } from '../../src/collectors/aws/index.js';
import { REPORT_POLL } from '../../src/collectors/aws/iam.js';
import type { GraphEdge, GraphNode } from '../../src/graph/schema.js';
import { loadAwsWorld, startFakeAws } from '../fake-clouds/aws/index.js';
import type { AwsWorld, FakeAws, FakeAwsOptions } from '../fake-clouds/aws/index.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SMALL_WORLD = join(REPO, 'fixtures', 'worlds', 'small', 'aws');
export const DEMO_WORLD = join(REPO, 'fixtures', 'worlds', 'demo', 'aws');
export const SMALL_ACCOUNT = '123456789012';
export const WORLD_NOW = new Date('2026-11-20T00:00:00Z');
export const SMALL_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
export const DEMO_CREDENTIALS = { accessKeyId: 'AKIADEMOSCANNER00001', secretAccessKey: 'demoScannerSecretKey/EXAMPLE/0000000000001' };

// The fake makes the credential report at once: do not wait between polls in tests.
REPORT_POLL.delayMs = 1;

export interface Run {
  fake: FakeAws;
  outcome: CollectOutcome;
}

/** Starts the fake on the world, collects it with the real SDK over HTTP, closes the fake. */
export async function collectWorld(
  world: AwsWorld | string,
  options: Partial<AwsOptions> = {},
  fakeOptions: Omit<FakeAwsOptions, 'world'> = {},
  collect: { maxAttempts?: number; concurrency?: number } = {},
): Promise<Run> {
  const fake = await startFakeAws({ world: typeof world === 'string' ? loadAwsWorld(world) : world, ...fakeOptions });
  try {
    const outcome = await collectSnapshot([providerRun(awsProvider, { endpoint: `http://localhost:${fake.port}`, region: 'us-east-1', credentials: SMALL_CREDENTIALS, now: () => WORLD_NOW, ...options })], {
      concurrency: collect.concurrency ?? 8,
      maxAttempts: collect.maxAttempts ?? 3,
      callTimeoutMs: 10_000,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      now: () => WORLD_NOW,
    });
    return { fake, outcome };
  } finally {
    await fake.close();
  }
}

export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const edgeKey = (e: GraphEdge): string => `${e.from} ${e.kind} ${e.to}`;
export const sortEdges = (edges: readonly GraphEdge[]): GraphEdge[] => [...edges].sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : edgeKey(a) > edgeKey(b) ? 1 : 0));

export function expectedSmallGraph(): { nodes: GraphNode[]; edges: GraphEdge[] } {
  return JSON.parse(readFileSync(join(REPO, 'test', 'aws', 'expected-small-graph.json'), 'utf8')) as { nodes: GraphNode[]; edges: GraphEdge[] };
}

export function node<K extends GraphNode['kind']>(nodes: readonly GraphNode[], id: string, kind?: K): Extract<GraphNode, { kind: K }> {
  const n = nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  if (kind !== undefined && n.kind !== kind) throw new Error(`${id} is a ${n.kind}, not a ${kind}`);
  return n as Extract<GraphNode, { kind: K }>;
}

const ACCOUNT_ARN = `arn:aws:iam::${SMALL_ACCOUNT}:root`;

/** The expected edges: the hand-written ones plus `contains` from the account to each of its nodes. */
export function expectedEdges(): GraphEdge[] {
  const g = expectedSmallGraph();
  const contains = g.nodes.filter((n) => n.account === SMALL_ACCOUNT && n.kind !== 'account').map((n) => ({ from: ACCOUNT_ARN, to: n.id, kind: 'contains' as const }));
  return sortEdges([...g.edges, ...contains]);
}

export function expectedCosts(): { service: string; usageType: string; metric: string; amount: number; unit: string }[] {
  const g = expectedSmallGraph() as unknown as { costs: { service: string; usageType: string; cost: number; usage: [number, string] }[] };
  return g.costs.flatMap((c) => [
    { service: c.service, usageType: c.usageType, metric: 'cost', amount: c.cost, unit: 'USD' },
    { service: c.service, usageType: c.usageType, metric: 'usage', amount: c.usage[0], unit: c.usage[1] },
  ]);
}

