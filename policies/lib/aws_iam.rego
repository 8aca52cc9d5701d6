# METADATA
# title: AWS IAM helpers
# description: >-
#   Shared analysis of normalized AWS policy statements: which statements apply to a principal
#   (inline, managed through attached_policy, and a user's groups through member_of), effective
#   admin after NotAction, Deny and permissions boundaries, the privilege-escalation action sets,
#   public principals and the conditions that restrict a statement to known accounts, organizations,
#   networks or endpoints. Evaluated once per run; checks only read its rules.
package cloudwarden.lib.aws_iam

import data.cloudwarden.lib.graph
import rego.v1

# IAM action patterns are case-insensitive globs ("s3:Get*"); action names hold no ".", so the
# default delimiter never splits them.
action_matches(pattern, action) if glob.match(lower(pattern), [], lower(action))

# Principals that mean "anyone": "*" and {"AWS": "*"} (and the any-account root ARN).
public_principals := {"*", "AWS:*", "AWS:arn:aws:iam::*:root"}

is_public_principal(principal) if principal in public_principals

unconditional(stmt) if count(object.get(stmt, "conditions", {})) == 0

# The statement's resources are every resource, or every resource of a type ("…/*", "…:*").
unconstrained_resource(stmt) if "*" in stmt.resources

unconstrained_resource(stmt) if {
	some resource in stmt.resources
	regex.match(`(^|[:/])\*$`, resource)
}

# An Allow statement grants the action (through Action or NotAction).
grants_action(stmt, action) if {
	some pattern in stmt.actions
	action_matches(pattern, action)
}

grants_action(stmt, action) if {
	count(stmt.notActions) > 0
	not excluded_by_not_action(stmt, action)
}

excluded_by_not_action(stmt, action) if {
	some pattern in stmt.notActions
	action_matches(pattern, action)
}

# ---------------------------------------------------------------------------------------------
# Statements in force for a principal.

# Managed policies attached to a principal node.
attached_policies(principal_id) := [policy |
	some edge in graph.edges_from[principal_id]
	edge.kind == "attached_policy"
	policy := graph.node_by_id[edge.to]
	policy.kind == "iam.policy"
]

# Groups of a user.
groups_of(principal_id) := [group |
	some edge in graph.edges_from[principal_id]
	edge.kind == "member_of"
	group := graph.node_by_id[edge.to]
	group.kind == "iam.group"
]

array_or_empty(value) := value if is_array(value)

else := []

# Statements of one holder (a user, group or role): inline and attached managed, each with its source.
own_statements(holder) := array.concat(
	[{"stmt": stmt, "policy": null, "policyName": "inline", "via": null} |
		some stmt in array_or_empty(object.get(holder.attrs, "inlineStatements", []))
	],
	[{"stmt": stmt, "policy": policy.id, "policyName": policy.name, "via": null} |
		some policy in attached_policies(holder.id)
		some stmt in array_or_empty(object.get(policy.attrs, "statements", []))
	],
)

# Every statement in force for a principal (a user also gets its groups' statements, with via = group id).
principal_statements[principal.id] := array.concat(own_statements(principal), [object.union(entry, {"via": group.id}) |
	some group in groups_of(principal.id)
	some entry in own_statements(group)
]) if {
	some kind in ["iam.user", "iam.role", "iam.group"]
	some principal in graph.nodes_by_kind[kind]
	principal.provider == "aws"
}

# AWS users and roles (the principals that act).
principals := [p |
	some kind in ["iam.user", "iam.role"]
	some p in graph.nodes_by_kind[kind]
	p.provider == "aws"
]

# ---------------------------------------------------------------------------------------------
# Effective admin.

# Unconditional Allow of every action on every resource.
full_allow(stmt) if {
	stmt.effect == "Allow"
	"*" in stmt.actions
	"*" in stmt.resources
	unconditional(stmt)
}

