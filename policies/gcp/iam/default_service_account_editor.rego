# METADATA
# title: Default service account keeps the editor or owner role
# description: >-
#   The Compute Engine default service account (PROJECT_NUMBER-compute@developer.gserviceaccount.com)
#   or the App Engine default service account holds roles/editor or roles/owner, as Google grants it
#   at creation. Every VM or app that runs as it (the default for new instances) can change almost
#   anything in the project.
# custom:
#   incremental: resource
#   id: gcp.iam.default_service_account_editor
#   severity: high
#   resource_kinds: [iam.binding]
#   recommended_actions:
#     - "Give workloads dedicated service accounts with predefined roles, then remove the grant: gcloud projects remove-iam-policy-binding PROJECT --member=serviceAccount:PROJECT_NUMBER-compute@developer.gserviceaccount.com --role=roles/editor."
#     - "Stop new projects from granting it: organization policy constraints/iam.automaticIamGrantsForDefaultServiceAccounts."
#   frameworks:
#     cis-gcp-3.0: ["1.5"]
package cloudwarden.gcp.iam.default_service_account_editor

import data.cloudwarden.lib.gcp
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.iam
import rego.v1

deny contains result if {
	some binding in graph.nodes_by_kind["iam.binding"]
	binding.provider == "gcp"
	binding.attrs.scopeType in gcp.hierarchy_scopes
	binding.attrs.role in iam.gcp_basic_roles
	iam.unconditional(binding)
	some member in binding.attrs.members
	member.type == "service_account"
	email := gcp.sa_email(member.id)
	gcp.default_sa(email)
	result := {
		"resource": binding.id,
		"msg": sprintf("Default service account %s has %s on %s %s", [email, binding.attrs.role, binding.attrs.scopeType, binding.account]),
		"discriminator": member.id,
		"evidence": {"member": member.id, "principalId": member.principalId, "role": binding.attrs.role, "scope": binding.attrs.scope},
	}
}
