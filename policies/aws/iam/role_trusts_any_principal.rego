# METADATA
# title: IAM role can be assumed by anyone
# description: >-
#   The role's trust policy allows "*" or {"AWS": "*"} (or everyone but a NotPrincipal list) to assume it, with no condition tying the
#   caller to known accounts or organizations (aws:PrincipalOrgID, aws:PrincipalAccount,
#   aws:PrincipalArn, aws:SourceAccount, aws:SourceArn …). Any AWS account in the world can get its
#   credentials; an sts:ExternalId alone does not help, it is no secret.
# custom:
#   incremental: resource
#   id: aws.iam.role_trusts_any_principal
#   severity: critical
#   resource_kinds: [iam.role]
#   recommended_actions:
#     - "Name the trusted accounts or roles in the Principal element: aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json."
#     - "If many accounts of your organization must assume it, keep \"*\" only with a StringEquals aws:PrincipalOrgID condition."
#   frameworks: {}
package cloudwarden.aws.iam.role_trusts_any_principal

import data.cloudwarden.lib.aws_iam
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some role in graph.nodes_by_kind["iam.role"]
	role.provider == "aws"
	statements := [stmt |
		some stmt in aws_iam.array_or_empty(object.get(role.attrs, "trustStatements", []))
		stmt.effect == "Allow"
		count(aws_iam.public_grantees(stmt)) > 0
		not aws_iam.restricted(stmt)
	]
	count(statements) > 0
	result := {
		"resource": role.id,
		"msg": sprintf("Role %s can be assumed by any AWS principal (%s)", [role.name, concat(", ", sort({p | some s in statements; some p in aws_iam.public_grantees(s)}))]),
		"evidence": {"trustStatements": statements},
	}
}
