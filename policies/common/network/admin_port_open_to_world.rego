# METADATA
# title: SSH or RDP open to the whole internet
# description: >-
#   A firewall rule (AWS security group, GCP firewall rule, Azure network security group) admits
#   traffic from any address (0.0.0.0/0, ::/0, * or Internet) to a remote administration port:
#   SSH (22) or RDP (3389), or to all ports. These ports are scanned and brute-forced continuously.
#   A deny rule for the port evaluated earlier in the same firewall (lower priority number, as in
#   Azure NSGs) cancels the finding.
# custom:
#   incremental: resource
#   id: common.network.admin_port_open_to_world
#   severity: high
#   resource_kinds: [network.firewall]
#   recommended_actions:
#     - "Restrict the rule's source to the administrators' addresses or a VPN range, or remove it."
#     - "Prefer keyless access paths: AWS Systems Manager Session Manager, GCP IAP TCP forwarding, Azure Bastion."
#   frameworks:
#     cis-aws-3.0: ["5.2", "5.3"]
#     cis-azure-2.1: ["6.1", "6.2"]
#     cis-gcp-3.0: ["3.6", "3.7"]
package cloudwarden.common.network.admin_port_open_to_world

import data.cloudwarden.lib.firewall
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.net
import rego.v1

admin_ports := {22: "SSH", 3389: "RDP"}

deny contains result if {
	some firewall_node in graph.nodes_by_kind["network.firewall"]
	some rule in firewall_node.attrs.rules
	rule.direction == "ingress"
	rule.action == "allow"
	rule.protocol in {"tcp", "all"}
	some source in rule.sources
	net.is_world(source)
	some port, service in admin_ports
	net.covers_port(rule, port)
	not firewall.denied_before(firewall_node, rule, port)
	result := {
		"resource": firewall_node.id,
		"msg": sprintf("%s admits %s (port %d) from %s", [firewall_node.name, service, port, source]),
		"discriminator": sprintf("%d/%s", [port, source]),
		"evidence": {"port": port, "service": service, "source": source, "protocol": rule.protocol, "ports": rule.ports},
	}
}
