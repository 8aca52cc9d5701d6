# METADATA
# title: S3 bucket policy grants public read access
# description: >-
#   A bucket policy statement allows reading (s3:GetObject, s3:ListBucket …) to "*", {"AWS": "*"} or any account's
#   root, with no condition restricting it to known parties (aws:SourceVpce, aws:SourceVpc,
#   aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, aws:SourceArn, aws:PrincipalArn, a
#   fixed aws:SourceIp range …; IfExists operators do not count), RestrictPublicBuckets is off at
#   bucket and account level, and no Deny to everyone takes the same actions back.
# custom:
#   incremental: resource
#   id: aws.s3.bucket_public_read_by_policy
#   severity: high
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "Restrict the statement to known principals or add a condition (aws:PrincipalOrgID, aws:SourceVpce), or remove it: aws s3api get-bucket-policy --bucket BUCKET, edit, then aws s3api put-bucket-policy --bucket BUCKET --policy file://policy.json."
#     - "Serve public content through CloudFront with origin access control instead, and turn on Block Public Access (RestrictPublicBuckets) for the bucket and the account."
#   frameworks: {}
package cloudwarden.aws.s3.bucket_public_read_by_policy

import data.cloudwarden.lib.aws_s3
import rego.v1

deny contains result if {
	some bucket in aws_s3.aws_buckets
	grants := {grant | some grant in aws_s3.public_policy_grants(bucket); grant.access == "read"}
	count(grants) > 0
	result := {
		"resource": bucket.id,
		"msg": sprintf("%s allows %s to anyone by bucket policy", [bucket.name, concat(", ", sort({a | some g in grants; some a in g.actions}))]),
		"evidence": {"publicStatements": sort(grants), "publicAccessBlock": bucket.attrs.publicAccessBlock, "policyIsPublic": object.get(bucket.attrs, "policyIsPublic", null)},
	}
}
