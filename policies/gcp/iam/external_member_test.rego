package cloudwarden.gcp.iam.external_member_test

import data.cloudwarden.gcp.iam.basic_role_granted_to_user_test as fx
import data.cloudwarden.gcp.iam.external_member as check
import rego.v1

deny_for(b) := results if {
	results := check.deny with input as {"nodes": [b], "edges": []}
}

test_external_user_is_denied if {
	results := deny_for(fx.binding("roles/viewer", [fx.member("group:sre@corp.example", "group", false), fx.member("user:consultant@outside.example", "user", true)], {}))
	count(results) == 1
	some r in results
	r.evidence.member == "user:consultant@outside.example"
}

test_internal_unknown_public_and_service_accounts_pass if {
	count(deny_for(fx.binding("roles/viewer", [fx.member("user:a@corp.example", "user", false)], {}))) == 0
	count(deny_for(fx.binding("roles/viewer", [fx.member("user:a@gmail.com", "user", null)], {}))) == 0
	count(deny_for(fx.binding("roles/viewer", [fx.member("allUsers", "all_users", true)], {}))) == 0
	count(deny_for(fx.binding("roles/viewer", [fx.member("serviceAccount:x@other.iam.gserviceaccount.com", "service_account", true)], {}))) == 0
}
