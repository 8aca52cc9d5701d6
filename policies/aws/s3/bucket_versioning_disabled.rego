# METADATA
# title: S3 bucket versioning is off
# description: >-
#   The bucket does not keep object versions, so an overwrite or delete (by mistake, by ransomware or by a leaked key) cannot be undone.
# custom:
#   incremental: resource
#   id: aws.s3.bucket_versioning_disabled
#   severity: low
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled, with a lifecycle rule expiring noncurrent versions to bound the cost."
#   frameworks: {}
package cloudwarden.aws.s3.bucket_versioning_disabled

import data.cloudwarden.lib.aws_s3
import rego.v1

deny contains result if {
	some bucket in aws_s3.aws_buckets
	bucket.attrs.versioning == false
	result := {
		"resource": bucket.id,
		"msg": sprintf("%s does not have versioning enabled", [bucket.name]),
		"evidence": {"versioning": bucket.attrs.versioning},
	}
}
