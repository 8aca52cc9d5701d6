package cloudwarden.aws.ec2.instance_imdsv1_allowed_test

import data.cloudwarden.aws.ec2.instance_imdsv1_allowed as check
import data.cloudwarden.aws.fixtures_test as fx
import rego.v1

md(v1, endpoint) := {"metadataOptions": {"endpointEnabled": endpoint, "v1Allowed": v1, "hopLimit": 1}}

test_imdsv1_is_denied if {
	results := check.deny with input as {"nodes": [fx.instance("web", md(true, true))], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "Instance web allows IMDSv1 (HttpTokens optional)"
}

test_imdsv2_disabled_endpoint_or_unknown_pass if {
	count(check.deny) == 0 with input as {"nodes": [fx.instance("a", md(false, true))], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.instance("b", md(true, false))], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.instance("c", md(null, true))], "edges": []}
}
