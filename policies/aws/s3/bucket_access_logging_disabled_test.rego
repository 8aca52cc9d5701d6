package cloudwarden.aws.s3.bucket_access_logging_disabled_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.s3.bucket_access_logging_disabled as check
import rego.v1

test_bucket_without_it_is_denied if {
	results := check.deny with input as {"nodes": [fx.bucket("b1", {"logging": false})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "b1 does not write server access logs"
}

test_bucket_with_it_or_unknown_passes if {
	count(check.deny) == 0 with input as {"nodes": [fx.bucket("b1", {"logging": true})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.bucket("b1", {"logging": null})], "edges": []}
}
