# METADATA
# title: S3 bucket server access logging is off
# description: >-
#   The bucket writes no server access logs, so reads and writes of its objects cannot be reviewed after an incident (CloudTrail data events are the alternative).
# custom:
#   incremental: resource
#   id: aws.s3.bucket_access_logging_disabled
#   severity: low
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "aws s3api put-bucket-logging --bucket BUCKET --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"LOG_BUCKET\",\"TargetPrefix\":\"BUCKET/\"}}' (or enable CloudTrail S3 data events for it)."
#   frameworks: {}
package cloudwarden.aws.s3.bucket_access_logging_disabled

import data.cloudwarden.lib.aws_s3
import rego.v1

deny contains result if {
	some bucket in aws_s3.aws_buckets
	bucket.attrs.logging == false
	result := {
		"resource": bucket.id,
		"msg": sprintf("%s does not write server access logs", [bucket.name]),
		"evidence": {"logging": bucket.attrs.logging},
	}
}
