# METADATA
# title: Service Account User or Token Creator granted on a whole project
# description: >-
#   A user, group or domain holds roles/iam.serviceAccountUser or roles/iam.serviceAccountTokenCreator
#   at project, folder or organization level, so it can act as every service account in the scope,
#   including ones with far more access than its own.
# custom:
#   incremental: resource
#   id: gcp.iam.service_account_user_at_project
#   severity: medium
#   resource_kinds: [iam.binding]
#   recommended_actions:
#     - "Grant the role on the specific service accounts instead: gcloud iam service-accounts add-iam-policy-binding SA_EMAIL --member=MEMBER --role=roles/iam.serviceAccountUser."
#     - "Then remove the project-level grant: gcloud projects remove-iam-policy-binding PROJECT --member=MEMBER --role=ROLE."
#   frameworks:
#     cis-gcp-3.0: ["1.6"]
package cloudwarden.gcp.iam.service_account_user_at_project

import data.cloudwarden.lib.gcp
import data.cloudwarden.lib.graph
import rego.v1

impersonation_roles := {"roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"}

deny contains result if {
	some binding in graph.nodes_by_kind["iam.binding"]
	binding.provider == "gcp"
	binding.attrs.scopeType in gcp.hierarchy_scopes
	binding.attrs.role in impersonation_roles
	some member in binding.attrs.members
	member.type in {"user", "group", "domain"}
	result := {
		"resource": binding.id,
		"msg": sprintf("%s has %s on %s %s: it can act as every service account there", [member.id, binding.attrs.role, binding.attrs.scopeType, binding.account]),
		"discriminator": member.id,
		"evidence": {"member": member.id, "role": binding.attrs.role, "scope": binding.attrs.scope},
	}
}
