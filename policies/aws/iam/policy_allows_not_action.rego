# METADATA
# title: IAM user or role is allowed everything except a few actions (NotAction)
# description: >-
#   An unconditional Allow statement with NotAction on every resource grants every action of every
#   AWS service except the listed ones, including services and actions added later. "Everything but
#   iam:*" still allows reading every secret, deleting every bucket and, through services that act
#   for the caller, often reaching IAM anyway. Principals with full admin are reported by
#   aws.iam.principal_with_admin_privileges instead.
# custom:
#   incremental: {reach: 2, via: [member_of, attached_policy, permissionsBoundaryArn]}
#   id: aws.iam.policy_allows_not_action
#   severity: high
#   resource_kinds: [iam.user, iam.role]
#   recommended_actions:
#     - "Rewrite the statement as an Allow of the actions the principal needs (aws iam put-user-policy / put-role-policy with the new document, or create-policy-version for a managed policy)."
#     - "Use NotAction only in Deny statements (e.g. deny everything without MFA)."
#   frameworks: {}
package cloudwarden.aws.iam.policy_allows_not_action

import data.cloudwarden.lib.aws_iam
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some principal in aws_iam.principals
	not aws_iam.is_admin(principal.id)
	entries := [entry | some entry in aws_iam.principal_sources[principal.id]; aws_iam.not_action_statements[entry.id]]
	count(entries) > 0
	entry := aws_iam.sorted_entries(entries)[0]
	result := {
		"resource": principal.id,
		"msg": sprintf("%s %s is allowed every action except %s on every resource through %s", [aws_iam.kind_names[principal.kind], principal.name, concat(", ", aws_iam.not_action_statements[entry.id][0].notActions), aws_iam.entry_source(entry)]),
		"evidence": {"statements": [{"policy": e.policy, "policyName": e.policyName, "viaGroup": e.via, "notActions": [stmt.notActions | some stmt in aws_iam.not_action_statements[e.id]]} | some e in aws_iam.sorted_entries(entries)]},
		"path": aws_iam.entry_path(principal, entry),
	}
}
