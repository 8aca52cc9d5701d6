package cloudwarden.azure.iam.user_access_administrator_at_broad_scope_test

import data.cloudwarden.azure.iam.admin_role_for_user_at_subscription_test as fx
import data.cloudwarden.azure.iam.user_access_administrator_at_broad_scope as check
import rego.v1

deny_for(b) := results if {
	results := check.deny with input as {"nodes": [b], "edges": []}
}

uaa(scope_type, scope) := json.patch(
	fx.assignment("User Access Administrator", ["*/read", "Microsoft.Authorization/*"], scope_type, fx.member("User:a11ce", "user", false), "alice@contoso.example"),
	[{"op": "replace", "path": "/attrs/scope", "value": scope}],
)

test_uaa_on_subscription_and_root_is_denied if {
	count(deny_for(uaa("subscription", "/subscriptions/s1"))) == 1
	count(deny_for(uaa("management_group", "/"))) == 1
}

test_uaa_on_a_resource_group_passes if {
	count(deny_for(uaa("resource_group", "/subscriptions/s1/resourcegroups/rg"))) == 0
}
