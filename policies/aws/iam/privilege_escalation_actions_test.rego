package cloudwarden.aws.iam.privilege_escalation_actions_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.privilege_escalation_actions as check
import rego.v1

erin(statements) := {"nodes": [fx.user("erin", {"inlineStatements": statements})], "edges": []}

run_any := fx.stmt("Allow", ["ec2:RunInstances", "ec2:CreateTags"], ["*"], {})

test_pass_role_with_run_instances_is_denied if {
	results := check.deny with input as erin([run_any, fx.stmt("Allow", ["iam:PassRole"], ["*"], {})])
	count(results) == 1
	some r in results
	r.msg == "User erin can escalate its privileges with iam:PassRole + ec2:RunInstances"
	r.evidence.escalations == [{"actions": ["iam:PassRole", "ec2:RunInstances"], "policies": ["inline"]}]
}

test_single_iam_actions_and_wildcards_are_denied if {
	count(check.deny) == 1 with input as erin([fx.stmt("Allow", ["iam:CreatePolicyVersion"], ["*"], {})])
	count(check.deny) == 1 with input as erin([fx.stmt("Allow", ["iam:Attach*"], ["arn:aws:iam::111122223333:user/*"], {})])
	count(check.deny) == 1 with input as erin([fx.stmt("Allow", ["iam:*"], ["*"], {})])
	# Through a group's managed policy.
	u := fx.user("u", {})
	g := fx.group("ci", [])
	p := fx.policy("lambda-deployer", [fx.stmt("Allow", ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], ["*"], {})])
	count(check.deny) == 1 with input as {"nodes": [u, g, p], "edges": [fx.edge(u, g, "member_of"), fx.edge(g, p, "attached_policy")]}
}

test_resource_constrained_partial_conditional_or_denied_pass if {
	# PassRole limited to one role.
	count(check.deny) == 0 with input as erin([run_any, fx.stmt("Allow", ["iam:PassRole"], ["arn:aws:iam::111122223333:role/worker"], {})])
	# Half a set.
	count(check.deny) == 0 with input as erin([fx.stmt("Allow", ["iam:PassRole"], ["*"], {})])
	count(check.deny) == 0 with input as erin([fx.stmt("Allow", ["iam:PassRole", "lambda:CreateFunction"], ["*"], {})])
	# Own access keys only (${aws:username}), or behind a condition.
	count(check.deny) == 0 with input as erin([fx.stmt("Allow", ["iam:CreateAccessKey"], ["arn:aws:iam::111122223333:user/${aws:username}"], {})])
	count(check.deny) == 0 with input as erin([fx.stmt("Allow", ["iam:CreatePolicyVersion"], ["*"], {"Bool": {"aws:MultiFactorAuthPresent": ["true"]}})])
	# Denied back.
	count(check.deny) == 0 with input as erin([run_any, fx.stmt("Allow", ["iam:PassRole"], ["*"], {}), fx.stmt("Deny", ["iam:PassRole"], ["*"], {})])
	# Read-only IAM.
	count(check.deny) == 0 with input as erin([fx.stmt("Allow", ["iam:Get*", "iam:List*"], ["*"], {})])
	# Admins are reported by their own check.
	count(check.deny) == 0 with input as erin([fx.stmt("Allow", ["*"], ["*"], {})])
}
