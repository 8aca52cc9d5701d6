package cloudwarden.aws.iam.root_access_key_active_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.root_access_key_active as check
import rego.v1

test_bad_root_is_denied if {
	results := check.deny with input as {"nodes": [fx.account_node({"rootAccessKeysActive": true})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "Account 111122223333 (demo) root user has an active access key"
}

test_good_or_unknown_root_passes if {
	count(check.deny) == 0 with input as {"nodes": [fx.account_node({"rootAccessKeysActive": false})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.account_node({"rootAccessKeysActive": null})], "edges": []}
}
