# METADATA
# title: Network helpers
# description: Address and port facts shared by network checks.
package cloudwarden.lib.net

import rego.v1

# Addresses that only the host itself can reach.
is_loopback(addr) if addr == "localhost"

is_loopback(addr) if addr == "::1"

is_loopback(addr) if {
	is_string(addr)
	not contains(addr, ":")
	net.cidr_contains("127.0.0.0/8", addr)
}

# Sources that mean "anyone on the internet" in AWS, GCP and Azure rules.
world_sources := {"0.0.0.0/0", "::/0", "*", "Internet", "Any", "any"}

is_world(source) if source in world_sources

# A rule's port ranges include the port; no ranges means every port.
covers_port(rule, port) if count(rule.ports) == 0

covers_port(rule, port) if {
	some range in rule.ports
	range[0] <= port
	port <= range[1]
}
