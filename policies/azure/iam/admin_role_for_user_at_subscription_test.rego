package cloudwarden.azure.iam.admin_role_for_user_at_subscription_test

import data.cloudwarden.azure.iam.admin_role_for_user_at_subscription as check
import rego.v1

sub := "/subscriptions/s1"

member(id, type, external) := {"id": id, "type": type, "external": external, "principalId": null}

assignment(role, permissions, scope_type, m, principal_name) := {
	"id": concat("/", [sub, "providers/microsoft.authorization/roleassignments", role]),
	"provider": "azure",
	"kind": "iam.binding",
	"name": "a1",
	"tags": {},
	"attrs": {
		"role": role, "permissions": permissions, "scope": sub, "scopeType": scope_type,
		"members": [m], "condition": null, "principalName": principal_name,
	},
}

deny_for(b) := results if {
	results := check.deny with input as {"nodes": [b], "edges": []}
}

test_user_owner_on_subscription_is_denied if {
	results := deny_for(assignment("Owner", ["*"], "subscription", member("User:a11ce", "user", false), "alice@contoso.example"))
	count(results) == 1
	some r in results
	r.msg == "user alice@contoso.example has Owner on /subscriptions/s1"
}

test_group_with_wildcard_custom_role_and_unknown_external if {
	count(deny_for(assignment("Demo Ops Anything", ["*"], "subscription", member("Group:0b5e", "group", null), "ops-oncall"))) == 1
	count(deny_for(assignment("Contributor", ["*"], "management_group", member("User:a11ce", "user", null), null))) == 1
}

test_guests_service_principals_readers_and_resource_groups_pass if {
	count(deny_for(assignment("Owner", ["*"], "subscription", member("User:9e57", "user", true), "mallory_partner.example#EXT#@contoso.onmicrosoft.com"))) == 0
	count(deny_for(assignment("Owner", ["*"], "subscription", member("User:9e57", "user", null), "mallory_partner.example#EXT#@contoso.onmicrosoft.com"))) == 0
	count(deny_for(assignment("Contributor", ["*"], "subscription", member("ServicePrincipal:c1", "service_principal", null), "ci"))) == 0
	count(deny_for(assignment("Reader", ["*/read"], "subscription", member("User:67ac", "user", false), "grace@contoso.example"))) == 0
	count(deny_for(assignment("Owner", ["*"], "resource_group", member("User:a11ce", "user", false), "alice@contoso.example"))) == 0
}
