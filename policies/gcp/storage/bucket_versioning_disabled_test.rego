package cloudwarden.gcp.storage.bucket_versioning_disabled_test

import data.cloudwarden.gcp.storage.bucket_public_read_test as fixtures
import data.cloudwarden.gcp.storage.bucket_versioning_disabled as check
import rego.v1

deny_for(attrs) := results if {
	results := check.deny with input as {"nodes": [fixtures.bucket(attrs)], "edges": []}
}

test_unversioned_bucket_is_denied if count(deny_for({"versioning": false})) == 1

test_versioned_unknown_and_locked_retention_pass if {
	count(deny_for({"versioning": true})) == 0
	count(deny_for({"versioning": null})) == 0
	count(deny_for({"versioning": false, "retentionPeriodSeconds": 31536000, "retentionLocked": true})) == 0
}
