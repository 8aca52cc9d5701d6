# METADATA
# title: Unencrypted disk attached to a public instance (test, joins across nodes)
# description: A finding on the disk depends on the instance at the other end of attached_to, one outgoing step away.
# custom:
#   incremental: {reach: 1, via: [attached_to]}
#   id: common.scaletest.unencrypted_disk_on_public_instance
#   severity: medium
#   resource_kinds: [compute.disk]
#   recommended_actions:
#     - Encrypt the disk.
#   frameworks: {}
package cloudwarden.common.scaletest.unencrypted_disk_on_public_instance

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some disk in graph.nodes_by_kind["compute.disk"]
	disk.attrs.encrypted == false
	some edge in graph.edges_from[disk.id]
	edge.kind == "attached_to"
	instance := graph.node_by_id[edge.to]
	count(instance.attrs.publicIps) > 0
	result := {"resource": disk.id, "msg": sprintf("%s is unencrypted and attached to public %s", [disk.name, instance.name])}
}
