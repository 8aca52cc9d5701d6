# METADATA
# title: S3 Block Public Access is not fully on for the account
# description: >-
#   The account-level S3 Block Public Access configuration is missing or has one of its four
#   settings (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets) off, so
#   any bucket can be made public by one ACL or policy change. Read from the account block every AWS
#   bucket of the account carries; unknown settings (the call was denied) are not reported.
# custom:
#   id: aws.s3.account_public_access_block_disabled
#   severity: medium
#   resource_kinds: [account]
#   recommended_actions:
#     - "aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true (console: S3 → Block Public Access settings for this account)."
#     - "Buckets that must stay public (static websites) belong behind CloudFront with origin access control, or in an account set aside for them."
#   frameworks:
#     cis-aws-3.0: ["2.1.4"]
package cloudwarden.aws.s3.account_public_access_block_disabled

import data.cloudwarden.lib.aws_s3
import data.cloudwarden.lib.graph
import rego.v1

settings := ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"]

# The account block as the buckets of each account report it.
account_blocks[bucket.account] := bucket.attrs.publicAccessBlock.account if {
	some bucket in aws_s3.aws_buckets
	is_object(bucket.attrs.publicAccessBlock)
}

deny contains result if {
	some account_id, block in account_blocks
	account := graph.node_by_id[concat("", ["arn:aws:iam::", account_id, ":root"])]
	off := settings_off(block)
	count(off) > 0
	result := {
		"resource": account.id,
		"msg": message(account, block, off),
		"evidence": {"accountPublicAccessBlock": block, "settingsOff": off},
	}
}

settings_off(null) := settings

settings_off(block) := [name | some name in settings; block[name] == false] if block != null

message(account, null, _) := sprintf("Account %s (%s) has no S3 Block Public Access configuration", [account.account, account.name])

message(account, block, off) := sprintf("Account %s (%s) has S3 Block Public Access settings off: %s", [account.account, account.name, concat(", ", off)]) if block != null
