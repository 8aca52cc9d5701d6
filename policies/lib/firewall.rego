# METADATA
# title: Firewall exposure helpers
# description: >-
#   Which normalized firewall rules (AWS security groups, GCP firewall rules, Azure NSGs) admit the
#   whole internet, on which ports, and whether a deny rule of higher precedence takes it back.
package cloudwarden.lib.firewall

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.net
import rego.v1

admin_ports := {22: "SSH", 3389: "RDP"}

database_ports := {
	1433: "SQL Server",
	1521: "Oracle",
	3306: "MySQL",
	5432: "PostgreSQL",
	5984: "CouchDB",
	6379: "Redis",
	9042: "Cassandra",
	9200: "Elasticsearch",
	11211: "Memcached",
	27017: "MongoDB",
}

# Ports whose exposure to the internet is a finding on its own (admin and database services).
sensitive_ports := object.union(admin_ports, database_ports)

# Protocols that carry TCP ports; "6" is TCP by number.
tcp_protocols := {"tcp", "all", "6", "*"}

# An ingress allow rule with a world source, for a protocol that carries TCP.
world_ingress_allow(rule) if {
	rule.direction == "ingress"
	rule.action == "allow"
	rule.protocol in tcp_protocols
	some source in rule.sources
	net.is_world(source)
}

# The world sources of a rule.
world_sources(rule) := {source | some source in rule.sources; net.is_world(source)}

# The rule covers every port: no port ranges, or one range spanning 1-65535.
covers_all_ports(rule) if count(rule.ports) == 0

covers_all_ports(rule) if {
	some range in rule.ports
	range[0] <= 1
	range[1] >= 65535
}

# A world-facing ingress deny rule for the port with a lower priority number (evaluated first)
# than `rule`, in `firewall`: the allow never applies to internet traffic on that port.
denied_before(firewall, rule, port) if {
	is_number(rule.priority)
	some other in firewall.attrs.rules
	other.direction == "ingress"
	other.action == "deny"
	is_number(other.priority)
	other.priority < rule.priority
	other.protocol in {rule.protocol, "all", "*"}
	net.covers_port(other, port)
	some source in other.sources
	net.is_world(source)
}

# The allow `rule` of `firewall` exposes `port` to the internet: no deny in the same firewall overrides it.
exposes_port(firewall, rule, port) if {
	world_ingress_allow(rule)
	net.covers_port(rule, port)
	not denied_before(firewall, rule, port)
}

# Firewalls attached to an instance (protected_by edges).
protecting(instance_id) := [fw |
	some edge in graph.edges_from[instance_id]
	edge.kind == "protected_by"
	fw := graph.node_by_id[edge.to]
	fw.kind == "network.firewall"
]

# Sensitive ports an instance exposes to the internet through the firewalls protecting it: a set of
# {firewall, port, service, source}. A deny evaluated first in any firewall of the instance wins.
instance_exposures(instance) := {exposure |
	firewalls := protecting(instance.id)
	some firewall in firewalls
	some rule in firewall.attrs.rules
	world_ingress_allow(rule)
	some port, service in sensitive_ports
	net.covers_port(rule, port)
	not denied_before(firewall, rule, port)
	not denied_by_any(firewalls, rule, port)
	some source in world_sources(rule)
	exposure := {"firewall": firewall.id, "firewallName": firewall.name, "port": port, "service": service, "source": source}
}

denied_by_any(firewalls, rule, port) if {
	some other in firewalls
	denied_before(other, rule, port)
}

# The instance can serve traffic now: not stopped, deallocated or terminated.
reachable_state(instance) if not instance.attrs.state in {"stopped", "terminated"}

# The instance has a public (internet-routable) address.
has_public_ip(instance) if count(object.get(instance.attrs, "publicIps", [])) > 0
