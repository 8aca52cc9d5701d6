# METADATA
# title: Every port open to the whole internet
# description: >-
#   A firewall rule admits traffic from any address on every port (all protocols, or TCP/UDP with no
#   port restriction). Whatever listens on the protected machines, including services bound to all
#   interfaces by accident, is on the internet.
# custom:
#   incremental: resource
#   id: common.network.all_ports_open_to_world
#   severity: high
#   resource_kinds: [network.firewall]
#   recommended_actions:
#     - "Replace the rule with rules for the specific ports the workload serves (for example 443), and remove it."
#     - "AWS: aws ec2 revoke-security-group-ingress; GCP: gcloud compute firewall-rules delete or update --rules; Azure: az network nsg rule delete."
#   frameworks: {}
package cloudwarden.common.network.all_ports_open_to_world

import data.cloudwarden.lib.firewall
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.net
import rego.v1

deny contains result if {
	some fw in graph.nodes_by_kind["network.firewall"]
	some rule in fw.attrs.rules
	rule.direction == "ingress"
	rule.action == "allow"
	rule.protocol in {"all", "*", "tcp", "udp", "-1"}
	firewall.covers_all_ports(rule)
	some source in rule.sources
	net.is_world(source)
	result := {
		"resource": fw.id,
		"msg": sprintf("%s admits %s from %s", [fw.name, traffic(rule.protocol), source]),
		"discriminator": sprintf("%s/%s", [rule.protocol, source]),
		"evidence": {"protocol": rule.protocol, "ports": rule.ports, "source": source, "priority": object.get(rule, "priority", null)},
	}
}

traffic(protocol) := "all traffic" if protocol in {"all", "*", "-1"}

traffic(protocol) := sprintf("every %s port", [upper(protocol)]) if not protocol in {"all", "*", "-1"}
