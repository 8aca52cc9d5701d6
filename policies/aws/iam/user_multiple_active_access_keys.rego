# METADATA
# title: IAM user has more than one active access key
# description: >-
#   The user has two active access keys. A second key is meant for the few minutes of a rotation;
#   kept active, it doubles what can leak and usually means the old key was never retired.
# custom:
#   incremental: {reach: 1, via: [has_key]}
#   id: aws.iam.user_multiple_active_access_keys
#   severity: low
#   resource_kinds: [iam.user]
#   recommended_actions:
#     - "Find which key is still used (aws iam get-access-key-last-used --access-key-id KEY), move everything to it, then aws iam update-access-key --status Inactive and delete-access-key for the other."
#   frameworks:
#     cis-aws-3.0: ["1.13"]
package cloudwarden.aws.iam.user_multiple_active_access_keys

import data.cloudwarden.lib.aws_iam
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some user in graph.nodes_by_kind["iam.user"]
	user.provider == "aws"
	keys := aws_iam.active_keys(user.id)
	count(keys) > 1
	result := {
		"resource": user.id,
		"msg": sprintf("User %s has %d active access keys (%s)", [user.name, count(keys), concat(", ", sort([k.attrs.keyIdMasked | some k in keys]))]),
		"evidence": {"activeKeys": sort([k.id | some k in keys])},
	}
}
