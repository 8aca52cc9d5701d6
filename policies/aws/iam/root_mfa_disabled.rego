# METADATA
# title: Root user has no MFA
# description: >-
#   The account's root user (credential report <root_account>, mfa_active) has no MFA device: its password alone opens every resource and setting of the account, including closing it.
# custom:
#   incremental: resource
#   id: aws.iam.root_mfa_disabled
#   severity: critical
#   resource_kinds: [account]
#   recommended_actions:
#     - "Sign in as root and assign an MFA device (console → account menu → Security credentials → Multi-factor authentication; a hardware key or passkey preferably)."
#     - "In an organization, consider centralized root access management (aws iam enable-organizations-root-credentials-management) to remove member root credentials altogether."
#   frameworks:
#     cis-aws-3.0: ["1.5"]
package cloudwarden.aws.iam.root_mfa_disabled

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some account in graph.nodes_by_kind.account
	account.provider == "aws"
	account.attrs.rootMfaActive == false
	result := {
		"resource": account.id,
		"msg": sprintf("Account %s (%s) root user has no MFA device", [account.account, account.name]),
		"evidence": {"rootMfaActive": account.attrs.rootMfaActive},
	}
}
