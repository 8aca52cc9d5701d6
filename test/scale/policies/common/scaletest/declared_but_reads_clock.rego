# METADATA
# title: Old access key (test, declared resource-scoped but reads the clock through a library)
# description: iam.age_days calls time.now_ns, so the declaration must be overruled.
# custom:
#   id: common.scaletest.declared_but_reads_clock
#   severity: low
#   resource_kinds: [iam.access_key]
#   incremental: resource
#   recommended_actions:
#     - Rotate the key.
#   frameworks: {}
package cloudwarden.common.scaletest.declared_but_reads_clock

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.iam
import rego.v1

deny contains result if {
	some key in graph.nodes_by_kind["iam.access_key"]
	iam.age_days(key) > 3650
	result := {"resource": key.id, "msg": sprintf("%s is older than ten years", [key.name])}
}
