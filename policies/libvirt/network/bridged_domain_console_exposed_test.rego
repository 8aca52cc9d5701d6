package cloudwarden.libvirt.network.bridged_domain_console_exposed_test

import data.cloudwarden.libvirt.graphics.console_open_without_password_test as fx
import data.cloudwarden.libvirt.network.bridged_domain_console_exposed as check
import rego.v1

iface(source) := {"mac": "52:54:00:00:00:01", "networkId": null, "source": source, "privateIps": [], "publicIps": []}

vm(interfaces, consoles) := json.patch(fx.vm(consoles), [{"op": "add", "path": "/attrs/interfaces", "value": interfaces}])

deny_for(interfaces, consoles) := results if {
	results := check.deny with input as {"nodes": [vm(interfaces, consoles)], "edges": []}
}

test_bridged_domain_with_open_console_is_denied if {
	results := deny_for([iface("network:default"), iface("bridge:br0")], [fx.console("vnc", "0.0.0.0", false)])
	count(results) == 1
	some r in results
	r.evidence.bridges == ["bridge:br0"]
}

test_unknown_password_counts if {
	count(deny_for([iface("bridge:br0")], [fx.console("spice", "0.0.0.0", null)])) == 1
}

test_near_misses_pass if {
	# Password set (db-01 in the demo), loopback console, NAT network only, no console.
	count(deny_for([iface("bridge:br0"), iface("bridge:br1")], [fx.console("vnc", "0.0.0.0", true)])) == 0
	count(deny_for([iface("bridge:br0")], [fx.console("spice", "127.0.0.1", false)])) == 0
	count(deny_for([iface("network:default")], [fx.console("vnc", "0.0.0.0", false)])) == 0
	count(deny_for([iface("bridge:br0")], [])) == 0
}
