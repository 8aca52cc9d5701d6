package cloudwarden.aws.ec2.default_security_group_allows_traffic_test

import data.cloudwarden.aws.ec2.default_security_group_allows_traffic as check
import data.cloudwarden.aws.fixtures_test as fx
import rego.v1

self_rule := fx.rule("ingress", "all", [], ["arn:aws:ec2:us-east-1:111122223333:security-group/default"])

egress_all := fx.rule("egress", "all", [], ["0.0.0.0/0"])

test_default_group_with_rules_is_denied if {
	results := check.deny with input as {"nodes": [fx.security_group("default", true, [self_rule, egress_all])], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "Default security group default (arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1) has 1 inbound and 1 outbound rules"
	count(check.deny) == 1 with input as {"nodes": [fx.security_group("default", true, [egress_all])], "edges": []}
}

test_empty_default_or_custom_group_passes if {
	count(check.deny) == 0 with input as {"nodes": [fx.security_group("default", true, [])], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.security_group("web", false, [self_rule, egress_all])], "edges": []}
}
