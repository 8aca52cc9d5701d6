# METADATA
# title: Cloud Storage bucket without usage logging
# description: >-
#   The bucket writes no usage (access) logs to a log bucket. Without Cloud Audit Logs data-access
#   logging enabled for Cloud Storage either, there is no record of who downloaded which object.
# custom:
#   incremental: resource
#   id: gcp.storage.bucket_access_logging_disabled
#   severity: low
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "gcloud storage buckets update gs://BUCKET --log-bucket=gs://LOG_BUCKET --log-object-prefix=BUCKET, or enable DATA_READ audit logs for storage.googleapis.com in the project's IAM audit config."
#   frameworks: {}
package cloudwarden.gcp.storage.bucket_access_logging_disabled

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	bucket.provider == "gcp"
	bucket.attrs.logging == false
	result := {
		"resource": bucket.id,
		"msg": sprintf("Bucket %s has no usage logging", [bucket.name]),
		"evidence": {"logging": false, "logBucket": object.get(bucket.attrs, "logBucket", null)},
	}
}
