# METADATA
# title: User or group administers a whole subscription
# description: >-
#   A member user or group of the tenant holds Owner, Contributor or a role whose actions are "*" at
#   subscription or management-group scope: every resource in the subscription is one compromised
#   sign-in away. Guests and service principals have their own checks.
# custom:
#   incremental: resource
#   id: azure.iam.admin_role_for_user_at_subscription
#   severity: high
#   resource_kinds: [iam.binding]
#   recommended_actions:
#     - "Scope the assignment to the resource groups the person works on, with the narrowest built-in role: az role assignment create --assignee ID --role ROLE --scope /subscriptions/SUB/resourceGroups/RG, then az role assignment delete --ids ASSIGNMENT_ID."
#     - "Make remaining Owner/Contributor access eligible-only through Microsoft Entra Privileged Identity Management."
#   frameworks: {}
package cloudwarden.azure.iam.admin_role_for_user_at_subscription

import data.cloudwarden.lib.azure
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.iam
import rego.v1

deny contains result if {
	some binding in graph.nodes_by_kind["iam.binding"]
	binding.provider == "azure"
	azure.broad_scope(binding)
	iam.admin_role(binding)
	iam.unconditional(binding)
	some member in binding.attrs.members
	member.type in {"user", "group"}
	not azure.guest(binding, member)
	result := {
		"resource": binding.id,
		"msg": sprintf("%s %s has %s on %s", [member.type, object.get(binding.attrs, "principalName", member.id), binding.attrs.role, binding.attrs.scope]),
		"discriminator": member.id,
		"evidence": {"member": member.id, "principalName": object.get(binding.attrs, "principalName", null), "role": binding.attrs.role, "scope": binding.attrs.scope, "scopeType": binding.attrs.scopeType},
	}
}
