package cloudwarden.aws.s3.bucket_public_read_by_policy_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.s3.bucket_public_read_by_policy as check
import rego.v1

world(statements, extra) := {"nodes": [fx.bucket("b1", object.union({"policyStatements": statements}, extra))], "edges": []}

public_get := fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {})

test_public_get_object_is_denied if {
	results := check.deny with input as world([public_get], {})
	count(results) == 1
	some r in results
	r.msg == "b1 allows s3:GetObject to anyone by bucket policy"
	count(check.deny) == 1 with input as world([fx.bucket_stmt("Allow", ["AWS:*"], ["s3:Get*"], {})], {})
	count(check.deny) == 1 with input as world([fx.bucket_stmt("Allow", ["AWS:arn:aws:iam::*:root"], ["s3:ListBucket"], {})], {})
}

test_conditions_that_do_not_restrict_still_deny if {
	# IfExists is vacuous without the key; a wildcard value pins nothing; a world range is no range.
	count(check.deny) == 1 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"StringEqualsIfExists": {"aws:SourceVpce": ["vpce-1"]}})], {})
	count(check.deny) == 1 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"StringLike": {"aws:PrincipalArn": ["*"]}})], {})
	count(check.deny) == 1 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"IpAddress": {"aws:SourceIp": ["0.0.0.0/0"]}})], {})
	count(check.deny) == 1 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"Bool": {"aws:SecureTransport": ["true"]}})], {})
}

test_restricting_conditions_pass if {
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"StringEquals": {"aws:SourceVpce": ["vpce-0demo00000000s3gw"]}})], {})
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"StringEquals": {"aws:PrincipalOrgID": ["o-demo7k2x9p"]}})], {})
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"StringEquals": {"aws:SourceVpc": ["vpc-1"]}})], {})
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"StringEquals": {"aws:PrincipalAccount": ["111122223333"]}})], {})
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"ArnLike": {"aws:SourceArn": ["arn:aws:cloudfront::111122223333:distribution/E1"]}})], {})
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8"]}})], {})
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"IpAddress": {"aws:SourceIp": ["203.0.113.5", "198.51.100.0/24"]}})], {})
	count(check.deny) == 1 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {"IpAddress": {"aws:SourceIp": ["203.0.113.5", "0.0.0.0/1"]}})], {})
}

test_blocks_denies_and_named_principals_pass if {
	# RestrictPublicBuckets at bucket or account level.
	count(check.deny) == 0 with input as world([public_get], {"publicAccessBlock": {"bucket": fx.pab(true), "account": null}})
	count(check.deny) == 0 with input as world([public_get], {"publicAccessBlock": {"bucket": null, "account": fx.pab(true)}})
	# A Deny to everyone for the same action, unconditional or "unless from my endpoint".
	count(check.deny) == 0 with input as world([public_get, fx.bucket_stmt("Deny", ["*"], ["s3:*"], {})], {})
	count(check.deny) == 0 with input as world([public_get, fx.bucket_stmt("Deny", ["*"], ["s3:GetObject"], {"StringNotEquals": {"aws:SourceVpce": ["vpce-1"]}})], {})
	# A foreign account by name is shared, not public.
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["AWS:arn:aws:iam::999988887777:root"], ["s3:GetObject"], {})], {})
	# A Deny for another action leaves the read public.
	count(check.deny) == 1 with input as world([public_get, fx.bucket_stmt("Deny", ["*"], ["s3:PutObject"], {})], {})
}

test_not_principal_allow_is_public if {
	stmt := object.union(fx.bucket_stmt("Allow", [], ["s3:GetObject"], {}), {"notPrincipals": ["AWS:arn:aws:iam::111122223333:root"]})
	results := check.deny with input as world([stmt], {})
	count(results) == 1
}
