# METADATA
# title: IAM user can sign in to the console without MFA
# description: >-
#   The user has a console password (credential report password_enabled) and no MFA device
#   (mfa_active false): a phished or reused password is enough to sign in.
# custom:
#   incremental: resource
#   id: aws.iam.user_console_access_without_mfa
#   severity: high
#   resource_kinds: [iam.user]
#   recommended_actions:
#     - "Have the user register an MFA device (IAM console → Users → USER → Security credentials → Assign MFA device; passkeys and security keys resist phishing best)."
#     - "If the user does not need the console, remove the password: aws iam delete-login-profile --user-name USER. Enforce MFA with a policy denying everything when aws:MultiFactorAuthPresent is false."
#   frameworks:
#     cis-aws-3.0: ["1.10"]
package cloudwarden.aws.iam.user_console_access_without_mfa

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some user in graph.nodes_by_kind["iam.user"]
	user.provider == "aws"
	user.attrs.passwordEnabled == true
	user.attrs.mfaActive == false
	result := {
		"resource": user.id,
		"msg": sprintf("User %s has a console password and no MFA device", [user.name]),
		"evidence": {"passwordEnabled": true, "mfaActive": false, "passwordLastUsed": object.get(user.attrs, "passwordLastUsed", null)},
	}
}
