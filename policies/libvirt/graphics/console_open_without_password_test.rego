package cloudwarden.libvirt.graphics.console_open_without_password_test

import data.cloudwarden.libvirt.graphics.console_open_without_password as check
import rego.v1

vm(consoles) := {
	"id": "libvirt://h1/domain/1111",
	"provider": "libvirt",
	"kind": "compute.instance",
	"name": "vm1",
	"attrs": {"state": "running", "remoteConsoles": consoles},
}

console(protocol, listen, password_set) := {"protocol": protocol, "listen": listen, "port": 5900, "autoport": false, "passwordSet": password_set}

test_vnc_on_all_interfaces_without_password_is_denied if {
	results := check.deny with input as {"nodes": [vm([console("vnc", "0.0.0.0", false)])], "edges": []}
	count(results) == 1
	some r in results
	r.resource == "libvirt://h1/domain/1111"
	r.evidence.listen == "0.0.0.0"
	contains(r.msg, "VNC console of vm1 listens on 0.0.0.0 (port 5900)")
}

test_spice_on_a_lan_address_without_password_is_denied if {
	count(check.deny) == 1 with input as {"nodes": [vm([console("spice", "192.168.10.5", false)])], "edges": []}
}

test_password_protected_console_passes if {
	count(check.deny) == 0 with input as {"nodes": [vm([console("vnc", "0.0.0.0", true)])], "edges": []}
}

test_loopback_consoles_pass if {
	count(check.deny) == 0 with input as {"nodes": [vm([
		console("vnc", "127.0.0.1", false),
		console("spice", "127.0.0.2", false),
		console("vnc", "::1", false),
		console("vnc", "localhost", false),
	])], "edges": []}
}

test_unknown_password_state_is_not_reported_as_open if {
	count(check.deny) == 0 with input as {"nodes": [vm([console("vnc", "0.0.0.0", null)])], "edges": []}
}

test_console_without_network_listener_passes if {
	count(check.deny) == 0 with input as {"nodes": [vm([console("vnc", null, false)])], "edges": []}
}

test_other_providers_are_out_of_scope if {
	aws_vm := object.union(vm([console("vnc", "0.0.0.0", false)]), {"provider": "aws"})
	count(check.deny) == 0 with input as {"nodes": [aws_vm], "edges": []}
}

test_two_open_consoles_give_two_results if {
	count(check.deny) == 2 with input as {"nodes": [vm([console("vnc", "0.0.0.0", false), console("spice", "10.0.0.4", false)])], "edges": []}
}
