# METADATA
# title: NSG admits UDP from the internet
# description: >-
#   An inbound Allow rule admits UDP from any address (`*`, Internet, 0.0.0.0/0). Exposed UDP
#   services (DNS, NTP, SNMP, SSDP, CLDAP, Memcached) are abused for reflection and amplification
#   attacks against third parties.
# custom:
#   incremental: resource
#   id: azure.network.nsg_udp_open_to_internet
#   severity: medium
#   resource_kinds: [network.firewall]
#   recommended_actions:
#     - "Restrict the rule's source to the peers that need the UDP service, or remove it: az network nsg rule delete --nsg-name NSG --name RULE --resource-group RG."
#   frameworks:
#     cis-azure-2.1: ["6.3"]
package cloudwarden.azure.network.nsg_udp_open_to_internet

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.net
import rego.v1

deny contains result if {
	some nsg in graph.nodes_by_kind["network.firewall"]
	nsg.provider == "azure"
	some rule in nsg.attrs.rules
	rule.direction == "ingress"
	rule.action == "allow"
	rule.protocol == "udp"
	some source in rule.sources
	net.is_world(source)
	result := {
		"resource": nsg.id,
		"msg": sprintf("%s admits UDP %v from %s", [nsg.name, rule.ports, source]),
		"discriminator": sprintf("%v/%s", [object.get(rule, "priority", rule.ports), source]),
		"evidence": {"ports": rule.ports, "source": source, "priority": object.get(rule, "priority", null)},
	}
}
