package cloudwarden.aws.ec2.public_instance_imdsv1_allowed_test

import data.cloudwarden.aws.ec2.public_instance_imdsv1_allowed as check
import data.cloudwarden.aws.fixtures_test as fx
import rego.v1

vm(ips, v1, state) := fx.instance("web", {"publicIps": ips, "state": state, "metadataOptions": {"endpointEnabled": true, "v1Allowed": v1, "hopLimit": 1}})

test_public_instance_with_imdsv1_is_denied if {
	results := check.deny with input as {"nodes": [vm(["198.51.100.20"], true, "running")], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "Instance web has public IP 198.51.100.20 and allows IMDSv1"
}

test_private_stopped_or_imdsv2_pass if {
	count(check.deny) == 0 with input as {"nodes": [vm([], true, "running")], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [vm(["198.51.100.20"], true, "stopped")], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [vm(["198.51.100.44"], false, "running")], "edges": []}
}
