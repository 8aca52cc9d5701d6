# METADATA
# title: Graph helpers
# description: >-
#   Indexes over the snapshot (the Rego input) shared by every check: nodes by kind and by id,
#   edges by endpoint. Plain Rego, so `opa eval -d policies/ -i snapshot.json` works unchanged;
#   cloudwarden's engine evaluates each index once per run.
package cloudwarden.lib.graph

import rego.v1

# The kinds present in the snapshot.
kinds := {node.kind | some node in input.nodes}

# Nodes of one kind, in snapshot order: nodes_by_kind["storage.bucket"]. An array rather than a
# set: nodes are unique by id already, and arrays need no hashing of whole nodes.
nodes_by_kind[kind] := [node | some node in input.nodes; node.kind == kind] if {
	some kind in kinds
}

# A node by its id: one object built once per evaluation.
node_by_id := {node.id: node | some node in input.nodes}

# Edges leaving a node: edges_from[id].
edges_from[edge.from] contains edge if {
	some edge in input.edges
}

# Edges reaching a node: edges_to[id].
edges_to[edge.to] contains edge if {
	some edge in input.edges
}
