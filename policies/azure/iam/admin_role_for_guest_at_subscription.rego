# METADATA
# title: Guest user administers a whole subscription
# description: >-
#   A guest (B2B) user, whose account and MFA are managed by another organization, holds Owner,
#   Contributor or a role whose actions are "*" at subscription or management-group scope. Guests are
#   recognised by the collector's external flag or a #EXT# user principal name (ARM alone does not
#   return names: import the az role assignment output to see them).
# custom:
#   incremental: resource
#   id: azure.iam.admin_role_for_guest_at_subscription
#   severity: critical
#   resource_kinds: [iam.binding]
#   recommended_actions:
#     - "Remove the assignment: az role assignment delete --ids ASSIGNMENT_ID; if the partner needs access, grant a narrow role on a resource group, eligible through PIM and reviewed with access reviews."
#   frameworks: {}
package cloudwarden.azure.iam.admin_role_for_guest_at_subscription

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
	azure.guest(binding, member)
	result := {
		"resource": binding.id,
		"msg": sprintf("Guest %s has %s on %s", [object.get(binding.attrs, "principalName", member.id), binding.attrs.role, binding.attrs.scope]),
		"discriminator": member.id,
		"evidence": {"member": member.id, "principalName": object.get(binding.attrs, "principalName", null), "role": binding.attrs.role, "scope": binding.attrs.scope},
	}
}
