package cloudwarden.aws.iam.principal_with_admin_privileges_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.principal_with_admin_privileges as check
import rego.v1

alice := fx.user("alice", {})

admins := fx.group("admins", [])

test_admin_through_group_policy_is_denied_with_its_path if {
	results := check.deny with input as {
		"nodes": [alice, admins, fx.admin_policy],
		"edges": [fx.edge(alice, admins, "member_of"), fx.edge(admins, fx.admin_policy, "attached_policy")],
	}
	count(results) == 1
	some r in results
	r.msg == "User alice can perform every action on every resource through group admins (AdministratorAccess)"
	r.path == [
		{"node": alice.id, "via": "member_of"},
		{"node": admins.id, "via": "attached_policy"},
		{"node": fx.admin_policy.id},
	]
}

test_inline_and_attached_role_admin_are_denied if {
	count(check.deny) == 1 with input as {"nodes": [fx.user("bob", {"inlineStatements": [fx.stmt("Allow", ["*"], ["*"], {})]})], "edges": []}
	r := fx.role("ops", [], {})
	count(check.deny) == 1 with input as {"nodes": [r, fx.admin_policy], "edges": [fx.edge(r, fx.admin_policy, "attached_policy")]}
}

test_near_misses_pass if {
	# NotAction everything-but-IAM is not full admin (its own check).
	count(check.deny) == 0 with input as {"nodes": [fx.user("frank", {"inlineStatements": [fx.not_action_stmt(["iam:*"], ["*"])]})], "edges": []}
	# Conditional, or resource-scoped, "*".
	count(check.deny) == 0 with input as {"nodes": [fx.user("c", {"inlineStatements": [fx.stmt("Allow", ["*"], ["*"], {"Bool": {"aws:MultiFactorAuthPresent": ["true"]}})]})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.user("d", {"inlineStatements": [fx.stmt("Allow", ["*"], ["arn:aws:s3:::b1/*"], {})]})], "edges": []}
	# A Deny on every resource takes part of it back.
	count(check.deny) == 0 with input as {"nodes": [fx.user("e", {"inlineStatements": [fx.stmt("Allow", ["*"], ["*"], {}), fx.stmt("Deny", ["iam:*"], ["*"], {})]})], "edges": []}
	# A permissions boundary that is not admin caps it.
	boundary := fx.policy("boundary", [fx.stmt("Allow", ["s3:*"], ["*"], {})])
	count(check.deny) == 0 with input as {"nodes": [fx.user("f", {"inlineStatements": [fx.stmt("Allow", ["*"], ["*"], {})], "permissionsBoundaryArn": boundary.id}), boundary], "edges": []}
	# A group alone is not reported; its members are.
	count(check.deny) == 0 with input as {"nodes": [admins, fx.admin_policy], "edges": [fx.edge(admins, fx.admin_policy, "attached_policy")]}
}
