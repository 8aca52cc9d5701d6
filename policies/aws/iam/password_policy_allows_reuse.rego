# METADATA
# title: IAM password policy does not prevent password reuse
# description: >-
#   The account password policy is missing or does not remember previous passwords
#   (PasswordReusePrevention unset or below 24, parameter password_reuse_prevention), so users can
#   rotate back to a password that has leaked. Not reported when the policy could not be read.
# custom:
#   incremental: resource
#   id: aws.iam.password_policy_allows_reuse
#   severity: low
#   resource_kinds: [account]
#   recommended_actions:
#     - "aws iam update-account-password-policy --password-reuse-prevention 24 plus the settings you already use (the call replaces the whole policy; see aws iam get-account-password-policy)."
#   frameworks:
#     cis-aws-3.0: ["1.9"]
package cloudwarden.aws.iam.password_policy_allows_reuse

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.params
import rego.v1

required := params.get("password_reuse_prevention", 24)

deny contains result if {
	some account in graph.nodes_by_kind.account
	account.provider == "aws"
	policy := object.get(account.attrs, "passwordPolicy", "unknown")
	policy != "unknown"
	remembered := remembered_count(policy)
	remembered < required
	result := {
		"resource": account.id,
		"msg": sprintf("Account %s (%s) remembers %d previous IAM passwords (at least %d required)", [account.account, account.name, remembered, required]),
		"evidence": {"passwordReusePrevention": remembered, "required": required},
	}
}

remembered_count(null) := 0

remembered_count(policy) := object.get(policy, "PasswordReusePrevention", 0) if policy != null
