# METADATA
# title: Storage exposure helpers
# description: >-
#   Whether a bucket or blob container is readable by anyone, across providers: GCP IAM members
#   allUsers/allAuthenticatedUsers (unless public access prevention is enforced), public ACL grants
#   (GCP legacy ACLs, AWS ACLs unless ignored by the public access block), AWS bucket policies for
#   principal "*" without conditions, and Azure containers whose anonymous access level is honoured
#   by the account switch.
package cloudwarden.lib.storage

import data.cloudwarden.lib.params
import rego.v1

public_members := {"allUsers", "allAuthenticatedUsers"}

public_acl_grantees := {"AllUsers": "allUsers", "AuthenticatedUsers": "allAuthenticatedUsers"}

# The provider-level switch blocks all public access (GCP enforced prevention, Azure allowBlobPublicAccess false).
blocked(bucket) if object.get(bucket.attrs, "publicAccessAllowed", null) == false

iam_bindings(bucket) := bindings if {
	bindings := bucket.attrs.iamMembers
	is_array(bindings)
} else := []

acl_grants(bucket) := grants if {
	grants := bucket.attrs.aclGrants
	is_array(grants)
} else := []

statements(bucket) := stmts if {
	stmts := bucket.attrs.policyStatements
	is_array(stmts)
} else := []

pab_setting(bucket, name) if {
	some level in ["bucket", "account"]
	bucket.attrs.publicAccessBlock[level][name] == true
}

# Grants to everyone on the internet that are in effect: {"member", "role", "source"}.
public_grants(bucket) := {grant |
	not blocked(bucket)
	some binding in iam_bindings(bucket)
	some member in binding.members
	member in public_members
	grant := {"member": member, "role": binding.role, "source": "iam"}
} | {grant |
	not blocked(bucket)
	not pab_setting(bucket, "ignorePublicAcls")
	some acl in acl_grants(bucket)
	member := public_acl_grantees[acl.grantee]
	grant := {"member": member, "role": acl.permission, "source": "acl"}
} | {grant |
	not pab_setting(bucket, "restrictPublicBuckets")
	some stmt in statements(bucket)
	stmt.effect == "Allow"
	some principal in stmt.principals
	principal in {"*", "AWS:*"}
	count(stmt.conditions) == 0
	grant := {"member": "*", "role": concat(",", stmt.actions), "source": "policy"}
} | {grant |
	bucket.provider == "azure"
	bucket.attrs.publicAccessAllowed == true
	level := bucket.attrs.anonymousAccessLevel
	level in {"blob", "container"}
	grant := {"member": "anonymous", "role": level, "source": "container"}
}

is_public(bucket) if count(public_grants(bucket)) > 0

default_sensitive_markers := ["backup", "pii", "finance", "secret", "prod-data", "customer"]

# Markers of sensitive data (params.sensitive_markers overrides the list).
sensitive_markers := params.get("sensitive_markers", default_sensitive_markers)

markers_lower := {lower(marker) | some marker in sensitive_markers}

# The markers found in a resource's name, tag keys or tag values (case-insensitive).
sensitive_matches(node) := {marker |
	text := lower(concat("\n", array.concat([node.name], [concat("=", [key, value]) | some key, value in object.get(node, "tags", {})])))
	some marker in markers_lower
	contains(text, marker)
}
