package cloudwarden.aws.ec2.launch_template_imdsv1_allowed_test

import data.cloudwarden.aws.ec2.launch_template_imdsv1_allowed as check
import data.cloudwarden.aws.fixtures_test as fx
import rego.v1

template(v1) := object.union(fx.launch_template("workers", []), {"attrs": object.union(fx.launch_template("workers", []).attrs, {"imdsV1Allowed": v1})})

test_template_allowing_imdsv1_is_denied if {
	results := check.deny with input as {"nodes": [template(true)], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "Launch template workers (default version 2) allows IMDSv1"
}

test_required_or_unset_passes if {
	count(check.deny) == 0 with input as {"nodes": [template(false)], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [template(null)], "edges": []}
}
