package cloudwarden.aws.iam.user_console_access_without_mfa_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.user_console_access_without_mfa as check
import rego.v1

test_console_user_without_mfa_is_denied if {
	results := check.deny with input as {"nodes": [fx.user("bob", {"passwordEnabled": true, "mfaActive": false})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "User bob has a console password and no MFA device"
}

test_mfa_no_password_or_unknown_pass if {
	count(check.deny) == 0 with input as {"nodes": [fx.user("alice", {"passwordEnabled": true, "mfaActive": true})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.user("ci", {"passwordEnabled": false, "mfaActive": false})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.user("x", {"passwordEnabled": null, "mfaActive": null})], "edges": []}
}
