# METADATA
# title: Cloud Storage bucket uses fine-grained ACLs
# description: >-
#   Uniform bucket-level access is off, so object ACLs can grant access that the bucket's IAM
#   policy does not show. A single object made public through its ACL is invisible to IAM reviews.
# custom:
#   incremental: resource
#   id: gcp.storage.uniform_bucket_level_access_disabled
#   severity: medium
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "Move the ACL grants to IAM bindings, then: gcloud storage buckets update gs://BUCKET --uniform-bucket-level-access."
#     - "Enforce it for new buckets with the organization policy constraints/storage.uniformBucketLevelAccess."
#   frameworks:
#     cis-gcp-3.0: ["5.2"]
package cloudwarden.gcp.storage.uniform_bucket_level_access_disabled

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	bucket.provider == "gcp"
	bucket.attrs.uniformBucketLevelAccess == false
	result := {
		"resource": bucket.id,
		"msg": sprintf("Bucket %s has uniform bucket-level access disabled (object ACLs apply)", [bucket.name]),
		"evidence": {"uniformBucketLevelAccess": false, "aclGrants": bucket.attrs.aclGrants},
	}
}
