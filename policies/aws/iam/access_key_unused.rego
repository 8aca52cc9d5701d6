# METADATA
# title: Active IAM access key unused for 90 days or never used
# description: >-
#   An active access key has not been used for more than 90 days (parameter key_unused_days), or
#   was never used and was created more than that long ago. Nobody needs it, yet it still works for
#   whoever finds a copy. CIS AWS 3.0 1.12 asks for 45 days; set key_unused_days to 45 to match it.
# custom:
#   id: aws.iam.access_key_unused
#   severity: medium
#   resource_kinds: [iam.access_key]
#   recommended_actions:
#     - "Deactivate it: aws iam update-access-key --user-name USER --access-key-id KEY --status Inactive; delete it after a grace period: aws iam delete-access-key."
#   frameworks: {}
package cloudwarden.aws.iam.access_key_unused

import data.cloudwarden.lib.aws_iam
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.iam
import data.cloudwarden.lib.params
import rego.v1

unused_days := params.get("key_unused_days", 90)

deny contains result if {
	some key in graph.nodes_by_kind["iam.access_key"]
	key.provider == "aws"
	key.attrs.active == true
	last_used := object.get(key.attrs, "lastUsedAt", null)
	idle := idle_days(key, last_used)
	idle > unused_days
	result := {
		"resource": key.id,
		"msg": message(key, last_used, idle),
		"evidence": {"lastUsedAt": last_used, "lastUsedService": object.get(key.attrs, "lastUsedService", null), "idleDays": idle, "unusedDays": unused_days, "createdAt": object.get(key, "createdAt", null)},
	}
}

idle_days(key, null) := iam.age_days(key)

idle_days(_, last_used) := aws_iam.days_since(last_used) if is_string(last_used)

message(key, null, idle) := sprintf("Access key %s of %s was never used in the %d days since it was created", [key.attrs.keyIdMasked, user_name(key), idle])

message(key, last_used, idle) := sprintf("Access key %s of %s was last used %d days ago", [key.attrs.keyIdMasked, user_name(key), idle]) if is_string(last_used)

user_name(key) := graph.node_by_id[key.attrs.userArn].name

else := key.attrs.userArn
