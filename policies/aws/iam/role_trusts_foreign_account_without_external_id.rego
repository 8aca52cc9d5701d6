# METADATA
# title: IAM role trusts a foreign account without an external id or MFA
# description: >-
#   The role's trust policy lets an account outside the scanned inventory (not an account node of
#   this snapshot) assume it with neither an sts:ExternalId condition nor an MFA condition
#   (aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge). A vendor trusted this way can be tricked
#   into using the role on behalf of another of its customers (the confused deputy problem), and
#   anyone who compromises the foreign account inherits the role.
# custom:
#   incremental: resource
#   id: aws.iam.role_trusts_foreign_account_without_external_id
#   severity: high
#   resource_kinds: [iam.role]
#   recommended_actions:
#     - "Add the external id the vendor gave you to the trust policy: \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"VALUE\"}} (aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json)."
#     - "For people of a partner account, require MFA instead (\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}); remove trusts that are no longer used (check the role's last use)."
#   frameworks: {}
package cloudwarden.aws.iam.role_trusts_foreign_account_without_external_id

import data.cloudwarden.lib.aws_iam
import data.cloudwarden.lib.graph
import rego.v1

# Accounts of the inventory (the organization being scanned).
known_accounts := {node.account | some node in graph.nodes_by_kind.account; node.provider == "aws"}

guard_keys := {"sts:externalid", "aws:multifactorauthpresent", "aws:multifactorauthage"}

deny contains result if {
	some role in graph.nodes_by_kind["iam.role"]
	role.provider == "aws"
	foreign := {account |
		some stmt in aws_iam.array_or_empty(object.get(role.attrs, "trustStatements", []))
		stmt.effect == "Allow"
		not guarded(stmt)
		not aws_iam.restricted(stmt)
		some principal in stmt.principals
		account := principal_account(principal)
		account != role.account
		not account in known_accounts
	}
	count(foreign) > 0
	result := {
		"resource": role.id,
		"msg": sprintf("Role %s trusts account %s without an external id or MFA condition", [role.name, concat(", ", sort(foreign))]),
		"evidence": {"foreignAccounts": sort(foreign), "trustStatements": role.attrs.trustStatements},
	}
}

guarded(stmt) if {
	some _, keys in stmt.conditions
	some key, _ in keys
	lower(key) in guard_keys
}

# The account of an AWS principal: "AWS:123456789012", or an IAM ARN in that account.
principal_account(principal) := account if {
	[_, account] := regex.find_all_string_submatch_n(`^AWS:(\d{12})$`, principal, 1)[0]
} else := account if {
	[_, account] := regex.find_all_string_submatch_n(`^AWS:arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):`, principal, 1)[0]
}
