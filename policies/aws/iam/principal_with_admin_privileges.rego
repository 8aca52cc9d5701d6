# METADATA
# title: IAM user or role has full administrative privileges
# description: >-
#   A user or role is allowed every action on every resource ("Action": "*", "Resource": "*",
#   unconditional) through an inline policy, an attached managed policy such as AdministratorAccess,
#   or a group it belongs to, and no unconditional Deny on every resource or permissions boundary
#   takes it back. Its credentials, or anyone who can assume it, own the account.
# custom:
#   incremental: {reach: 2, via: [member_of, attached_policy, permissionsBoundaryArn]}
#   id: aws.iam.principal_with_admin_privileges
#   severity: high
#   resource_kinds: [iam.user, iam.role]
#   recommended_actions:
#     - "Replace the grant with least-privilege policies (IAM Access Analyzer policy generation from CloudTrail activity helps): aws iam detach-user-policy / detach-role-policy / detach-group-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess, or remove the user from the admin group."
#     - "Keep administration for a few roles assumed with MFA (or through IAM Identity Center), and put a permissions boundary on roles that must stay broad."
#   frameworks:
#     cis-aws-3.0: ["1.16"]
package cloudwarden.aws.iam.principal_with_admin_privileges

import data.cloudwarden.lib.aws_iam
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some principal_id, entries in aws_iam.admin_entries
	principal := graph.node_by_id[principal_id]
	entry := aws_iam.sorted_entries(entries)[0]
	result := {
		"resource": principal.id,
		"msg": sprintf("%s %s can perform every action on every resource through %s", [aws_iam.kind_names[principal.kind], principal.name, aws_iam.entry_source(entry)]),
		"evidence": {"grants": [{"policy": e.policy, "policyName": e.policyName, "viaGroup": e.via} | some e in aws_iam.sorted_entries(entries)]},
		"path": aws_iam.entry_path(principal, entry),
	}
}
