# METADATA
# title: User data contains an access key id that matches no active key
# description: >-
#   An AWS access key id found in the user data of an instance or launch template matches no active
#   access key of the inventory: the key is inactive, deleted, or belongs to an account that was not
#   scanned. It may still work elsewhere, and the habit that put it there is the finding; active
#   matches are rated higher by aws.ec2.user_data_leaks_active_access_key and
#   aws.ec2.user_data_leaks_privileged_access_key.
# custom:
#   id: aws.ec2.user_data_leaks_unmatched_access_key_id
#   severity: medium
#   resource_kinds: [compute.instance, compute.launch_template]
#   recommended_actions:
#     - "Find the key's owner (aws sts get-access-key-info --access-key-id KEY names its account) and make sure it is deleted there."
#     - "Remove it from user data (new clean launch template version, delete the old ones)."
#   frameworks: {}
package cloudwarden.aws.ec2.user_data_leaks_unmatched_access_key_id

import data.cloudwarden.lib.aws_ec2
import rego.v1

deny contains result if {
	some node in aws_ec2.user_data_holders
	some finding in aws_ec2.leaked_key_ids(node)
	count(aws_ec2.active_matches(finding)) == 0
	inactive := [key.id | some key in aws_ec2.matching_keys(finding)]
	result := {
		"resource": node.id,
		"msg": sprintf("%s %s has access key id %s in its user data (%s)", [aws_ec2.kind_names[node.kind], node.name, finding.masked, status(inactive)]),
		"evidence": {"finding": finding, "inactiveMatches": inactive},
		"discriminator": finding.masked,
	}
}

status(inactive) := "an inactive key of the inventory" if count(inactive) > 0

else := "no key of the inventory"
