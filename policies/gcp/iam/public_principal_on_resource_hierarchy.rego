# METADATA
# title: allUsers or allAuthenticatedUsers bound on a project, folder or organization
# description: >-
#   A role on a project, folder or organization is granted to allUsers (anyone) or
#   allAuthenticatedUsers (any Google account): it applies to every resource below, to the whole
#   internet.
# custom:
#   incremental: resource
#   id: gcp.iam.public_principal_on_resource_hierarchy
#   severity: critical
#   resource_kinds: [iam.binding]
#   recommended_actions:
#     - "Remove the member now: gcloud projects remove-iam-policy-binding PROJECT --member=allUsers --role=ROLE (folders/organizations: gcloud resource-manager folders|organizations remove-iam-policy-binding)."
#     - "Restrict members to your domains with the organization policy constraints/iam.allowedPolicyMemberDomains."
#   frameworks: {}
package cloudwarden.gcp.iam.public_principal_on_resource_hierarchy

import data.cloudwarden.lib.gcp
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.storage
import rego.v1

deny contains result if {
	some binding in graph.nodes_by_kind["iam.binding"]
	binding.provider == "gcp"
	binding.attrs.scopeType in gcp.hierarchy_scopes
	some member in binding.attrs.members
	member.id in storage.public_members
	result := {
		"resource": binding.id,
		"msg": sprintf("%s has %s on %s %s", [member.id, binding.attrs.role, binding.attrs.scopeType, binding.account]),
		"discriminator": member.id,
		"evidence": {"member": member.id, "role": binding.attrs.role, "scope": binding.attrs.scope, "condition": object.get(binding.attrs, "condition", null)},
	}
}
