# METADATA
# title: Member from outside the organization's domains
# description: >-
#   A user, group or domain from outside the organization's own domains (as configured for the scan)
#   holds a role on an organization, folder or project. Its owner's account lifecycle, MFA and
#   offboarding are outside your control.
# custom:
#   incremental: resource
#   id: gcp.iam.external_member
#   severity: medium
#   resource_kinds: [iam.binding]
#   recommended_actions:
#     - "Confirm the grant is still needed; grant it on the specific resources involved, with an expiring IAM condition, instead of the whole project."
#     - "Remove it when not: gcloud projects remove-iam-policy-binding PROJECT --member=MEMBER --role=ROLE; enforce constraints/iam.allowedPolicyMemberDomains."
#   frameworks: {}
package cloudwarden.gcp.iam.external_member

import data.cloudwarden.lib.gcp
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some binding in graph.nodes_by_kind["iam.binding"]
	binding.provider == "gcp"
	binding.attrs.scopeType in gcp.hierarchy_scopes
	some member in binding.attrs.members
	member.type in {"user", "group", "domain"}
	member.external == true
	result := {
		"resource": binding.id,
		"msg": sprintf("External %s %s has %s on %s %s", [member.type, member.id, binding.attrs.role, binding.attrs.scopeType, binding.account]),
		"discriminator": member.id,
		"evidence": {"member": member.id, "memberType": member.type, "role": binding.attrs.role, "scope": binding.attrs.scope, "condition": object.get(binding.attrs, "condition", null)},
	}
}
