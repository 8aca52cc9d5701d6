package cloudwarden.aws.iam.password_policy_short_minimum_length_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.password_policy_short_minimum_length as check
import rego.v1

weak := {"MinimumPasswordLength": 8, "RequireSymbols": false, "RequireNumbers": true, "RequireUppercaseCharacters": false, "RequireLowercaseCharacters": true}

test_short_or_missing_policy_is_denied if {
	results := check.deny with input as {"nodes": [fx.account_node({"passwordPolicy": weak})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "Account 111122223333 (demo) accepts IAM passwords of 8 characters (minimum 14)"
	r.evidence.classesNotRequired == ["symbols", "uppercase"]
	count(check.deny) == 1 with input as {"nodes": [fx.account_node({"passwordPolicy": null})], "edges": []}
}

test_long_enough_or_unread_policy_passes if {
	count(check.deny) == 0 with input as {"nodes": [fx.account_node({"passwordPolicy": object.union(weak, {"MinimumPasswordLength": 16})})], "edges": []}
	unread := object.remove(fx.account_node({}), ["attrs"])
	count(check.deny) == 0 with input as {"nodes": [object.union(unread, {"attrs": {"rootMfaActive": true}})], "edges": []}
	# The threshold is a parameter.
	count(check.deny) == 0 with input as {"nodes": [fx.account_node({"passwordPolicy": weak})], "edges": []} with data.cloudwarden.params.password_min_length as 8
}
