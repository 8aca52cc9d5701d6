package cloudwarden.gcp.iam.service_account_admin_privileges_test

import data.cloudwarden.gcp.iam.basic_role_granted_to_user_test as fx
import data.cloudwarden.gcp.iam.service_account_admin_privileges as check
import rego.v1

sa(email) := {"id": concat("", ["serviceAccount:", email]), "type": "service_account", "external": false, "principalId": null}

deny_for(b) := results if {
	results := check.deny with input as {"nodes": [b], "edges": []}
}

test_user_managed_service_account_with_editor_is_denied if {
	results := deny_for(fx.binding("roles/editor", [sa("ci-deployer@p1.iam.gserviceaccount.com")], {}))
	count(results) == 1
	some r in results
	r.discriminator == "serviceAccount:ci-deployer@p1.iam.gserviceaccount.com"
}

test_admin_predefined_roles_count if {
	count(deny_for(fx.binding("roles/iam.securityAdmin", [sa("ci@p1.iam.gserviceaccount.com")], {}))) == 1
	count(deny_for(fx.binding("roles/resourcemanager.organizationAdmin", [sa("ci@p1.iam.gserviceaccount.com")], {"scopeType": "organization"}))) == 1
}

test_service_agents_default_accounts_users_and_viewers_pass if {
	count(deny_for(fx.binding("roles/editor", [sa("123@cloudservices.gserviceaccount.com")], {}))) == 0
	count(deny_for(fx.binding("roles/editor", [sa("service-123@compute-system.iam.gserviceaccount.com")], {}))) == 0
	count(deny_for(fx.binding("roles/editor", [sa("123-compute@developer.gserviceaccount.com")], {}))) == 0
	count(deny_for(fx.binding("roles/editor", [fx.member("user:a@corp.example", "user", false)], {}))) == 0
	count(deny_for(fx.binding("roles/viewer", [sa("ci@p1.iam.gserviceaccount.com")], {}))) == 0
}

test_conditional_grant_passes if {
	count(deny_for(fx.binding("roles/owner", [sa("ci@p1.iam.gserviceaccount.com")], {"condition": {"title": "t", "expression": "e"}}))) == 0
}
