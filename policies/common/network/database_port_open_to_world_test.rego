package cloudwarden.common.network.database_port_open_to_world_test

import data.cloudwarden.common.network.admin_port_open_to_world_test as fx
import data.cloudwarden.common.network.database_port_open_to_world as check
import rego.v1

deny_for(rules) := results if {
	results := check.deny with input as {"nodes": [fx.sg(rules)], "edges": []}
}

test_postgres_from_anywhere_is_denied if {
	results := deny_for([fx.rule("ingress", "allow", "tcp", [[5432, 5432]], ["0.0.0.0/0"])])
	count(results) == 1
	some r in results
	r.msg == "web-sg admits PostgreSQL (port 5432) from 0.0.0.0/0"
}

test_a_range_covering_several_databases if {
	# 3306 and 5432 (and 5984) fall in 3000-6000.
	count(deny_for([fx.rule("ingress", "allow", "tcp", [[3000, 6000]], ["::/0"])])) == 3
}

test_all_protocols_all_ports_covers_every_database if {
	count(deny_for([fx.rule("ingress", "allow", "all", [], ["*"])])) == 10
}

test_near_misses_pass if {
	count(deny_for([fx.rule("ingress", "allow", "tcp", [[5432, 5432]], ["10.0.0.0/8"])])) == 0
	count(deny_for([fx.rule("egress", "allow", "tcp", [[5432, 5432]], ["0.0.0.0/0"])])) == 0
	count(deny_for([fx.rule("ingress", "deny", "tcp", [[5432, 5432]], ["0.0.0.0/0"])])) == 0
	count(deny_for([fx.rule("ingress", "allow", "udp", [[6379, 6379]], ["0.0.0.0/0"])])) == 0
	count(deny_for([fx.rule("ingress", "allow", "tcp", [[443, 443]], ["0.0.0.0/0"])])) == 0
}

test_earlier_deny_in_the_same_nsg_cancels if {
	allow := object.union(fx.rule("ingress", "allow", "tcp", [[1433, 1433]], ["Internet"]), {"priority": 200})
	deny := object.union(fx.rule("ingress", "deny", "all", [], ["*"]), {"priority": 100})
	count(deny_for([deny, allow])) == 0
}
