# METADATA
# title: Instance with a public IP exposes an admin or database port to the internet
# description: >-
#   An instance has a public IP address and a firewall attached to it (protected_by: security group,
#   GCP firewall rule matched by network and target, Azure NSG on its NIC or subnet) admits the whole
#   internet to SSH, RDP or a database port, with no earlier deny rule in its firewalls. This is a
#   reachable service, not only a loose rule. Stopped and terminated instances are left to the
#   firewall-level checks.
# custom:
#   incremental: {reach: 1, via: [protected_by]}
#   id: common.network.public_instance_exposed
#   severity: high
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "Restrict the firewall rule to administrators' addresses or remove it; administer through AWS SSM Session Manager, GCP IAP TCP forwarding or Azure Bastion."
#     - "Remove the public IP if the instance does not serve internet traffic (use a load balancer or NAT instead)."
#   frameworks: {}
package cloudwarden.common.network.public_instance_exposed

import data.cloudwarden.lib.firewall
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	firewall.has_public_ip(vm)
	firewall.reachable_state(vm)
	some exposure in firewall.instance_exposures(vm)
	result := {
		"resource": vm.id,
		"msg": sprintf("%s (public IP %s) is reachable from %s on %s (port %d) through %s", [vm.name, concat(", ", vm.attrs.publicIps), exposure.source, exposure.service, exposure.port, exposure.firewallName]),
		"discriminator": sprintf("%d/%s/%s", [exposure.port, exposure.source, exposure.firewall]),
		"evidence": object.union(exposure, {"publicIps": vm.attrs.publicIps, "state": vm.attrs.state}),
		"path": [{"node": exposure.firewall, "via": "protected_by"}, {"node": vm.id}],
	}
}
