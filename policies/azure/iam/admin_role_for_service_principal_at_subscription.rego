# METADATA
# title: Service principal or managed identity administers a whole subscription
# description: >-
#   A service principal or managed identity holds Owner, Contributor or a role whose actions are "*"
#   at subscription or management-group scope. Its secret or certificate (often in a CI system) or
#   any workload running as it controls every resource in the subscription.
# custom:
#   incremental: resource
#   id: azure.iam.admin_role_for_service_principal_at_subscription
#   severity: high
#   resource_kinds: [iam.binding]
#   recommended_actions:
#     - "Assign the narrowest role on the resource groups the automation deploys to, then: az role assignment delete --ids ASSIGNMENT_ID."
#     - "Replace client secrets with workload identity federation (GitHub Actions, Kubernetes) or a managed identity."
#   frameworks: {}
package cloudwarden.azure.iam.admin_role_for_service_principal_at_subscription

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
	member.type == "service_principal"
	result := {
		"resource": binding.id,
		"msg": sprintf("Service principal %s has %s on %s", [object.get(binding.attrs, "principalName", member.id), binding.attrs.role, binding.attrs.scope]),
		"discriminator": member.id,
		"evidence": {"member": member.id, "principalName": object.get(binding.attrs, "principalName", null), "principalId": member.principalId, "role": binding.attrs.role, "scope": binding.attrs.scope},
	}
}
