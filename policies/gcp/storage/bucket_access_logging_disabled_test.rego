package cloudwarden.gcp.storage.bucket_access_logging_disabled_test

import data.cloudwarden.gcp.storage.bucket_access_logging_disabled as check
import data.cloudwarden.gcp.storage.bucket_public_read_test as fixtures
import rego.v1

deny_for(attrs) := results if {
	results := check.deny with input as {"nodes": [fixtures.bucket(attrs)], "edges": []}
}

test_bucket_without_logging_is_reported if count(deny_for({"logging": false})) == 1

test_logging_or_unknown_passes if {
	count(deny_for({"logging": true, "logBucket": "access-logs"})) == 0
	count(deny_for({"logging": null})) == 0
}

test_other_providers_are_out_of_scope if {
	b := object.union(fixtures.bucket({"logging": false}), {"provider": "azure"})
	count(check.deny) == 0 with input as {"nodes": [b], "edges": []}
}
