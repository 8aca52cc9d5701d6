package cloudwarden.gcp.iam.public_principal_on_resource_hierarchy_test

import data.cloudwarden.gcp.iam.basic_role_granted_to_user_test as fx
import data.cloudwarden.gcp.iam.public_principal_on_resource_hierarchy as check
import rego.v1

deny_for(b) := results if {
	results := check.deny with input as {"nodes": [b], "edges": []}
}

test_all_users_viewer_on_a_project_is_denied if {
	results := deny_for(fx.binding("roles/viewer", [fx.member("allUsers", "all_users", true)], {}))
	count(results) == 1
	some r in results
	r.msg == "allUsers has roles/viewer on project p1"
}

test_all_authenticated_users_on_an_organization if {
	count(deny_for(fx.binding("roles/browser", [fx.member("allAuthenticatedUsers", "all_authenticated_users", true)], {"scopeType": "organization"}))) == 1
}

test_named_members_and_resource_level_bindings_pass if {
	count(deny_for(fx.binding("roles/viewer", [fx.member("group:sre@corp.example", "group", false)], {}))) == 0
	count(deny_for(fx.binding("roles/run.invoker", [fx.member("allUsers", "all_users", true)], {"scopeType": "resource"}))) == 0
}
