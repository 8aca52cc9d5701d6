package cloudwarden.aws.s3.bucket_public_write_by_policy_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.s3.bucket_public_write_by_policy as check
import rego.v1

world(statements, extra) := {"nodes": [fx.bucket("b1", object.union({"policyStatements": statements}, extra))], "edges": []}

test_public_put_or_star_is_denied if {
	results := check.deny with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:PutObject"], {})], {})
	count(results) == 1
	some r in results
	r.msg == "b1 allows s3:PutObject to anyone by bucket policy"
	count(check.deny) == 1 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:*"], {})], {})
}

test_read_only_restricted_or_denied_pass if {
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:GetObject"], {})], {})
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:*"], {"StringEquals": {"aws:PrincipalOrgID": ["o-1"]}})], {})
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:PutObject"], {})], {"publicAccessBlock": {"bucket": null, "account": fx.pab(true)}})
	count(check.deny) == 0 with input as world([fx.bucket_stmt("Allow", ["*"], ["s3:PutObject", "s3:DeleteObject"], {}), fx.bucket_stmt("Deny", ["*"], ["s3:Put*", "s3:Delete*"], {})], {})
}
