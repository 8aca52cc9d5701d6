/**
 * Pure assembly of a snapshot from collector fragments: merges, de-duplicates, checks integrity and
 * sorts, so the same world always gives byte-identical output.
 */
import { GraphIntegrityError } from '../util/errors.js';
import type { CostRecord, CoverageRow, GraphEdge, GraphNode, Snapshot, SnapshotScope, ToolInfo } from './schema.js';
import { SNAPSHOT_SCHEMA_VERSION } from './schema.js';
import { isDeepStrictEqual } from 'node:util';

export interface AssembleInput {
  tool: ToolInfo;
  startedAt: string;
  finishedAt: string;
  scope: SnapshotScope;
  fragments: Iterable<{ nodes: GraphNode[]; edges: GraphEdge[]; costs?: CostRecord[] }>;
  coverage: CoverageRow[];
}

export function assembleSnapshot(input: AssembleInput): Snapshot {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const costs: CostRecord[] = [];
  for (const fragment of input.fragments) {
    for (const node of fragment.nodes) {
      if (!node.id) throw new GraphIntegrityError(`a ${node.kind} node named '${node.name}' has no id`);
      const seen = nodes.get(node.id);
      if (seen === undefined) nodes.set(node.id, node);
      else if (!isDeepStrictEqual(seen, node)) throw new GraphIntegrityError(`two different nodes share the id '${node.id}'`);
    }
    for (const edge of fragment.edges) edges.set(edgeKey(edge), edge);
    if (fragment.costs) costs.push(...fragment.costs);
  }
  for (const edge of edges.values()) {
    for (const end of [edge.from, edge.to]) {
      if (!nodes.has(end)) throw new GraphIntegrityError(`edge ${edge.kind} ${edge.from} → ${edge.to} refers to '${end}', which is not a node of the snapshot`);
    }
  }
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: input.tool,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    scope: input.scope,
    nodes: [...nodes.values()].sort((a, b) => compare(a.id, b.id)),
    edges: [...edges.values()].sort((a, b) => compare(edgeKey(a), edgeKey(b))),
    costs,
    coverage: input.coverage,
  };
}

function edgeKey(e: GraphEdge): string {
  return `${e.from}\u0000${e.kind}\u0000${e.to}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
