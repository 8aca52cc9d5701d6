# METADATA
# title: Cloud Storage bucket without object versioning
# description: >-
#   Object versioning is off: an overwritten or deleted object (by mistake, a compromised key or
#   ransomware) cannot be recovered from the bucket itself.
# custom:
#   incremental: resource
#   id: gcp.storage.bucket_versioning_disabled
#   severity: low
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "gcloud storage buckets update gs://BUCKET --versioning, with a lifecycle rule deleting noncurrent versions after N days to bound the cost."
#     - "For data that must not change, use a retention policy (and lock it) instead."
#   frameworks: {}
package cloudwarden.gcp.storage.bucket_versioning_disabled

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	bucket.provider == "gcp"
	bucket.attrs.versioning == false
	not locked_retention(bucket)
	result := {
		"resource": bucket.id,
		"msg": sprintf("Bucket %s has object versioning disabled", [bucket.name]),
		"evidence": {"versioning": false, "retentionPeriodSeconds": object.get(bucket.attrs, "retentionPeriodSeconds", null)},
	}
}

# A locked retention policy already protects objects from overwrite and deletion.
locked_retention(bucket) if bucket.attrs.retentionLocked == true
