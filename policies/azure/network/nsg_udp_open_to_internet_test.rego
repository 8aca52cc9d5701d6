package cloudwarden.azure.network.nsg_udp_open_to_internet_test

import data.cloudwarden.azure.network.nsg_inbound_from_any_source_test as fx
import data.cloudwarden.azure.network.nsg_udp_open_to_internet as check
import rego.v1

deny_for(rules) := results if {
	results := check.deny with input as {"nodes": [fx.nsg(rules)], "edges": []}
}

test_udp_from_internet_is_denied if {
	count(deny_for([fx.rule("ingress", "allow", "udp", [[53, 53]], ["Internet"], 100)])) == 1
	count(deny_for([fx.rule("ingress", "allow", "udp", [[123, 123]], ["0.0.0.0/0"], 100)])) == 1
}

test_tcp_private_sources_egress_and_deny_pass if {
	count(deny_for([fx.rule("ingress", "allow", "tcp", [[53, 53]], ["Internet"], 100)])) == 0
	count(deny_for([fx.rule("ingress", "allow", "udp", [[53, 53]], ["10.0.0.0/8"], 100)])) == 0
	count(deny_for([fx.rule("egress", "allow", "udp", [[53, 53]], ["Internet"], 100)])) == 0
	count(deny_for([fx.rule("ingress", "deny", "udp", [[53, 53]], ["Internet"], 100)])) == 0
}
