# METADATA
# title: Basic role (owner or editor) granted to a person or group
# description: >-
#   roles/owner or roles/editor is bound to a user, group or domain at organization, folder or project
#   level. Basic roles predate IAM's predefined roles and grant write access to nearly every service
#   in the scope, so one phished account changes everything.
# custom:
#   incremental: resource
#   id: gcp.iam.basic_role_granted_to_user
#   severity: high
#   resource_kinds: [iam.binding]
#   recommended_actions:
#     - "Replace the basic role with predefined roles for the services the member uses (IAM Recommender lists the permissions actually used): gcloud projects remove-iam-policy-binding PROJECT --member=MEMBER --role=roles/editor."
#     - "Keep owner for a break-glass group only, and grant it through a time-bound IAM condition or Privileged Access Manager."
#   frameworks: {}
package cloudwarden.gcp.iam.basic_role_granted_to_user

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
	member.type in {"user", "group", "domain"}
	result := {
		"resource": binding.id,
		"msg": sprintf("%s has %s on %s %s", [member.id, binding.attrs.role, binding.attrs.scopeType, binding.account]),
		"discriminator": member.id,
		"evidence": {"member": member.id, "memberType": member.type, "external": member.external, "role": binding.attrs.role, "scope": binding.attrs.scope},
	}
}
