# METADATA
# title: Bucket without versioning (test, resource-scoped)
# description: A per-node check declared resource-scoped for incremental reuse.
# custom:
#   id: common.scaletest.bucket_unversioned
#   severity: low
#   resource_kinds: [storage.bucket]
#   incremental: resource
#   recommended_actions:
#     - Enable versioning.
#   frameworks: {}
package cloudwarden.common.scaletest.bucket_unversioned

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	bucket.attrs.versioning == false
	result := {"resource": bucket.id, "msg": sprintf("%s is not versioned", [bucket.name])}
}
