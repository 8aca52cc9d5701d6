# METADATA
# title: Identity helpers
# description: >-
#   Role bindings (GCP IAM bindings, Azure role assignments) indexed by the principal node they
#   grant to, and which roles amount to administering everything in their scope.
package cloudwarden.lib.iam

import data.cloudwarden.lib.graph
import rego.v1

# GCP basic roles that grant write access to nearly every service.
gcp_basic_roles := {"roles/owner", "roles/editor"}

# Azure built-in roles that can change every resource in their scope.
azure_admin_roles := {"Owner", "Contributor"}

# Bindings naming a collected principal node: bindings_by_principal[node id].
bindings_by_principal[member.principalId] contains binding if {
	some binding in graph.nodes_by_kind["iam.binding"]
	some member in binding.attrs.members
	is_string(member.principalId)
}

# Bindings by member id as the provider writes it (`serviceAccount:…`, Azure `ServicePrincipal:<object id>`).
bindings_by_member[member.id] contains binding if {
	some binding in graph.nodes_by_kind["iam.binding"]
	some member in binding.attrs.members
}

# The permissions a binding's role grants, [] when unknown.
permissions(binding) := perms if {
	perms := binding.attrs.permissions
	is_array(perms)
} else := []

# The binding always applies (no IAM condition limits it).
unconditional(binding) if object.get(binding.attrs, "condition", null) == null

# The role administers its whole scope: GCP owner/editor, Azure Owner/Contributor or any role whose
# actions are "*".
admin_role(binding) if {
	binding.provider == "gcp"
	binding.attrs.role in gcp_basic_roles
}

admin_role(binding) if {
	binding.provider == "azure"
	binding.attrs.role in azure_admin_roles
}

admin_role(binding) if {
	binding.provider == "azure"
	"*" in permissions(binding)
}

# Unconditional admin bindings held by a principal node.
admin_bindings_of(principal_id) := {binding |
	some binding in bindings_by_principal[principal_id]
	admin_role(binding)
	unconditional(binding)
}

# Whole days since a key (or any node) was created: the collector's ageDays when present, else
# from createdAt and the evaluation time.
age_days(node) := days if {
	days := node.attrs.ageDays
	is_number(days)
} else := days if {
	is_string(node.createdAt)
	days := floor((time.now_ns() - time.parse_rfc3339_ns(node.createdAt)) / ((24 * 3600) * 1000000000))
}

# The key has an expiry time that has passed (GCP keys may carry expiresAt).
expired(key) if {
	is_string(key.attrs.expiresAt)
	time.parse_rfc3339_ns(key.attrs.expiresAt) <= time.now_ns()
}
