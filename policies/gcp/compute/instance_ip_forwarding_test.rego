package cloudwarden.gcp.compute.instance_ip_forwarding_test

import data.cloudwarden.gcp.compute.instance_default_service_account_test as fx
import data.cloudwarden.gcp.compute.instance_ip_forwarding as check
import rego.v1

test_ip_forwarding_is_denied if {
	count(check.deny) == 1 with input as {"nodes": [fx.vm({"canIpForward": true})], "edges": []}
}

test_no_forwarding_or_unknown_passes if {
	count(check.deny) == 0 with input as {"nodes": [fx.vm({"canIpForward": false})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.vm({"canIpForward": null})], "edges": []}
}
