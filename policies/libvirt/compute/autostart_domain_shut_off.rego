# METADATA
# title: Autostarted domain is shut off
# description: >-
#   A domain is marked to start with the host (autostart) but is shut off. After the next host
#   reboot a machine someone stopped, possibly on purpose and unpatched, comes back on the network.
# custom:
#   incremental: resource
#   id: libvirt.compute.autostart_domain_shut_off
#   severity: info
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "If the domain should stay off: virsh autostart --disable DOMAIN (or undefine it and its volumes if it is no longer needed)."
#   frameworks: {}
package cloudwarden.libvirt.compute.autostart_domain_shut_off

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	vm.provider == "libvirt"
	vm.attrs.autostart == true
	vm.attrs.state == "stopped"
	result := {
		"resource": vm.id,
		"msg": sprintf("%s is set to autostart but is shut off", [vm.name]),
		"evidence": {"autostart": true, "state": vm.attrs.state, "stateSince": vm.attrs.stateSince},
	}
}
