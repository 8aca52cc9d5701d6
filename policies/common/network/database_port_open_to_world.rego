# METADATA
# title: Database port open to the whole internet
# description: >-
#   A firewall rule (AWS security group, GCP firewall rule, Azure NSG) admits TCP traffic from any
#   address to a database or cache port: MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521,
#   MongoDB 27017, Redis 6379, Elasticsearch 9200, CouchDB 5984, Memcached 11211 or Cassandra 9042.
#   These services are found by internet-wide scans within hours and several have no authentication
#   by default. A deny rule evaluated earlier in the same firewall cancels the finding.
# custom:
#   incremental: resource
#   id: common.network.database_port_open_to_world
#   severity: high
#   resource_kinds: [network.firewall]
#   recommended_actions:
#     - "Remove the rule, or restrict its source to the application servers' security group, subnet or addresses."
#     - "Reach databases privately: AWS RDS in private subnets, GCP Cloud SQL private IP or the Auth Proxy, Azure private endpoints."
#   frameworks: {}
package cloudwarden.common.network.database_port_open_to_world

import data.cloudwarden.lib.firewall
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.net
import rego.v1

deny contains result if {
	some fw in graph.nodes_by_kind["network.firewall"]
	some rule in fw.attrs.rules
	firewall.world_ingress_allow(rule)
	some port, service in firewall.database_ports
	net.covers_port(rule, port)
	not firewall.denied_before(fw, rule, port)
	some source in firewall.world_sources(rule)
	result := {
		"resource": fw.id,
		"msg": sprintf("%s admits %s (port %d) from %s", [fw.name, service, port, source]),
		"discriminator": sprintf("%d/%s", [port, source]),
		"evidence": {"port": port, "service": service, "source": source, "protocol": rule.protocol, "ports": rule.ports},
	}
}
