# METADATA
# title: IAM user or role can escalate its own privileges
# description: >-
#   The principal is allowed, unconditionally and on unconstrained resources ("*" or every resource
#   of a type), an action set known to turn limited rights into admin: iam:CreatePolicyVersion,
#   iam:SetDefaultPolicyVersion, iam:Attach*Policy, iam:Put*Policy, iam:CreateAccessKey,
#   iam:CreateLoginProfile, iam:UpdateLoginProfile, iam:AddUserToGroup, iam:UpdateAssumeRolePolicy,
#   or iam:PassRole together with ec2:RunInstances, lambda:CreateFunction + lambda:InvokeFunction,
#   cloudformation:CreateStack, glue:CreateDevEndpoint or Data Pipeline creation (launch compute
#   with any role, then use its credentials). A Deny on every resource or a permissions boundary
#   takes them back. Principals with full admin are reported by
#   aws.iam.principal_with_admin_privileges.
# custom:
#   incremental: {reach: 2, via: [member_of, attached_policy, permissionsBoundaryArn]}
#   id: aws.iam.privilege_escalation_actions
#   severity: high
#   resource_kinds: [iam.user, iam.role]
#   recommended_actions:
#     - "Scope iam:PassRole to the roles the workload launches (\"Resource\": \"arn:aws:iam::ACCOUNT:role/worker-*\", with an iam:PassedToService condition), and IAM write actions to the principal's own resources, or remove them."
#     - "Attach a permissions boundary to principals that must manage IAM (aws iam put-user-permissions-boundary / put-role-permissions-boundary)."
#   frameworks: {}
package cloudwarden.aws.iam.privilege_escalation_actions

import data.cloudwarden.lib.aws_iam
import rego.v1

deny contains result if {
	some principal_id, found in aws_iam.escalations
	not aws_iam.is_admin(principal_id)
	principal := data.cloudwarden.lib.graph.node_by_id[principal_id]
	result := {
		"resource": principal.id,
		"msg": sprintf("%s %s can escalate its privileges with %s", [aws_iam.kind_names[principal.kind], principal.name, concat("; ", [concat(" + ", f.actions) | some f in found])]),
		"evidence": {"escalations": found},
	}
}
