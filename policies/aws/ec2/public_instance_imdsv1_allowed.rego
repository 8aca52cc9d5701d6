# METADATA
# title: Internet-facing instance allows IMDSv1
# description: >-
#   A running instance with a public IP answers IMDSv1 requests (HttpTokens optional): any
#   request-forgery bug in a service it exposes to the internet hands out the credentials of its
#   instance role. The general hardening finding is aws.ec2.instance_imdsv1_allowed; this one is the
#   internet-facing subset to fix first.
# custom:
#   incremental: resource
#   id: aws.ec2.public_instance_imdsv1_allowed
#   severity: high
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "aws ec2 modify-instance-metadata-options --instance-id ID --http-tokens required --http-put-response-hop-limit 1."
#     - "Put the service behind a load balancer and remove the public IP if it does not need one."
#   frameworks: {}
package cloudwarden.aws.ec2.public_instance_imdsv1_allowed

import data.cloudwarden.lib.firewall
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	vm.provider == "aws"
	vm.attrs.metadataOptions.v1Allowed == true
	vm.attrs.metadataOptions.endpointEnabled != false
	firewall.has_public_ip(vm)
	firewall.reachable_state(vm)
	result := {
		"resource": vm.id,
		"msg": sprintf("Instance %s has public IP %s and allows IMDSv1", [vm.name, concat(", ", vm.attrs.publicIps)]),
		"evidence": {"publicIps": vm.attrs.publicIps, "metadataOptions": vm.attrs.metadataOptions},
	}
}
