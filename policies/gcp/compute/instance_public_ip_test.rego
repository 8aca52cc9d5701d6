package cloudwarden.gcp.compute.instance_public_ip_test

import data.cloudwarden.gcp.compute.instance_default_service_account_test as fx
import data.cloudwarden.gcp.compute.instance_public_ip as check
import rego.v1

test_external_ip_is_denied if {
	results := check.deny with input as {"nodes": [fx.vm({"publicIps": ["34.28.10.11"]})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "web-1 has external IP 34.28.10.11"
}

test_internal_only_passes if {
	count(check.deny) == 0 with input as {"nodes": [fx.vm({"publicIps": []})], "edges": []}
}
