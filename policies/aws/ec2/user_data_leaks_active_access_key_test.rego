package cloudwarden.aws.ec2.user_data_leaks_active_access_key_test

import data.cloudwarden.aws.ec2.user_data_key_fixtures_test as kx
import data.cloudwarden.aws.ec2.user_data_leaks_active_access_key as check
import rego.v1

test_active_key_of_plain_user_is_denied if {
	results := check.deny with input as kx.world(true, false, [])
	count(results) == 1
	some r in results
	r.msg == "Launch template legacy-worker has active access key AKIA…MPLE of leaky in its user data"
}

test_inactive_or_privileged_keys_pass if {
	count(check.deny) == 0 with input as kx.world(false, false, [])
	count(check.deny) == 0 with input as kx.world(true, true, [])
	count(check.deny) == 0 with input as kx.world(true, false, kx.escalation)
}
