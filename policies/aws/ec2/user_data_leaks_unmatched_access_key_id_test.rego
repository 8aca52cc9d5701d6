package cloudwarden.aws.ec2.user_data_leaks_unmatched_access_key_id_test

import data.cloudwarden.aws.ec2.user_data_key_fixtures_test as kx
import data.cloudwarden.aws.ec2.user_data_leaks_unmatched_access_key_id as check
import rego.v1

test_unknown_or_inactive_key_id_is_denied if {
	results := check.deny with input as {"nodes": [kx.lt], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "Launch template legacy-worker has access key id AKIA…MPLE in its user data (no key of the inventory)"
	inactive := check.deny with input as kx.world(false, true, [])
	some i in inactive
	i.msg == "Launch template legacy-worker has access key id AKIA…MPLE in its user data (an inactive key of the inventory)"
}

test_active_matches_pass if {
	count(check.deny) == 0 with input as kx.world(true, false, [])
	count(check.deny) == 0 with input as kx.world(true, true, [])
}
