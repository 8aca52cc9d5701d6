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

# Ids with edges leaving them, and reaching them.
edge_sources := {edge.from | some edge in input.edges}

edge_targets := {edge.to | some edge in input.edges}

# Edges leaving a node, in snapshot order: edges_from[id]. Arrays, not sets: edges are unique
# already, and a set would hash every whole edge. The engine indexes the comprehension by
# edge.from, so building every entry is one pass over the edges.
edges_from[id] := [edge | some edge in input.edges; edge.from == id] if {
	some id in edge_sources
}

# Edges reaching a node: edges_to[id].
edges_to[id] := [edge | some edge in input.edges; edge.to == id] if {
	some id in edge_targets
}
