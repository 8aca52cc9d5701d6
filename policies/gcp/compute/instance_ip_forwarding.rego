# METADATA
# title: VM can forward packets
# description: >-
#   canIpForward is on: the instance may send and receive packets for addresses that are not its own,
#   which lets a compromised VM act as a router or spoof traffic. Only network appliances need it.
# custom:
#   incremental: resource
#   id: gcp.compute.instance_ip_forwarding
#   severity: medium
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "Recreate the instance without --can-ip-forward unless it is a NAT, VPN or firewall appliance; restrict the appliances with the organization policy constraints/compute.vmCanIpForward."
#   frameworks:
#     cis-gcp-3.0: ["4.6"]
package cloudwarden.gcp.compute.instance_ip_forwarding

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	vm.provider == "gcp"
	vm.attrs.canIpForward == true
	result := {
		"resource": vm.id,
		"msg": sprintf("%s has IP forwarding enabled", [vm.name]),
		"evidence": {"canIpForward": true},
	}
}
