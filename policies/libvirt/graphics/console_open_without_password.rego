# METADATA
# title: Remote console reachable from the network without a password
# description: >-
#   A VNC or SPICE console of a libvirt domain listens on a non-loopback address and needs no
#   password. Anyone who can reach the host's port gets the virtual machine's screen and keyboard,
#   including its boot loader and any logged-in session.
# custom:
#   incremental: resource
#   id: libvirt.graphics.console_open_without_password
#   severity: high
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "Listen on 127.0.0.1 only (<listen type='address' address='127.0.0.1'/>) and reach the console through an SSH tunnel (virt-manager does this for you)."
#     - "If the console must be reachable over the network, set a strong password (graphics passwd attribute) and allow the port only from an admin network in the host firewall."
#   frameworks: {}
package cloudwarden.libvirt.graphics.console_open_without_password

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.net
import rego.v1

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	vm.provider == "libvirt"
	some console in vm.attrs.remoteConsoles
	console.protocol in {"vnc", "spice"}
	console.passwordSet == false
	is_string(console.listen)
	not net.is_loopback(console.listen)
	result := {
		"resource": vm.id,
		"msg": sprintf("%s console of %s listens on %s (port %s) with no password", [upper(console.protocol), vm.name, console.listen, port_text(console)]),
		"discriminator": sprintf("%s@%s", [console.protocol, console.listen]),
		"evidence": {
			"protocol": console.protocol,
			"listen": console.listen,
			"port": console.port,
			"autoport": console.autoport,
			"passwordSet": console.passwordSet,
			"domainState": vm.attrs.state,
		},
	}
}

port_text(console) := sprintf("%d", [console.port]) if is_number(console.port)

port_text(console) := "assigned at start" if not is_number(console.port)
