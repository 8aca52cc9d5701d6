# METADATA
# title: Launch template lets new instances allow IMDSv1
# description: >-
#   The default version of the launch template sets HttpTokens to optional, so every instance (and
#   Auto Scaling replacement) launched from it answers IMDSv1 requests. Templates that do not set
#   metadata options (the account or AMI default applies) are not reported.
# custom:
#   incremental: resource
#   id: aws.ec2.launch_template_imdsv1_allowed
#   severity: low
#   resource_kinds: [compute.launch_template]
#   recommended_actions:
#     - "Create a version with IMDSv2 required and make it the default: aws ec2 create-launch-template-version --launch-template-id LT --source-version '$Default' --launch-template-data '{\"MetadataOptions\":{\"HttpTokens\":\"required\"}}', then aws ec2 modify-launch-template --launch-template-id LT --default-version N."
#   frameworks: {}
package cloudwarden.aws.ec2.launch_template_imdsv1_allowed

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some template in graph.nodes_by_kind["compute.launch_template"]
	template.provider == "aws"
	template.attrs.imdsV1Allowed == true
	result := {
		"resource": template.id,
		"msg": sprintf("Launch template %s (default version %v) allows IMDSv1", [template.name, object.get(template.attrs, "defaultVersion", null)]),
		"evidence": {"defaultVersion": object.get(template.attrs, "defaultVersion", null), "imdsV1Allowed": true},
	}
}
