# METADATA
# title: Default network's pre-made firewall rule admits the internet
# description: >-
#   A firewall rule created with the project's default network (default-allow-ssh, default-allow-rdp,
#   default-allow-icmp, default-allow-internal) is still there and admits traffic from 0.0.0.0/0 to
#   every instance on the network. The default network itself is an auto-mode network meant for
#   getting started, not for production.
# custom:
#   incremental: resource
#   id: gcp.network.default_network_rule_open_to_world
#   severity: medium
#   resource_kinds: [network.firewall]
#   recommended_actions:
#     - "Delete the rule (gcloud compute firewall-rules delete RULE) and create narrow rules with target tags or service accounts."
#     - "Move workloads to a custom-mode VPC and delete the default network; stop new projects from creating it with constraints/compute.skipDefaultNetworkCreation."
#   frameworks:
#     cis-gcp-3.0: ["3.1"]
package cloudwarden.gcp.network.default_network_rule_open_to_world

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.net
import rego.v1

deny contains result if {
	some fw in graph.nodes_by_kind["network.firewall"]
	fw.provider == "gcp"
	startswith(fw.name, "default-allow-")
	endswith(object.get(fw.attrs, "network", ""), "/networks/default")
	some rule in fw.attrs.rules
	rule.direction == "ingress"
	rule.action == "allow"
	some source in rule.sources
	net.is_world(source)
	result := {
		"resource": fw.id,
		"msg": sprintf("Default network rule %s admits %s from %s", [fw.name, rule.protocol, source]),
		"discriminator": sprintf("%s/%s", [rule.protocol, source]),
		"evidence": {"network": fw.attrs.network, "protocol": rule.protocol, "ports": rule.ports, "source": source},
	}
}
