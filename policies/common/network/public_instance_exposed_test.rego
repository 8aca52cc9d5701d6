package cloudwarden.common.network.public_instance_exposed_test

import data.cloudwarden.common.network.public_instance_exposed as check
import rego.v1

vm_id := "//compute.googleapis.com/projects/p1/zones/us-central1-a/instances/web-1"

vm(public_ips) := {"id": vm_id, "provider": "gcp", "kind": "compute.instance", "name": "web-1", "tags": {}, "attrs": {"state": "running", "publicIps": public_ips, "privateIps": ["10.0.0.2"]}}

fw(name, rules) := {"id": sprintf("//compute.googleapis.com/projects/p1/global/firewalls/%s", [name]), "provider": "gcp", "kind": "network.firewall", "name": name, "tags": {}, "attrs": {"rules": rules}}

rule(action, ports, sources, priority) := {"direction": "ingress", "action": action, "protocol": "tcp", "ports": ports, "sources": sources, "priority": priority}

world(instance, firewalls) := {
	"nodes": array.concat([instance], firewalls),
	"edges": [{"from": instance.id, "to": f.id, "kind": "protected_by"} | some f in firewalls],
}

ssh_world := fw("allow-ssh-world", [rule("allow", [[22, 22]], ["0.0.0.0/0"], 1000)])

test_public_vm_behind_world_open_ssh_is_denied if {
	results := check.deny with input as world(vm(["34.28.10.11"]), [ssh_world])
	count(results) == 1
	some r in results
	r.evidence.port == 22
	r.path == [{"node": ssh_world.id, "via": "protected_by"}, {"node": vm_id}]
}

test_database_port_counts if {
	count(check.deny) == 1 with input as world(vm(["34.28.10.11"]), [fw("db", [rule("allow", [[27017, 27017]], ["0.0.0.0/0"], 1000)])])
}

test_no_public_ip_passes if {
	count(check.deny) == 0 with input as world(vm([]), [ssh_world])
}

test_web_ports_corporate_ranges_and_unattached_firewalls_pass if {
	count(check.deny) == 0 with input as world(vm(["34.28.10.11"]), [fw("https", [rule("allow", [[443, 443]], ["0.0.0.0/0"], 1000)])])
	count(check.deny) == 0 with input as world(vm(["34.28.10.11"]), [fw("corp", [rule("allow", [[22, 22]], ["203.0.113.0/24"], 1000)])])
	count(check.deny) == 0 with input as {"nodes": [vm(["34.28.10.11"]), ssh_world], "edges": []}
}

test_a_deny_evaluated_first_in_another_firewall_of_the_instance_wins if {
	count(check.deny) == 0 with input as world(vm(["34.28.10.11"]), [ssh_world, fw("deny-ssh", [rule("deny", [[22, 22]], ["0.0.0.0/0"], 100)])])
	count(check.deny) == 1 with input as world(vm(["34.28.10.11"]), [ssh_world, fw("deny-telnet", [rule("deny", [[23, 23]], ["0.0.0.0/0"], 100)])])
}

test_stopped_instances_are_left_to_the_firewall_checks if {
	stopped := json.patch(vm(["34.28.10.11"]), [{"op": "replace", "path": "/attrs/state", "value": "stopped"}])
	count(check.deny) == 0 with input as world(stopped, [ssh_world])
}
