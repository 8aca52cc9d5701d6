# METADATA
# title: Network-reachable console whose password could not be checked
# description: >-
#   A VNC or SPICE console of a libvirt domain listens on a non-loopback address and the collector
#   could not see whether it has a password (passwordSet null): over a read-only connection libvirt
#   hides graphics passwords. It may be as open as libvirt.graphics.console_open_without_password
#   reports, or fine; collect with a read-write connection (dumpxml --security-info) to know.
# custom:
#   incremental: resource
#   id: libvirt.graphics.console_password_unknown
#   severity: medium
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "Check on the host: virsh dumpxml --security-info DOMAIN | grep -E '<graphics' (a passwd attribute means a password is set), or rescan with a read-write libvirt connection."
#     - "Prefer listening on 127.0.0.1 and tunnelling over SSH: <listen type='address' address='127.0.0.1'/>."
#   frameworks: {}
package cloudwarden.libvirt.graphics.console_password_unknown

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.net
import rego.v1

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	vm.provider == "libvirt"
	some console in object.get(vm.attrs, "remoteConsoles", [])
	console.protocol in {"vnc", "spice"}
	console.passwordSet == null
	is_string(console.listen)
	not net.is_loopback(console.listen)
	result := {
		"resource": vm.id,
		"msg": sprintf("%s console of %s listens on %s; whether it has a password is unknown", [upper(console.protocol), vm.name, console.listen]),
		"discriminator": sprintf("%s@%s", [console.protocol, console.listen]),
		"evidence": {"protocol": console.protocol, "listen": console.listen, "port": console.port, "passwordSet": null, "domainState": vm.attrs.state},
	}
}
