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
# The cheap cases first: equal names, then a glob only within the same service (or a leading "*").
action_matches(pattern, action) if lower(pattern) == lower(action)

action_matches(pattern, action) if {
	regex.match(`[*?]`, pattern)
	same_service(lower(pattern), lower(action))
	glob.match(lower(pattern), [], lower(action))
}

same_service(pattern, _) if startswith(pattern, "*")

same_service(pattern, action) if startswith(action, concat("", [split(pattern, ":")[0], ":"]))

# Principals that mean "anyone": "*" and {"AWS": "*"} (and the any-account root ARN).
public_principals := {"*", "AWS:*", "AWS:arn:aws:iam::*:root"}

is_public_principal(principal) if principal in public_principals

# The statement's grantees that mean "anyone": public principals, and "NotPrincipal:…" for a
# NotPrincipal statement (everyone except the listed principals).
public_grantees(stmt) := {principal | some principal in stmt.principals; is_public_principal(principal)} | {concat("", ["NotPrincipal:", concat(",", stmt.notPrincipals)]) |
	count(array_or_empty(object.get(stmt, "notPrincipals", []))) > 0
}

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
# Statement sources. A source is a managed policy node or a holder's (user, group, role) inline
# policy; every analysis of statements runs once per source and is shared by all the principals
# that hold it (one AdministratorAccess node serves every admin of every account).

array_or_empty(value) := value if is_array(value)

else := []

source_kinds := ["iam.user", "iam.group", "iam.role", "iam.policy"]

source_nodes := [node |
	some kind in source_kinds
	some node in graph.nodes_by_kind[kind]
	node.provider == "aws"
]

statements_of(node) := array_or_empty(object.get(node.attrs, "statements", [])) if node.kind == "iam.policy"

else := array_or_empty(object.get(node.attrs, "inlineStatements", []))

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

# The sources of one holder: {"id", "policy", "policyName", "via"} (policy null for inline).
holder_sources(holder, via) := array.concat(
	[{"id": holder.id, "policy": null, "policyName": "inline", "via": via} | count(statements_of(holder)) > 0],
	[{"id": policy.id, "policy": policy.id, "policyName": policy.name, "via": via} | some policy in attached_policies(holder.id)],
)

# AWS users and roles (the principals that act).
principals := [p |
	some kind in ["iam.user", "iam.role"]
	some p in graph.nodes_by_kind[kind]
	p.provider == "aws"
]

# Every source in force for a principal; a user also gets its groups' (via = group id).
principal_sources[principal.id] := array.concat(
	holder_sources(principal, null),
	[source | some group in groups_of(principal.id); some source in holder_sources(group, group.id)],
) if {
	some principal in principals
}

# Per-source facts.

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

full_allow_sources contains node.id if {
	some node in source_nodes
	some stmt in statements_of(node)
	full_allow(stmt)
}

broad_deny_sources contains node.id if {
	some node in source_nodes
	some stmt in statements_of(node)
	broad_deny(stmt)
}

# Unconditional Allow statements with NotAction on every resource, by source.
not_action_statements[node.id] := stmts if {
	some node in source_nodes
	stmts := [stmt |
		some stmt in statements_of(node)
		stmt.effect == "Allow"
		count(stmt.notActions) > 0
		unconditional(stmt)
		"*" in stmt.resources
	]
	count(stmts) > 0
}

# Whole-service wildcards ("s3:*") allowed unconditionally on every resource, by source.
service_wildcards[node.id] := wildcards if {
	some node in source_nodes
	wildcards := {action |
		some stmt in statements_of(node)
		stmt.effect == "Allow"
		unconditional(stmt)
		"*" in stmt.resources
		some action in stmt.actions
		regex.match(`^[A-Za-z0-9-]+:\*$`, action)
	}
	count(wildcards) > 0
}

# ---------------------------------------------------------------------------------------------
# Effective admin.

# A permissions boundary caps the principal unless the boundary itself allows everything.
capped_by_boundary(principal) if {
	arn := object.get(principal.attrs, "permissionsBoundaryArn", null)
	arn != null
	not arn in full_allow_sources
}

# The sources granting admin to the principal (absent when none, or when a Deny or boundary takes it back).
admin_entries[principal.id] := entries if {
	some principal in principals
	sources := principal_sources[principal.id]
	entries := [source | some source in sources; source.id in full_allow_sources]
	count(entries) > 0
	not capped_by_boundary(principal)
	not any_broad_deny(sources)
}

any_broad_deny(sources) if {
	some source in sources
	source.id in broad_deny_sources
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

escalation_actions := {action | some needed in escalation_sets; some action in needed}

# The escalation actions one Action pattern matches ("iam:*" → every iam: one). A function of one
# string, so it is worked out once per distinct pattern, not once per statement and action.
pattern_escalations(pattern) := {action | some action in escalation_actions; action_matches(pattern, action)}

# The escalation actions a statement covers (as grants_action would say for each of them).
statement_escalations(stmt) := {action | some pattern in stmt.actions; some action in pattern_escalations(pattern)} | {action |
	count(stmt.notActions) > 0
	some action in escalation_actions
	not excluded_by_not_action(stmt, action)
}

# Escalation actions a source allows unconditionally on unconstrained resources.
escalation_grants[node.id] := actions if {
	some node in source_nodes
	actions := {action |
		some stmt in statements_of(node)
		stmt.effect == "Allow"
		unconditional(stmt)
		unconstrained_resource(stmt)
		some action in statement_escalations(stmt)
	}
	count(actions) > 0
}

# Escalation actions a source denies on every resource.
escalation_denials[node.id] := actions if {
	some node in source_nodes
	denies := [stmt | some stmt in statements_of(node); broad_deny(stmt)]
	count(denies) > 0
	actions := {action | some stmt in denies; some action in statement_escalations(stmt)}
}

# Escalation sets a principal holds: [{"actions", "policies"}].
escalations[principal.id] := found if {
	some principal in principals
	sources := [source | some source in principal_sources[principal.id]; escalation_grants[source.id]]
	count(sources) > 0
	not capped_by_boundary(principal)
	denied := {action | some source in principal_sources[principal.id]; some action in escalation_denials[source.id]}
	granted := {action: names |
		some action in escalation_actions
		not action in denied
		names := {source_name(source) | some source in sources; action in escalation_grants[source.id]}
		count(names) > 0
	}
	found := [{"actions": needed, "policies": sort({name | some action in needed; some name in granted[action]})} |
		some needed in escalation_sets
		every action in needed {
			granted[action]
		}
	]
	count(found) > 0
}

source_name(source) := sprintf("%s (inline)", [graph.node_by_id[source.via].name]) if {
	source.policy == null
	source.via != null
} else := "inline" if source.policy == null

else := source.policyName

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

# A single address ("203.0.113.5") pins the caller too.
pinning_value(key, value) if {
	lower(key) == "aws:sourceip"
	is_string(value)
	not contains(value, "/")
	regex.match(`^[0-9a-fA-F.:]+$`, value)
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

entry_key(e) := sprintf("%v|%v|%v", [e.via, e.policy, e.id])

kind_names := {"iam.user": "User", "iam.role": "Role", "iam.group": "Group"}
