# METADATA
# title: IAM password policy allows passwords shorter than 14 characters
# description: >-
#   The account password policy is missing (IAM then accepts 8-character passwords) or its
#   MinimumPasswordLength is below 14 (parameter password_min_length). The evidence also lists which
#   character classes (symbols, numbers, upper and lower case) are not required. Not reported when
#   the policy could not be read.
# custom:
#   incremental: resource
#   id: aws.iam.password_policy_short_minimum_length
#   severity: medium
#   resource_kinds: [account]
#   recommended_actions:
#     - "aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --allow-users-to-change-password (keep the flags you already use: the call replaces the whole policy)."
#     - "Prefer federated sign-in (IAM Identity Center) so few or no IAM users have passwords at all."
#   frameworks:
#     cis-aws-3.0: ["1.8"]
package cloudwarden.aws.iam.password_policy_short_minimum_length

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.params
import rego.v1

min_length := params.get("password_min_length", 14)

classes := {"RequireSymbols": "symbols", "RequireNumbers": "numbers", "RequireUppercaseCharacters": "uppercase", "RequireLowercaseCharacters": "lowercase"}

deny contains result if {
	some account in graph.nodes_by_kind.account
	account.provider == "aws"
	policy := object.get(account.attrs, "passwordPolicy", "unknown")
	policy != "unknown"
	length := configured_length(policy)
	length < min_length
	result := {
		"resource": account.id,
		"msg": message(account, policy, length),
		"evidence": {"minimumPasswordLength": length, "required": min_length, "classesNotRequired": not_required(policy), "passwordPolicy": policy},
	}
}

configured_length(null) := 8

configured_length(policy) := object.get(policy, "MinimumPasswordLength", 8) if policy != null

not_required(policy) := sort([name | some key, name in classes; object.get(object.union({}, policy_or_empty(policy)), key, false) != true])

policy_or_empty(null) := {}

policy_or_empty(policy) := policy if policy != null

message(account, null, _) := sprintf("Account %s (%s) has no IAM password policy (passwords of 8 characters are accepted)", [account.account, account.name])

message(account, policy, length) := sprintf("Account %s (%s) accepts IAM passwords of %d characters (minimum %d)", [account.account, account.name, length, min_length]) if policy != null
