# METADATA
# title: Instance allows IMDSv1
# description: >-
#   The instance metadata service answers version 1 requests (HttpTokens optional): a server-side
#   request forgery in any application on the instance can read the instance role's credentials with
#   a plain GET. Instances whose metadata endpoint is disabled are not reported.
# custom:
#   incremental: resource
#   id: aws.ec2.instance_imdsv1_allowed
#   severity: medium
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "aws ec2 modify-instance-metadata-options --instance-id ID --http-tokens required --http-endpoint enabled (check first that the software on it uses IMDSv2: the CloudWatch metric MetadataNoToken stays at 0)."
#     - "Require IMDSv2 for new instances: aws ec2 modify-instance-metadata-defaults --http-tokens required, and HttpTokens required in launch templates."
#   frameworks:
#     cis-aws-3.0: ["5.6"]
package cloudwarden.aws.ec2.instance_imdsv1_allowed

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	vm.provider == "aws"
	vm.attrs.metadataOptions.v1Allowed == true
	vm.attrs.metadataOptions.endpointEnabled != false
	not vm.attrs.state == "terminated"
	result := {
		"resource": vm.id,
		"msg": sprintf("Instance %s allows IMDSv1 (HttpTokens optional)", [vm.name]),
		"evidence": {"metadataOptions": vm.attrs.metadataOptions},
	}
}
