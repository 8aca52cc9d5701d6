# METADATA
# title: Service account with administrative roles
# description: >-
#   A user-managed service account holds roles/owner, roles/editor or an *Admin role at organization,
#   folder or project level. Whoever holds its key, or can run code as it (any VM or function it is
#   attached to), administers the scope. Google-managed service agents and the default service
#   accounts are left to their own checks.
# custom:
#   incremental: resource
#   id: gcp.iam.service_account_admin_privileges
#   severity: high
#   resource_kinds: [iam.binding]
#   recommended_actions:
#     - "Grant the service account only the predefined roles its workload needs (IAM Recommender shows the permissions it used), then remove the admin role: gcloud projects remove-iam-policy-binding PROJECT --member=serviceAccount:EMAIL --role=ROLE."
#     - "Remove its user-managed keys and use workload identity federation or an attached service account instead."
#   frameworks:
#     cis-gcp-3.0: ["1.5"]
package cloudwarden.gcp.iam.service_account_admin_privileges

import data.cloudwarden.lib.gcp
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.iam
import rego.v1

deny contains result if {
	some binding in graph.nodes_by_kind["iam.binding"]
	binding.provider == "gcp"
	binding.attrs.scopeType in gcp.hierarchy_scopes
	admin_role(binding.attrs.role)
	iam.unconditional(binding)
	some member in binding.attrs.members
	member.type == "service_account"
	email := gcp.sa_email(member.id)
	not gcp.google_service_agent(email)
	not gcp.default_sa(email)
	result := {
		"resource": binding.id,
		"msg": sprintf("Service account %s has %s on %s %s", [email, binding.attrs.role, binding.attrs.scopeType, binding.account]),
		"discriminator": member.id,
		"evidence": {"member": member.id, "principalId": member.principalId, "role": binding.attrs.role, "scope": binding.attrs.scope},
	}
}

admin_role(role) if role in iam.gcp_basic_roles

admin_role(role) if endswith(lower(role), "admin")
