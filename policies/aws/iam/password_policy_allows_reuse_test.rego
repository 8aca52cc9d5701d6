package cloudwarden.aws.iam.password_policy_allows_reuse_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.password_policy_allows_reuse as check
import rego.v1

test_no_reuse_prevention_is_denied if {
	results := check.deny with input as {"nodes": [fx.account_node({"passwordPolicy": {"MinimumPasswordLength": 16}})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "Account 111122223333 (demo) remembers 0 previous IAM passwords (at least 24 required)"
	count(check.deny) == 1 with input as {"nodes": [fx.account_node({"passwordPolicy": {"PasswordReusePrevention": 5}})], "edges": []}
	count(check.deny) == 1 with input as {"nodes": [fx.account_node({"passwordPolicy": null})], "edges": []}
}

test_reuse_prevented_or_unread_passes if {
	count(check.deny) == 0 with input as {"nodes": [fx.account_node({"passwordPolicy": {"PasswordReusePrevention": 24}})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [object.union(object.remove(fx.account_node({}), ["attrs"]), {"attrs": {}})], "edges": []}
}
