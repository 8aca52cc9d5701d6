package cloudwarden.azure.iam.custom_role_wildcard_actions_test

import data.cloudwarden.azure.iam.custom_role_wildcard_actions as check
import rego.v1

role(name, managed_by, actions, not_actions) := {
	"id": concat("/", ["/subscriptions/s1/providers/microsoft.authorization/roledefinitions", name]),
	"provider": "azure",
	"kind": "iam.policy",
	"name": name,
	"tags": {},
	"attrs": {
		"statements": [{"sid": null, "effect": "Allow", "actions": actions, "notActions": not_actions, "resources": ["/subscriptions/s1"], "notResources": [], "principals": [], "notPrincipals": [], "conditions": {}}],
		"managedBy": managed_by,
		"assignableScopes": ["/subscriptions/s1"],
	},
}

test_custom_role_with_star_is_denied if {
	results := check.deny with input as {"nodes": [role("Demo Ops Anything", "customer", ["*"], [])], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "Custom role Demo Ops Anything allows every action (\"*\")"
}

test_built_in_roles_and_specific_custom_actions_pass if {
	count(check.deny) == 0 with input as {"nodes": [role("Owner", "provider", ["*"], [])], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [role("Demo VM Operator", "customer", ["Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/virtualMachines/start/action"], [])], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [role("Reader-ish", "customer", ["*/read"], [])], "edges": []}
}
