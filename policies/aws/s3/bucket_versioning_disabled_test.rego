package cloudwarden.aws.s3.bucket_versioning_disabled_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.s3.bucket_versioning_disabled as check
import rego.v1

test_bucket_without_it_is_denied if {
	results := check.deny with input as {"nodes": [fx.bucket("b1", {"versioning": false})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "b1 does not have versioning enabled"
}

test_bucket_with_it_or_unknown_passes if {
	count(check.deny) == 0 with input as {"nodes": [fx.bucket("b1", {"versioning": true})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.bucket("b1", {"versioning": null})], "edges": []}
}
