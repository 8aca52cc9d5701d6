# METADATA
# title: Instance or launch template user data contains credentials
# description: >-
#   The user data of an instance or of a launch template version contains a credential: an AWS
#   secret access key, a private key, a GCP service account key or an Azure connection string or
#   SAS token (the collector keeps only masked findings, never the text). Anyone who can read the
#   user data (ec2:DescribeInstanceAttribute, ec2:DescribeLaunchTemplateVersions, or any process on
#   the instance through the metadata service) gets the credential. A leaked AWS access key id is
#   rated by the key it matches: aws.ec2.user_data_leaks_privileged_access_key,
#   aws.ec2.user_data_leaks_active_access_key, aws.ec2.user_data_leaks_unmatched_access_key_id.
# custom:
#   id: aws.ec2.user_data_contains_credentials
#   severity: high
#   resource_kinds: [compute.instance, compute.launch_template]
#   recommended_actions:
#     - "Treat the credential as disclosed: revoke or rotate it now (for AWS keys: aws iam update-access-key --status Inactive, then delete-access-key)."
#     - "Remove it from user data (create a clean launch template version and make it the default: aws ec2 create-launch-template-version, modify-launch-template --default-version; delete old versions with delete-launch-template-versions) and fetch secrets at boot from Secrets Manager or SSM Parameter Store with the instance role."
#   frameworks: {}
package cloudwarden.aws.ec2.user_data_contains_credentials

import data.cloudwarden.lib.aws_ec2
import rego.v1

deny contains result if {
	some node in aws_ec2.user_data_holders
	findings := [f | some f in aws_ec2.secrets(node); f.detector != "aws-access-key-id"]
	count(findings) > 0
	result := {
		"resource": node.id,
		"msg": sprintf("%s %s has credentials in its user data: %s", [aws_ec2.kind_names[node.kind], node.name, concat(", ", sort({sprintf("%s %s (%s)", [f.detector, f.masked, f.location]) | some f in findings}))]),
		"evidence": {"findings": findings},
	}
}
