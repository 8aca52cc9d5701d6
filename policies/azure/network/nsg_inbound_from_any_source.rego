# METADATA
# title: NSG rule admits any source
# description: >-
#   An inbound Allow rule of a network security group has the source `*` (any address: every
#   virtual network, peered network, on-premises range and the internet) on some port. Admin and
#   database ports and all-port rules have their own, more severe checks; this one catches every port.
# custom:
#   incremental: resource
#   id: azure.network.nsg_inbound_from_any_source
#   severity: medium
#   resource_kinds: [network.firewall]
#   recommended_actions:
#     - "Narrow the source to the address ranges, service tags (AzureFrontDoor.Backend, AzureLoadBalancer) or application security groups that need the port: az network nsg rule update --nsg-name NSG --name RULE --resource-group RG --source-address-prefixes PREFIXES."
#   frameworks: {}
package cloudwarden.azure.network.nsg_inbound_from_any_source

import data.cloudwarden.lib.graph
import rego.v1

any_sources := {"*", "Any", "any"}

deny contains result if {
	some nsg in graph.nodes_by_kind["network.firewall"]
	nsg.provider == "azure"
	some rule in nsg.attrs.rules
	rule.direction == "ingress"
	rule.action == "allow"
	some source in rule.sources
	source in any_sources
	result := {
		"resource": nsg.id,
		"msg": sprintf("%s allows %s %s from any source (priority %v)", [nsg.name, rule.protocol, ports_text(rule.ports), object.get(rule, "priority", null)]),
		"discriminator": sprintf("%v", [object.get(rule, "priority", rule.ports)]),
		"evidence": {"protocol": rule.protocol, "ports": rule.ports, "source": source, "priority": object.get(rule, "priority", null), "description": object.get(rule, "description", null)},
	}
}

ports_text(ports) := "on every port" if count(ports) == 0

ports_text(ports) := sprintf("on ports %s", [concat(", ", [range_text(r) | some r in ports])]) if count(ports) > 0

range_text(r) := sprintf("%d", [r[0]]) if r[0] == r[1]

range_text(r) := sprintf("%d-%d", [r[0], r[1]]) if r[0] != r[1]
