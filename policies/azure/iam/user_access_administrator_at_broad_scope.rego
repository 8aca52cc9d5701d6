# METADATA
# title: User Access Administrator at subscription, management group or root scope
# description: >-
#   The User Access Administrator role lets its holder grant any role, Owner included, to anyone in
#   its scope. At subscription, management-group or root ("/", reached by elevating a Global
#   Administrator) scope it is a standing path to full control; the root assignment is often left
#   behind after an elevation.
# custom:
#   incremental: resource
#   id: azure.iam.user_access_administrator_at_broad_scope
#   severity: high
#   resource_kinds: [iam.binding]
#   recommended_actions:
#     - "Remove it: az role assignment delete --assignee ID --role \"User Access Administrator\" --scope SCOPE (for root: --scope /, after signing in as the elevated Global Administrator)."
#     - "Grant role-assignment rights through PIM eligibility, or the Role Based Access Control Administrator role with conditions limiting which roles can be assigned."
#   frameworks: {}
package cloudwarden.azure.iam.user_access_administrator_at_broad_scope

import data.cloudwarden.lib.azure
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.iam
import rego.v1

deny contains result if {
	some binding in graph.nodes_by_kind["iam.binding"]
	binding.provider == "azure"
	binding.attrs.role == "User Access Administrator"
	azure.broad_scope(binding)
	iam.unconditional(binding)
	some member in binding.attrs.members
	result := {
		"resource": binding.id,
		"msg": sprintf("%s has User Access Administrator on %s", [object.get(binding.attrs, "principalName", member.id), binding.attrs.scope]),
		"discriminator": member.id,
		"evidence": {"member": member.id, "memberType": member.type, "scope": binding.attrs.scope, "scopeType": binding.attrs.scopeType},
	}
}
