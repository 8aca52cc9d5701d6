package cloudwarden.azure.iam.admin_role_for_guest_at_subscription_test

import data.cloudwarden.azure.iam.admin_role_for_guest_at_subscription as check
import data.cloudwarden.azure.iam.admin_role_for_user_at_subscription_test as fx
import rego.v1

deny_for(b) := results if {
	results := check.deny with input as {"nodes": [b], "edges": []}
}

test_external_guest_owner_is_denied if {
	results := deny_for(fx.assignment("Owner", ["*"], "subscription", fx.member("User:9e57", "user", true), "mallory_partner.example#EXT#@contoso.onmicrosoft.com"))
	count(results) == 1
	some r in results
	r.msg == "Guest mallory_partner.example#EXT#@contoso.onmicrosoft.com has Owner on /subscriptions/s1"
}

test_ext_principal_name_without_external_flag if {
	count(deny_for(fx.assignment("Contributor", ["*"], "subscription", fx.member("User:9e57", "user", null), "bob_partner.example#EXT#@contoso.onmicrosoft.com"))) == 1
}

test_members_readers_and_narrow_scopes_pass if {
	count(deny_for(fx.assignment("Owner", ["*"], "subscription", fx.member("User:a11ce", "user", false), "alice@contoso.example"))) == 0
	count(deny_for(fx.assignment("Reader", ["*/read"], "subscription", fx.member("User:9e57", "user", true), null))) == 0
	count(deny_for(fx.assignment("Owner", ["*"], "resource_group", fx.member("User:9e57", "user", true), null))) == 0
}