# An unconditional Deny over every resource: the principal is not unrestricted.
broad_deny(stmt) if {
	stmt.effect == "Deny"
	"*" in stmt.resources
	unconditional(stmt)
}

# A permissions boundary caps the principal unless the boundary itself allows everything.
capped_by_boundary(principal) if {
	arn := object.get(principal.attrs, "permissionsBoundaryArn", null)
	arn != null
	not boundary_allows_all(arn)
}

boundary_allows_all(arn) if {
	policy := graph.node_by_id[arn]
	some stmt in policy.attrs.statements
	full_allow(stmt)
}

# The entries granting admin to the principal: [] when none, or when a Deny/boundary takes it back.
admin_entries[principal.id] := entries if {
	some principal in principals
	statements := principal_statements[principal.id]
	not capped_by_boundary(principal)
	not any_broad_deny(statements)
	entries := [entry | some entry in statements; full_allow(entry.stmt)]
	count(entries) > 0
}

any_broad_deny(statements) if {
	some entry in statements
	broad_deny(entry.stmt)
}

is_admin(principal_id) if admin_entries[principal_id]

# ---------------------------------------------------------------------------------------------
# Privilege escalation: action sets that let a principal grant itself more rights (Rhino Security
# Labs' IAM escalation methods). Each set must be allowed in full, unconditionally, on unconstrained
# resources, and not denied.
escalation_sets := [
	["iam:CreatePolicyVersion"],
	["iam:SetDefaultPolicyVersion"],
	["iam:AttachUserPolicy"],
	["iam:AttachGroupPolicy"],
	["iam:AttachRolePolicy"],
	["iam:PutUserPolicy"],
	["iam:PutGroupPolicy"],
	["iam:PutRolePolicy"],
	["iam:CreateAccessKey"],
	["iam:CreateLoginProfile"],
	["iam:UpdateLoginProfile"],
	["iam:AddUserToGroup"],
	["iam:UpdateAssumeRolePolicy"],
	["iam:PassRole", "ec2:RunInstances"],
	["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
	["iam:PassRole", "cloudformation:CreateStack"],
	["iam:PassRole", "glue:CreateDevEndpoint"],
	["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"],
]

# The entries allowing the action on unconstrained resources, unconditionally: [] when none, or when
# an unconditional Deny on every resource takes it back.
allowing_entries(statements, action) := [] if denied(statements, action)

else := [entry |
	some entry in statements
	entry.stmt.effect == "Allow"
	unconditional(entry.stmt)
	unconstrained_resource(entry.stmt)
	grants_action(entry.stmt, action)
]

denied(statements, action) if {
	some entry in statements
	broad_deny(entry.stmt)
	grants_action(entry.stmt, action)
}

# Escalation sets a principal holds: [{"actions", "policies"}].
escalations[principal.id] := found if {
	some principal in principals
	statements := principal_statements[principal.id]
	not capped_by_boundary(principal)
	found := [{"actions": needed, "policies": sort({source_name(entry) | some action in needed; some entry in allowing_entries(statements, action)})} |
		some needed in escalation_sets
		every action in needed {
			count(allowing_entries(statements, action)) > 0
		}
	]
	count(found) > 0
}

source_name(entry) := sprintf("%s (inline)", [graph.node_by_id[entry.via].name]) if {
	entry.policy == null
	entry.via != null
} else := "inline" if entry.policy == null

else := entry.policyName

can_escalate(principal_id) if escalations[principal_id]

# Admin or escalation-capable: the principal can reach everything.
privileged(principal_id) if is_admin(principal_id)

privileged(principal_id) if can_escalate(principal_id)

# ---------------------------------------------------------------------------------------------
# Conditions.

# Keys that tie a request to known accounts, organizations, networks or endpoints.
restricting_keys := {
	"aws:sourcevpce", "aws:sourcevpc", "aws:principalorgid", "aws:principalorgpaths",
	"aws:principalaccount", "aws:sourceaccount", "aws:sourcearn", "aws:sourceowner",
	"aws:sourceorgid", "aws:sourceorgpaths", "aws:principalarn", "aws:userid", "aws:sourceip",
}

# The base operator: "ForAnyValue:StringEquals" → "stringequals"; IfExists and ForAllValues
# operators are vacuously true when the key is absent, so they never restrict.
positive_operator(op) if {
	lop := lower(op)
	not endswith(lop, "ifexists")
	not startswith(lop, "forallvalues:")
	base := trim_prefix(lop, "foranyvalue:")
	base in {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress"}
}

negative_operator(op) if {
	base := trim_prefix(trim_prefix(lower(op), "forallvalues:"), "foranyvalue:")
	some prefix in ["stringnot", "arnnot", "notipaddress"]
	startswith(base, prefix)
}

# A value that pins the key (not a lone wildcard, and for aws:SourceIp no world-wide range).
pinning_value(key, value) if {
	lower(key) != "aws:sourceip"
	is_string(value)
	value != ""
	not regex.match(`^[*?]+$`, value)
}

pinning_value(key, value) if {
	lower(key) == "aws:sourceip"
	is_string(value)
	contains(value, "/")
	[_, bits] := split(value, "/")
	to_number(bits) >= 8
	not value in {"0.0.0.0/0", "::/0"}
}

# One condition of the statement limits it to known parties.
restricted(stmt) if {
	some op, keys in stmt.conditions
	positive_operator(op)
	some key, values in keys
	lower(key) in restricting_keys
	count(values) > 0
	every value in values {
		pinning_value(key, value)
	}
}

# A Deny whose every condition is a negated restricting key ("deny unless from my VPC endpoint"):
# it leaves only known parties.
deny_unless_known(stmt) if {
	count(stmt.conditions) > 0
	every op, keys in stmt.conditions {
		negative_operator(op)
		every key, _ in keys {
			lower(key) in restricting_keys
		}
	}
}

# ---------------------------------------------------------------------------------------------
# Keys.

# A user's active access keys (has_key edges).
active_keys(principal_id) := [key |
	some edge in graph.edges_from[principal_id]
	edge.kind == "has_key"
	key := graph.node_by_id[edge.to]
	key.kind == "iam.access_key"
	key.attrs.active == true
]

# Access keys by their masked id (AKIA…MPLE), the only form in which user-data findings keep them.
keys_by_masked[key.attrs.keyIdMasked] contains key if {
	some key in graph.nodes_by_kind["iam.access_key"]
	key.provider == "aws"
	is_string(key.attrs.keyIdMasked)
}

# Whole days between an RFC 3339 time and now.
days_since(ts) := floor((time.now_ns() - time.parse_rfc3339_ns(ts)) / ((24 * 3600) * 1000000000))

# ---------------------------------------------------------------------------------------------
# Reporting a statement entry.

# Where an entry comes from, for messages.
entry_source(entry) := sprintf("group %s (%s)", [graph.node_by_id[entry.via].name, entry.policyName]) if entry.via != null

else := sprintf("policy %s", [entry.policyName]) if entry.policy != null

else := "an inline policy"

# The attack path from a principal to the policy granting it: principal → group → policy.
entry_path(principal, entry) := [{"node": principal.id, "via": "member_of"}, {"node": entry.via, "via": "attached_policy"}, {"node": entry.policy}] if {
	entry.via != null
	entry.policy != null
}

else := [{"node": principal.id, "via": "member_of"}, {"node": entry.via}] if entry.via != null

else := [{"node": principal.id, "via": "attached_policy"}, {"node": entry.policy}] if entry.policy != null

else := [{"node": principal.id}]

# Entries in a stable order (by group, then policy).
sorted_entries(entries) := [e |
	some k in sort({entry_key(x) | some x in entries})
	some e in entries
	entry_key(e) == k
]

entry_key(e) := sprintf("%v|%v|%v", [e.via, e.policy, e.stmt])

kind_names := {"iam.user": "User", "iam.role": "Role", "iam.group": "Group"}
