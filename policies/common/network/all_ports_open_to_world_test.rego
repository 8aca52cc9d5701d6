package cloudwarden.common.network.all_ports_open_to_world_test

import data.cloudwarden.common.network.admin_port_open_to_world_test as fx
import data.cloudwarden.common.network.all_ports_open_to_world as check
import rego.v1

deny_for(rules) := results if {
	results := check.deny with input as {"nodes": [fx.sg(rules)], "edges": []}
}

test_all_protocols_from_anywhere_is_denied if {
	results := deny_for([fx.rule("ingress", "allow", "all", [], ["0.0.0.0/0"])])
	count(results) == 1
	some r in results
	r.msg == "web-sg admits all traffic from 0.0.0.0/0"
}

test_full_tcp_range_is_denied if {
	results := deny_for([fx.rule("ingress", "allow", "tcp", [[0, 65535]], ["Internet"])])
	count(results) == 1
	some r in results
	r.msg == "web-sg admits every TCP port from Internet"
}

test_near_misses_pass if {
	count(deny_for([fx.rule("ingress", "allow", "tcp", [[1024, 65535]], ["0.0.0.0/0"])])) == 0
	count(deny_for([fx.rule("ingress", "allow", "all", [], ["10.128.0.0/9"])])) == 0
	count(deny_for([fx.rule("ingress", "allow", "all", [], ["VirtualNetwork"])])) == 0
	count(deny_for([fx.rule("egress", "allow", "all", [], ["0.0.0.0/0"])])) == 0
	count(deny_for([fx.rule("ingress", "deny", "all", [], ["*"])])) == 0
	count(deny_for([fx.rule("ingress", "allow", "icmp", [], ["0.0.0.0/0"])])) == 0
}
