# METADATA
# title: S3 bucket ACL grants public write access
# description: >-
#   The bucket's ACL grants WRITE, WRITE_ACP or FULL_CONTROL to AllUsers (anyone on the internet) or
#   AuthenticatedUsers (anyone with any AWS account), and the grant is in effect: object ownership is
#   not BucketOwnerEnforced (which disables ACLs) and IgnorePublicAcls is off at both bucket and
#   account level. Anyone can upload, overwrite or delete objects, or rewrite the ACL itself.
# custom:
#   incremental: resource
#   id: aws.s3.bucket_public_write_by_acl
#   severity: critical
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "Disable ACLs: aws s3api put-bucket-ownership-controls --bucket BUCKET --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]' (or remove the grant: aws s3api put-bucket-acl --bucket BUCKET --acl private)."
#     - "Turn on Block Public Access for the bucket and the account: aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true; aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration (same settings)."
#   frameworks: {}
package cloudwarden.aws.s3.bucket_public_write_by_acl

import data.cloudwarden.lib.aws_s3
import rego.v1

deny contains result if {
	some bucket in aws_s3.aws_buckets
	grants := {grant | some grant in aws_s3.public_acl_grants(bucket); grant.access == "write"}
	count(grants) > 0
	result := {
		"resource": bucket.id,
		"msg": sprintf("%s grants %s to %s by ACL", [bucket.name, concat(", ", sort({g.permission | some g in grants})), concat(", ", sort({g.grantee | some g in grants}))]),
		"evidence": {"publicGrants": sort(grants), "objectOwnership": bucket.attrs.objectOwnership, "publicAccessBlock": bucket.attrs.publicAccessBlock},
	}
}
