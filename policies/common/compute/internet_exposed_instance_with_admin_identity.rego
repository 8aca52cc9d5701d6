# METADATA
# title: Internet-reachable instance runs as an identity that administers its scope
# description: >-
#   Toxic combination: an instance with a public IP, whose firewall admits the whole internet to SSH,
#   RDP or a database port, runs as a service account or managed identity holding roles/owner,
#   roles/editor, Owner, Contributor or a role with "*" actions, or an AWS role with effective admin
#   (Allow * on *, through inline or attached policies, not taken back by a Deny or a boundary) or a
#   privilege-escalation action set (the instance profile's credentials are one metadata request away). One exploited service or guessed
#   password on the VM gives the attacker the identity's token from the metadata endpoint and with
#   it the project or subscription. GCP instances whose access scopes exclude cloud-platform are
#   not reported (the scopes cap what the token can do).
# custom:
#   id: common.compute.internet_exposed_instance_with_admin_identity
#   severity: critical
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "Close the exposure first: restrict the firewall rule to known addresses or an identity-aware proxy (IAP, Bastion, SSM)."
#     - "Give the instance a dedicated identity with only the roles its workload needs, and remove the owner/editor/Owner/Contributor grant (AWS: replace the instance profile's role with a least-privilege one: aws ec2 replace-iam-instance-profile-association)."
#   frameworks: {}
package cloudwarden.common.compute.internet_exposed_instance_with_admin_identity

import data.cloudwarden.lib.aws_iam
import data.cloudwarden.lib.firewall
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.iam
import rego.v1

full_scope := "https://www.googleapis.com/auth/cloud-platform"

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	firewall.has_public_ip(vm)
	firewall.reachable_state(vm)
	grants := admin_grants(vm)
	count(grants) > 0
	exposures := firewall.instance_exposures(vm)
	count(exposures) > 0
	exposure := sort(exposures)[0]
	grant := sort(grants)[0]
	result := {
		"resource": vm.id,
		"msg": sprintf("%s is reachable from %s on %s (port %d) and runs as %s, which has %s on %s", [vm.name, exposure.source, exposure.service, exposure.port, grant.identityName, grant.role, grant.scope]),
		"evidence": {
			"publicIps": vm.attrs.publicIps,
			"exposures": sort(exposures),
			"adminGrants": sort(grants),
		},
		"path": path(exposure, vm, grant),
	}
}

path(exposure, vm, grant) := array.concat([
	{"node": exposure.firewall, "via": "protected_by"},
	{"node": vm.id, "via": "runs_as"},
], grant.tail) if grant.tail

path(exposure, vm, grant) := [
	{"node": exposure.firewall, "via": "protected_by"},
	{"node": vm.id, "via": "runs_as"},
	{"node": grant.identity, "via": "member_of"},
	{"node": grant.binding},
] if {
	grant.identity != null
	not grant.tail
}

path(exposure, vm, grant) := [
	{"node": exposure.firewall, "via": "protected_by"},
	{"node": vm.id, "via": "runs_as"},
	{"node": grant.binding},
] if grant.identity == null

# Admin bindings of the identities the instance runs as (runs_as edges, and the Azure system-assigned
# identity, which is no node: its assignments name it as ServicePrincipal:<principal id>).
admin_grants(vm) := {grant |
	some edge in graph.edges_from[vm.id]
	edge.kind == "runs_as"
	usable_scopes(edge)
	identity := graph.node_by_id[edge.to]
	some binding in iam.admin_bindings_of(identity.id)
	grant := {"identity": identity.id, "identityName": identity.name, "binding": binding.id, "role": binding.attrs.role, "scope": binding.attrs.scope}
} | {grant |
	principal := vm.attrs.systemAssignedPrincipalId
	is_string(principal)
	some binding in iam.bindings_by_member[concat(":", ["ServicePrincipal", principal])]
	iam.admin_role(binding)
	iam.unconditional(binding)
	grant := {"identity": null, "identityName": "its system-assigned identity", "binding": binding.id, "role": binding.attrs.role, "scope": binding.attrs.scope}
} | {grant |
	# AWS: the instance profile's role is admin or can escalate.
	some edge in graph.edges_from[vm.id]
	edge.kind == "runs_as"
	role := graph.node_by_id[edge.to]
	role.kind == "iam.role"
	role.provider == "aws"
	aws_iam.privileged(role.id)
	grant := aws_grant(role)
}

aws_grant(role) := grant if {
	entry := aws_iam.sorted_entries(aws_iam.admin_entries[role.id])[0]
	grant := {
		"identity": role.id, "identityName": role.name, "binding": object.get(entry, "policy", null),
		"role": entry.policyName, "scope": sprintf("account %s", [role.account]),
		"tail": aws_iam.entry_path(role, entry),
	}
} else := grant if {
	found := aws_iam.escalations[role.id]
	grant := {
		"identity": role.id, "identityName": role.name, "binding": null,
		"role": sprintf("privilege escalation (%s)", [concat("; ", [concat(" + ", f.actions) | some f in found])]),
		"scope": sprintf("account %s", [role.account]),
		"tail": [{"node": role.id}],
	}
}

# GCP access scopes cap the token: only cloud-platform leaves the roles in full force.
usable_scopes(edge) if not is_array(object.get(edge, ["attrs", "scopes"], null))

usable_scopes(edge) if full_scope in edge.attrs.scopes
