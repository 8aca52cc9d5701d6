# METADATA
# title: Active IAM access key older than the rotation period
# description: >-
#   An active access key of an IAM user was created more than 90 days ago (parameter
#   key_max_age_days). The longer a key lives, the more copies of it exist (laptops, CI settings,
#   scripts) and the longer a leaked copy stays useful.
# custom:
#   id: aws.iam.access_key_not_rotated
#   severity: medium
#   resource_kinds: [iam.access_key]
#   recommended_actions:
#     - "Rotate: aws iam create-access-key --user-name USER, deploy the new key, then aws iam update-access-key --access-key-id OLD --status Inactive and, once nothing breaks, aws iam delete-access-key --access-key-id OLD --user-name USER."
#     - "Better, replace long-lived keys with roles (instance profiles, IAM Roles Anywhere, OIDC federation for CI, IAM Identity Center for people)."
#   frameworks:
#     cis-aws-3.0: ["1.14"]
package cloudwarden.aws.iam.access_key_not_rotated

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.iam
import data.cloudwarden.lib.params
import rego.v1

max_age_days := params.get("key_max_age_days", 90)

deny contains result if {
	some key in graph.nodes_by_kind["iam.access_key"]
	key.provider == "aws"
	key.attrs.active == true
	age := iam.age_days(key)
	age > max_age_days
	result := {
		"resource": key.id,
		"msg": sprintf("Access key %s of %s is %d days old (limit %d)", [key.attrs.keyIdMasked, user_name(key), age, max_age_days]),
		"evidence": {"ageDays": age, "maxAgeDays": max_age_days, "createdAt": object.get(key, "createdAt", null), "lastUsedAt": object.get(key.attrs, "lastUsedAt", null)},
	}
}

user_name(key) := graph.node_by_id[key.attrs.userArn].name

else := key.attrs.userArn
