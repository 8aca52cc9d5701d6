package cloudwarden.libvirt.graphics.console_password_unknown_test

import data.cloudwarden.libvirt.graphics.console_open_without_password_test as fx
import data.cloudwarden.libvirt.graphics.console_password_unknown as check
import rego.v1

deny_for(consoles) := results if {
	results := check.deny with input as {"nodes": [fx.vm(consoles)], "edges": []}
}

test_unknown_password_on_all_interfaces_is_denied if {
	results := deny_for([fx.console("vnc", "0.0.0.0", null)])
	count(results) == 1
	some r in results
	r.msg == "VNC console of vm1 listens on 0.0.0.0; whether it has a password is unknown"
}

test_known_password_state_and_loopback_pass if {
	count(deny_for([fx.console("vnc", "0.0.0.0", false)])) == 0
	count(deny_for([fx.console("vnc", "0.0.0.0", true)])) == 0
	count(deny_for([fx.console("spice", "127.0.0.1", null)])) == 0
	count(deny_for([fx.console("vnc", null, null)])) == 0
}
