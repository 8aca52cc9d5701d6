package cloudwarden.aws.ec2.user_data_leaks_privileged_access_key_test

import data.cloudwarden.aws.ec2.user_data_key_fixtures_test as kx
import data.cloudwarden.aws.ec2.user_data_leaks_privileged_access_key as check
import rego.v1

test_key_of_admin_user_is_denied_with_its_path if {
	results := check.deny with input as kx.world(true, true, [])
	count(results) == 1
	some r in results
	r.msg == "Launch template legacy-worker has access key AKIA…MPLE of leaky in its user data, and leaky can perform every action on every resource"
	r.path == [
		{"node": kx.lt.id},
		{"node": "arn:aws:iam::111122223333:user/leaky/access-key/AKIAIOSFODNN7EXAMPLE"},
		{"node": "arn:aws:iam::111122223333:user/leaky", "via": "member_of"},
		{"node": kx.admins.id, "via": "attached_policy"},
		{"node": "arn:aws:iam::aws:policy/AdministratorAccess"},
	]
}

test_key_of_escalation_capable_user_is_denied if {
	results := check.deny with input as kx.world(true, false, kx.escalation)
	some r in results
	r.msg == "Launch template legacy-worker has access key AKIA…MPLE of leaky in its user data, and leaky can escalate to admin"
}

test_inactive_or_unprivileged_keys_pass if {
	count(check.deny) == 0 with input as kx.world(false, true, [])
	count(check.deny) == 0 with input as kx.world(true, false, [])
}
