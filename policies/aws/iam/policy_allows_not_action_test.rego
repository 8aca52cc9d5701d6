package cloudwarden.aws.iam.policy_allows_not_action_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.policy_allows_not_action as check
import rego.v1

test_allow_not_action_on_everything_is_denied if {
	results := check.deny with input as {"nodes": [fx.user("frank", {"inlineStatements": [fx.not_action_stmt(["iam:*"], ["*"])]})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "User frank is allowed every action except iam:* on every resource through an inline policy"
	p := fx.policy("everything-but-iam", [fx.not_action_stmt(["iam:*", "organizations:*"], ["*"])])
	r2 := fx.role("r", [], {})
	count(check.deny) == 1 with input as {"nodes": [r2, p], "edges": [fx.edge(r2, p, "attached_policy")]}
}

test_scoped_conditional_deny_and_admin_pass if {
	# NotAction limited to one bucket, behind a condition, or in a Deny.
	count(check.deny) == 0 with input as {"nodes": [fx.user("a", {"inlineStatements": [fx.not_action_stmt(["s3:DeleteObject"], ["arn:aws:s3:::b1/*"])]})], "edges": []}
	cond := object.union(fx.not_action_stmt(["iam:*"], ["*"]), {"conditions": {"StringEquals": {"aws:RequestedRegion": ["eu-west-1"]}}})
	count(check.deny) == 0 with input as {"nodes": [fx.user("b", {"inlineStatements": [cond]})], "edges": []}
	deny_stmt := object.union(fx.not_action_stmt(["iam:ChangePassword"], ["*"]), {"effect": "Deny"})
	count(check.deny) == 0 with input as {"nodes": [fx.user("c", {"inlineStatements": [deny_stmt]})], "edges": []}
	# Full admin is reported by its own check.
	count(check.deny) == 0 with input as {"nodes": [fx.user("d", {"inlineStatements": [fx.stmt("Allow", ["*"], ["*"], {}), fx.not_action_stmt(["iam:*"], ["*"])]})], "edges": []}
}
