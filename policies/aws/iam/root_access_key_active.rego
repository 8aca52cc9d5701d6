# METADATA
# title: Root user has an active access key
# description: >-
#   The root user has an active access key (credential report access_key_1_active or access_key_2_active). Root keys cannot be limited by any IAM policy; whoever holds one owns the account.
# custom:
#   incremental: resource
#   id: aws.iam.root_access_key_active
#   severity: critical
#   resource_kinds: [account]
#   recommended_actions:
#     - "Find what uses it (credential report access_key_N_last_used_date / service), move that to an IAM role, then delete the key as root: console → account menu → Security credentials → Access keys → Delete."
#     - "Alert on root use with a CloudTrail/EventBridge rule on userIdentity.type = Root."
#   frameworks:
#     cis-aws-3.0: ["1.4"]
package cloudwarden.aws.iam.root_access_key_active

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some account in graph.nodes_by_kind.account
	account.provider == "aws"
	account.attrs.rootAccessKeysActive == true
	result := {
		"resource": account.id,
		"msg": sprintf("Account %s (%s) root user has an active access key", [account.account, account.name]),
		"evidence": {"rootAccessKeysActive": true, "rootPasswordLastUsed": object.get(account.attrs, "rootPasswordLastUsed", null)},
	}
}
