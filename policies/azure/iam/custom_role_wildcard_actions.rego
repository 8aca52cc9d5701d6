# METADATA
# title: Custom role allows every action
# description: >-
#   A custom role definition allows the "*" action: whoever it is assigned to is an Owner in all but
#   name (including role assignments, unless notActions exclude them), and the role's name hides it
#   from reviews that look for Owner.
# custom:
#   incremental: resource
#   id: azure.iam.custom_role_wildcard_actions
#   severity: high
#   resource_kinds: [iam.policy]
#   recommended_actions:
#     - "List the operations the role's users need (Activity Log) and replace \"*\" with them: az role definition update --role-definition role.json."
#     - "Or delete the role after moving its assignments to built-in roles: az role definition delete --name ROLE."
#   frameworks: {}
package cloudwarden.azure.iam.custom_role_wildcard_actions

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some role in graph.nodes_by_kind["iam.policy"]
	role.provider == "azure"
	custom(role)
	some statement in role.attrs.statements
	statement.effect == "Allow"
	"*" in statement.actions
	result := {
		"resource": role.id,
		"msg": sprintf("Custom role %s allows every action (\"*\")", [role.name]),
		"evidence": {"actions": statement.actions, "notActions": statement.notActions, "assignableScopes": object.get(role.attrs, "assignableScopes", null)},
	}
}

custom(role) if role.attrs.managedBy == "customer"

custom(role) if object.get(role.attrs, "roleType", null) == "CustomRole"
