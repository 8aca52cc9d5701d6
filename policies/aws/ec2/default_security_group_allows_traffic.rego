# METADATA
# title: Default security group has rules
# description: >-
#   The VPC's default security group still has inbound or outbound rules (by default: all traffic
#   from members of the group itself, all traffic out). Anything launched without an explicit
#   security group lands in it and can talk to everything else that did.
# custom:
#   incremental: resource
#   id: aws.ec2.default_security_group_allows_traffic
#   severity: medium
#   resource_kinds: [network.firewall]
#   recommended_actions:
#     - "Move members to purpose-made security groups, then remove every rule: aws ec2 revoke-security-group-ingress --group-id SG --ip-permissions \"$(aws ec2 describe-security-groups --group-ids SG --query 'SecurityGroups[0].IpPermissions')\" and the same with revoke-security-group-egress / IpPermissionsEgress."
#   frameworks:
#     cis-aws-3.0: ["5.4"]
package cloudwarden.aws.ec2.default_security_group_allows_traffic

import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some group in graph.nodes_by_kind["network.firewall"]
	group.provider == "aws"
	group.attrs.isDefault == true
	rules := [rule | some rule in group.attrs.rules; rule.action == "allow"]
	count(rules) > 0
	result := {
		"resource": group.id,
		"msg": sprintf("Default security group %s (%s) has %d inbound and %d outbound rules", [group.name, group.attrs.vpcId, count([r | some r in rules; r.direction == "ingress"]), count([r | some r in rules; r.direction == "egress"])]),
		"evidence": {"rules": rules},
	}
}
