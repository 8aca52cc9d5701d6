package cloudwarden.aws.iam.access_key_not_rotated_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.access_key_not_rotated as check
import rego.v1

carol := fx.user("carol", {})

world(attrs) := {"nodes": [carol, fx.key(carol, "AKIADEMOCAROL0000001", attrs)], "edges": []}

test_old_active_key_is_denied if {
	results := check.deny with input as world({"ageDays": 264})
	count(results) == 1
	some r in results
	r.msg == "Access key AKIA…0001 of carol is 264 days old (limit 90)"
}

test_young_inactive_or_parameterised_keys_pass if {
	count(check.deny) == 0 with input as world({"ageDays": 90})
	count(check.deny) == 0 with input as world({"ageDays": 264, "active": false})
	count(check.deny) == 0 with input as world({"ageDays": 264}) with data.cloudwarden.params.key_max_age_days as 365
}
