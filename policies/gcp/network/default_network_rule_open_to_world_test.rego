package cloudwarden.gcp.network.default_network_rule_open_to_world_test

import data.cloudwarden.gcp.network.default_network_rule_open_to_world as check
import rego.v1

fw(name, network, rules) := {
	"id": sprintf("//compute.googleapis.com/projects/p1/global/firewalls/%s", [name]),
	"provider": "gcp",
	"kind": "network.firewall",
	"name": name,
	"tags": {},
	"attrs": {"rules": rules, "network": sprintf("//compute.googleapis.com/projects/p1/global/networks/%s", [network]), "disabled": false},
}

rule(action, protocol, ports, sources) := {"direction": "ingress", "action": action, "protocol": protocol, "ports": ports, "sources": sources, "priority": 65534}

deny_for(f) := results if {
	results := check.deny with input as {"nodes": [f], "edges": []}
}

test_default_allow_ssh_from_anywhere_is_denied if {
	results := deny_for(fw("default-allow-ssh", "default", [rule("allow", "tcp", [[22, 22]], ["0.0.0.0/0"])]))
	count(results) == 1
	some r in results
	r.msg == "Default network rule default-allow-ssh admits tcp from 0.0.0.0/0"
}

test_default_allow_icmp_is_denied if {
	count(deny_for(fw("default-allow-icmp", "default", [rule("allow", "icmp", [], ["0.0.0.0/0"])]))) == 1
}

test_internal_range_custom_name_other_network_and_disabled_pass if {
	count(deny_for(fw("default-allow-internal", "default", [rule("allow", "all", [], ["10.128.0.0/9"])]))) == 0
	count(deny_for(fw("dev-allow-internal", "default", [rule("allow", "all", [], ["0.0.0.0/0"])]))) == 0
	count(deny_for(fw("default-allow-ssh", "prod-vpc", [rule("allow", "tcp", [[22, 22]], ["0.0.0.0/0"])]))) == 0
	count(deny_for(fw("default-allow-ssh", "default", []))) == 0
}
