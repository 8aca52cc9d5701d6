package cloudwarden.gcp.iam.basic_role_granted_to_user_test

import data.cloudwarden.gcp.iam.basic_role_granted_to_user as check
import rego.v1

project := "//cloudresourcemanager.googleapis.com/projects/1"

member(id, type, external) := {"id": id, "type": type, "external": external, "principalId": null}

binding(role, members, extra) := {
	"id": sprintf("%s/iamBindings/%s", [project, role]),
	"provider": "gcp",
	"kind": "iam.binding",
	"account": "p1",
	"name": role,
	"tags": {},
	"attrs": object.union({"role": role, "scope": project, "scopeType": "project", "members": members, "condition": null}, extra),
}

deny_for(b) := results if {
	results := check.deny with input as {"nodes": [b], "edges": []}
}

test_user_with_owner_is_denied if {
	results := deny_for(binding("roles/owner", [member("user:cto@corp.example", "user", false)], {}))
	count(results) == 1
	some r in results
	r.msg == "user:cto@corp.example has roles/owner on project p1"
}

test_group_and_domain_with_editor_on_a_folder if {
	b := binding("roles/editor", [member("group:devs@corp.example", "group", false), member("domain:corp.example", "domain", false)], {"scopeType": "folder"})
	count(deny_for(b)) == 2
}

test_service_accounts_and_agents_are_left_to_other_checks if {
	count(deny_for(binding("roles/editor", [member("serviceAccount:ci@p1.iam.gserviceaccount.com", "service_account", false)], {}))) == 0
}

test_predefined_roles_conditions_and_bucket_scope_pass if {
	count(deny_for(binding("roles/viewer", [member("user:a@corp.example", "user", false)], {}))) == 0
	count(deny_for(binding("roles/compute.admin", [member("user:a@corp.example", "user", false)], {}))) == 0
	count(deny_for(binding("roles/owner", [member("user:a@corp.example", "user", false)], {"condition": {"title": "break-glass", "expression": "request.time < timestamp(\"2026-12-01T00:00:00Z\")"}}))) == 0
	count(deny_for(binding("roles/editor", [member("user:a@corp.example", "user", false)], {"scopeType": "resource"}))) == 0
}
