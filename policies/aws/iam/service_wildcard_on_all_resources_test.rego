package cloudwarden.aws.iam.service_wildcard_on_all_resources_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.service_wildcard_on_all_resources as check
import rego.v1

test_service_wildcard_on_star_is_denied if {
	results := check.deny with input as {"nodes": [fx.user("u", {"inlineStatements": [fx.stmt("Allow", ["s3:*", "iam:*", "ec2:Describe*"], ["*"], {})]})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "User u is allowed iam:*, s3:* on every resource through an inline policy"
}

test_prefixes_scopes_conditions_and_admin_pass if {
	# Read-only prefixes (ReadOnlyAccess shapes) are not whole services.
	count(check.deny) == 0 with input as {"nodes": [fx.user("u", {"inlineStatements": [fx.stmt("Allow", ["s3:Get*", "s3:List*"], ["*"], {})]})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.user("u", {"inlineStatements": [fx.stmt("Allow", ["s3:*"], ["arn:aws:s3:::b1", "arn:aws:s3:::b1/*"], {})]})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.user("u", {"inlineStatements": [fx.stmt("Allow", ["s3:*"], ["*"], {"StringEquals": {"aws:SourceVpce": ["vpce-1"]}})]})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.user("u", {"inlineStatements": [fx.stmt("Allow", ["*"], ["*"], {}), fx.stmt("Allow", ["s3:*"], ["*"], {})]})], "edges": []}
}
