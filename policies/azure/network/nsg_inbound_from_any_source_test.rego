package cloudwarden.azure.network.nsg_inbound_from_any_source_test

import data.cloudwarden.azure.network.nsg_inbound_from_any_source as check
import rego.v1

nsg(rules) := {"id": "/subscriptions/s1/resourcegroups/rg/providers/microsoft.network/networksecuritygroups/nsg1", "provider": "azure", "kind": "network.firewall", "name": "nsg1", "tags": {}, "attrs": {"rules": rules}}

rule(direction, action, protocol, ports, sources, priority) := {"direction": direction, "action": action, "protocol": protocol, "ports": ports, "sources": sources, "priority": priority}

deny_for(rules) := results if {
	results := check.deny with input as {"nodes": [nsg(rules)], "edges": []}
}

test_any_source_on_a_port_is_denied if {
	results := deny_for([rule("ingress", "allow", "tcp", [[8080, 8081]], ["*"], 100)])
	count(results) == 1
	some r in results
	r.msg == "nsg1 allows tcp on ports 8080-8081 from any source (priority 100)"
}

test_near_misses_pass if {
	count(deny_for([rule("ingress", "allow", "tcp", [[443, 443]], ["Internet"], 110)])) == 0
	count(deny_for([rule("ingress", "allow", "all", [], ["VirtualNetwork"], 65000)])) == 0
	count(deny_for([rule("ingress", "deny", "all", [], ["*"], 65500)])) == 0
	count(deny_for([rule("egress", "allow", "tcp", [[22, 22]], ["*"], 120)])) == 0
	count(deny_for([rule("ingress", "allow", "tcp", [[22, 22]], ["198.51.100.0/24"], 100)])) == 0
}

test_other_providers_are_out_of_scope if {
	sg := object.union(nsg([rule("ingress", "allow", "tcp", [[80, 80]], ["*"], 100)]), {"provider": "gcp"})
	count(check.deny) == 0 with input as {"nodes": [sg], "edges": []}
}
