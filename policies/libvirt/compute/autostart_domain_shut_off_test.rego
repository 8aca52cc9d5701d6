package cloudwarden.libvirt.compute.autostart_domain_shut_off_test

import data.cloudwarden.libvirt.compute.autostart_domain_shut_off as check
import rego.v1

vm(autostart, state) := {
	"id": "libvirt://h1/domain/2222",
	"provider": "libvirt",
	"kind": "compute.instance",
	"name": "old-vm",
	"tags": {},
	"attrs": {"state": state, "stateSince": null, "autostart": autostart, "publicIps": [], "privateIps": []},
}

test_autostart_shut_off_is_reported if {
	results := check.deny with input as {"nodes": [vm(true, "stopped")], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "old-vm is set to autostart but is shut off"
}

test_running_no_autostart_and_unknown_pass if {
	count(check.deny) == 0 with input as {"nodes": [vm(true, "running")], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [vm(false, "stopped")], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [vm(null, "stopped")], "edges": []}
}
