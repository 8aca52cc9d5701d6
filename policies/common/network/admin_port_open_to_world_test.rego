package cloudwarden.common.network.admin_port_open_to_world_test

import data.cloudwarden.common.network.admin_port_open_to_world as check
import rego.v1

sg(rules) := {"id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1", "kind": "network.firewall", "name": "web-sg", "attrs": {"rules": rules}}

rule(direction, action, protocol, ports, sources) := {"direction": direction, "action": action, "protocol": protocol, "ports": ports, "sources": sources}

deny_for(rules) := results if {
	results := check.deny with input as {"nodes": [sg(rules)], "edges": []}
}

test_ssh_from_anywhere_ipv4 if {
	results := deny_for([rule("ingress", "allow", "tcp", [[22, 22]], ["0.0.0.0/0"])])
	count(results) == 1
	some r in results
	r.evidence.port == 22
	r.msg == "web-sg admits SSH (port 22) from 0.0.0.0/0"
}

test_rdp_from_anywhere_ipv6_and_azure_tags if {
	count(deny_for([rule("ingress", "allow", "tcp", [[3389, 3389]], ["::/0"])])) == 1
	count(deny_for([rule("ingress", "allow", "tcp", [[3389, 3389]], ["Internet"])])) == 1
	count(deny_for([rule("ingress", "allow", "tcp", [[22, 22]], ["*"])])) == 1
}

test_all_ports_and_all_protocols_cover_both_services if {
	count(deny_for([rule("ingress", "allow", "all", [], ["0.0.0.0/0"])])) == 2
}

test_a_range_including_22 if {
	count(deny_for([rule("ingress", "allow", "tcp", [[0, 1024]], ["0.0.0.0/0"])])) == 1
}

test_corporate_range_passes if {
	count(deny_for([rule("ingress", "allow", "tcp", [[22, 22]], ["198.51.100.0/24"])])) == 0
}

test_egress_deny_udp_and_other_ports_pass if {
	count(deny_for([rule("egress", "allow", "tcp", [[22, 22]], ["0.0.0.0/0"])])) == 0
	count(deny_for([rule("ingress", "deny", "tcp", [[22, 22]], ["0.0.0.0/0"])])) == 0
	count(deny_for([rule("ingress", "allow", "udp", [[22, 22]], ["0.0.0.0/0"])])) == 0
	count(deny_for([rule("ingress", "allow", "tcp", [[443, 443]], ["0.0.0.0/0"])])) == 0
}

nsg_rule(direction, action, ports, sources, priority) := {"direction": direction, "action": action, "protocol": "tcp", "ports": ports, "sources": sources, "priority": priority}

test_azure_deny_with_higher_precedence_cancels_the_allow if {
	count(deny_for([nsg_rule("ingress", "deny", [[22, 22]], ["Internet"], 100), nsg_rule("ingress", "allow", [[22, 22]], ["*"], 200)])) == 0
}

test_deny_evaluated_later_does_not_cancel if {
	count(deny_for([nsg_rule("ingress", "deny", [[22, 22]], ["Internet"], 300), nsg_rule("ingress", "allow", [[22, 22]], ["*"], 200)])) == 1
	count(deny_for([nsg_rule("ingress", "deny", [[23, 23]], ["Internet"], 100), nsg_rule("ingress", "allow", [[22, 22]], ["*"], 200)])) == 1
}
