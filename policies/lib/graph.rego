# METADATA
# title: Graph helpers
# description: >-
#   Indexes over the snapshot (the Rego input) shared by every check: nodes by kind and by id,
#   edges by endpoint. Plain Rego, so `opa eval -d policies/ -i snapshot.json` works unchanged;
#   cloudwarden's engine evaluates each index once per run.
package cloudwarden.lib.graph

import rego.v1

# Nodes of one kind: nodes_by_kind["storage.bucket"].
nodes_by_kind[kind] contains node if {
	some node in input.nodes
	kind := node.kind
}

# A node by its id.
node_by_id[node.id] := node if {
	some node in input.nodes
}

# Edges leaving a node: edges_from[id].
edges_from[edge.from] contains edge if {
	some edge in input.edges
}

# Edges reaching a node: edges_to[id].
edges_to[edge.to] contains edge if {
	some edge in input.edges
}
