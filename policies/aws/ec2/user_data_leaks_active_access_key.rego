# METADATA
# title: User data leaks an active access key
# description: >-
#   An AWS access key id found in the user data of an instance or launch template matches an active
#   access key of the inventory (same masked id: prefix and last four characters) whose user has
#   neither full admin nor an escalation action set (those are
#   aws.ec2.user_data_leaks_privileged_access_key). The key works for whoever reads the user data.
# custom:
#   id: aws.ec2.user_data_leaks_active_access_key
#   severity: high
#   resource_kinds: [compute.instance, compute.launch_template]
#   recommended_actions:
#     - "Deactivate and replace the key (aws iam update-access-key --status Inactive, create-access-key, delete-access-key), and review CloudTrail for its use."
#     - "Remove it from user data and give the workload an instance role instead."
#   frameworks: {}
package cloudwarden.aws.ec2.user_data_leaks_active_access_key

import data.cloudwarden.lib.aws_ec2
import data.cloudwarden.lib.aws_iam
import rego.v1

deny contains result if {
	some node in aws_ec2.user_data_holders
	some finding in aws_ec2.leaked_key_ids(node)
	some match in aws_ec2.active_matches(finding)
	not aws_iam.privileged(match.user.id)
	result := {
		"resource": node.id,
		"msg": sprintf("%s %s has active access key %s of %s in its user data", [aws_ec2.kind_names[node.kind], node.name, finding.masked, match.user.name]),
		"evidence": {"finding": finding, "key": match.key.id, "user": match.user.id},
		"discriminator": match.key.id,
		"path": [{"node": node.id}, {"node": match.key.id}, {"node": match.user.id}],
	}
}
