/**
 * Partial nodes: facts one collector knows about a node another collector makes (CloudWatch
 * utilization and Auto Scaling membership of an instance, IAM's root-user facts of the account).
 * They carry `attrs[PARTIAL]` and are merged into the full node by the provider's link step.
 */
import type { GraphNode, JsonValue } from '../../graph/schema.js';

export const PARTIAL = '__partialFrom';

/** A node that only adds `attrs` to the node of the same id. */
export function partialNode(base: Omit<GraphNode, 'attrs' | 'kind'> & { kind: GraphNode['kind'] }, from: string, attrs: Record<string, JsonValue>): GraphNode {
  return { ...base, attrs: { ...attrs, [PARTIAL]: from } } as GraphNode;
}

export function isPartial(n: GraphNode): boolean {
  return n.attrs[PARTIAL] !== undefined;
}
