package cloudwarden.azure.iam.admin_role_for_service_principal_at_subscription_test

import data.cloudwarden.azure.iam.admin_role_for_service_principal_at_subscription as check
import data.cloudwarden.azure.iam.admin_role_for_user_at_subscription_test as fx
import rego.v1

deny_for(b) := results if {
	results := check.deny with input as {"nodes": [b], "edges": []}
}

test_pipeline_contributor_is_denied if {
	results := deny_for(fx.assignment("Contributor", ["*"], "subscription", fx.member("ServicePrincipal:c1", "service_principal", null), "ci-pipeline"))
	count(results) == 1
	some r in results
	r.msg == "Service principal ci-pipeline has Contributor on /subscriptions/s1"
}

test_readers_narrow_scopes_and_users_pass if {
	count(deny_for(fx.assignment("Reader", ["*/read"], "subscription", fx.member("ServicePrincipal:5a5a", "service_principal", null), "demo-app-identity"))) == 0
	count(deny_for(fx.assignment("Contributor", ["*"], "resource_group", fx.member("ServicePrincipal:c1", "service_principal", null), "ci-pipeline"))) == 0
	count(deny_for(fx.assignment("Owner", ["*"], "subscription", fx.member("User:a11ce", "user", false), "alice@contoso.example"))) == 0
}
