# METADATA
# title: S3 bucket has no default encryption
# description: >-
#   The bucket has no default server-side encryption configuration (GetBucketEncryption: ServerSideEncryptionConfigurationNotFoundError). Since January 2023 S3 encrypts new objects with SSE-S3 regardless, but objects written before, and buckets in partitions without that default, may be stored unencrypted; an explicit configuration (preferably SSE-KMS) also makes the choice auditable.
# custom:
#   incremental: resource
#   id: aws.s3.bucket_default_encryption_disabled
#   severity: low
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\"},\"BucketKeyEnabled\":true}]}', then re-encrypt old objects in place with S3 Batch Operations (copy)."
#   frameworks: {}
package cloudwarden.aws.s3.bucket_default_encryption_disabled

import data.cloudwarden.lib.aws_s3
import rego.v1

deny contains result if {
	some bucket in aws_s3.aws_buckets
	bucket.attrs.encryption == "none"
	result := {
		"resource": bucket.id,
		"msg": sprintf("%s has no default encryption configuration", [bucket.name]),
		"evidence": {"encryption": bucket.attrs.encryption},
	}
}
