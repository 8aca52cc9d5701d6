# METADATA
# title: User data leaks an active access key of an admin or escalation-capable user
# description: >-
#   Toxic combination: an AWS access key id found in the user data of an instance or launch
#   template matches an active access key of the inventory (same masked id: prefix and last four
#   characters) whose user has full admin or a privilege-escalation action set. Whoever reads the
#   user data owns the account. The path goes from the template or instance to the key, its user
#   and the policy granting admin.
# custom:
#   id: aws.ec2.user_data_leaks_privileged_access_key
#   severity: critical
#   resource_kinds: [compute.instance, compute.launch_template]
#   recommended_actions:
#     - "Deactivate the key now (aws iam update-access-key --user-name USER --access-key-id KEY --status Inactive), review CloudTrail for its use since the template or instance was created, then delete it."
#     - "Remove the key from user data (new clean launch template version, delete the old ones) and give the workload an instance role with only what it needs."
#   frameworks: {}
package cloudwarden.aws.ec2.user_data_leaks_privileged_access_key

import data.cloudwarden.lib.aws_ec2
import data.cloudwarden.lib.aws_iam
import rego.v1

deny contains result if {
	some node in aws_ec2.user_data_holders
	some finding in aws_ec2.leaked_key_ids(node)
	some match in aws_ec2.active_matches(finding)
	aws_iam.privileged(match.user.id)
	result := {
		"resource": node.id,
		"msg": sprintf("%s %s has access key %s of %s in its user data, and %s %s", [aws_ec2.kind_names[node.kind], node.name, finding.masked, match.user.name, match.user.name, reach(match.user.id)]),
		"evidence": {"finding": finding, "key": match.key.id, "user": match.user.id, "admin": is_admin(match.user.id), "escalations": object.get(aws_iam.escalations, match.user.id, [])},
		"discriminator": match.key.id,
		"path": array.concat([{"node": node.id}, {"node": match.key.id}], grant_path(match.user)),
	}
}

reach(user_id) := "can perform every action on every resource" if aws_iam.is_admin(user_id)

else := "can escalate to admin"

grant_path(user) := aws_iam.entry_path(user, aws_iam.sorted_entries(aws_iam.admin_entries[user.id])[0]) if aws_iam.is_admin(user.id)

else := [{"node": user.id}]

is_admin(user_id) if aws_iam.is_admin(user_id)

default is_admin(_) := false
