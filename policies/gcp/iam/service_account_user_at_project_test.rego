package cloudwarden.gcp.iam.service_account_user_at_project_test

import data.cloudwarden.gcp.iam.basic_role_granted_to_user_test as fx
import data.cloudwarden.gcp.iam.service_account_user_at_project as check
import rego.v1

deny_for(b) := results if {
	results := check.deny with input as {"nodes": [b], "edges": []}
}

test_user_with_service_account_user_on_project_is_denied if {
	count(deny_for(fx.binding("roles/iam.serviceAccountUser", [fx.member("user:dev@corp.example", "user", false)], {}))) == 1
	count(deny_for(fx.binding("roles/iam.serviceAccountTokenCreator", [fx.member("group:devs@corp.example", "group", false)], {"scopeType": "folder"}))) == 1
}

test_grant_on_one_service_account_or_to_a_service_account_passes if {
	count(deny_for(fx.binding("roles/iam.serviceAccountUser", [fx.member("user:dev@corp.example", "user", false)], {"scopeType": "resource"}))) == 0
	count(deny_for(fx.binding("roles/iam.serviceAccountUser", [fx.member("serviceAccount:cd@p1.iam.gserviceaccount.com", "service_account", false)], {}))) == 0
}
