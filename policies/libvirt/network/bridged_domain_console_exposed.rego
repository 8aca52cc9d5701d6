# METADATA
# title: Bridged domain with a network-reachable console not known to need a password
# description: >-
#   A domain has an interface on a host bridge (interface source `bridge:…`, for example br0 bridged
#   to the physical LAN), so the host is on that LAN, and the domain's VNC or SPICE console listens on
#   a non-loopback address without a confirmed password. Anyone on the office or data-centre network,
#   not only on the host, can take over its screen and keyboard.
# custom:
#   incremental: resource
#   id: libvirt.network.bridged_domain_console_exposed
#   severity: medium
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "Bind the console to 127.0.0.1 and reach it over SSH (virt-manager and virt-viewer --connect qemu+ssh:// do this), or set a graphics password."
#     - "Filter the console ports (5900-5999 and the SPICE range) on the host firewall to an admin network."
#   frameworks: {}
package cloudwarden.libvirt.network.bridged_domain_console_exposed

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.net
import rego.v1

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	vm.provider == "libvirt"
	bridges := {iface.source | some iface in object.get(vm.attrs, "interfaces", []); startswith(iface.source, "bridge:")}
	count(bridges) > 0
	some console in object.get(vm.attrs, "remoteConsoles", [])
	console.protocol in {"vnc", "spice"}
	console.passwordSet != true
	is_string(console.listen)
	not net.is_loopback(console.listen)
	result := {
		"resource": vm.id,
		"msg": sprintf("%s is bridged (%s) and its %s console listens on %s with no confirmed password", [vm.name, concat(", ", sort(bridges)), upper(console.protocol), console.listen]),
		"discriminator": sprintf("%s@%s", [console.protocol, console.listen]),
		"evidence": {"bridges": sort(bridges), "protocol": console.protocol, "listen": console.listen, "port": console.port, "passwordSet": console.passwordSet},
	}
}
