package cloudwarden.aws.s3.account_public_access_block_disabled_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.s3.account_public_access_block_disabled as check
import rego.v1

world(block) := {"nodes": [fx.account_node({}), fx.bucket("b1", {"publicAccessBlock": {"bucket": fx.pab(true), "account": block}})], "edges": []}

test_missing_or_partial_account_block_is_denied if {
	results := check.deny with input as world(null)
	count(results) == 1
	some r in results
	r.resource == "arn:aws:iam::111122223333:root"
	r.msg == "Account 111122223333 (demo) has no S3 Block Public Access configuration"
	partial := check.deny with input as world(object.union(fx.pab(true), {"restrictPublicBuckets": false}))
	some p in partial
	p.evidence.settingsOff == ["restrictPublicBuckets"]
}

test_full_or_unknown_account_block_passes if {
	count(check.deny) == 0 with input as world(fx.pab(true))
	# Denied read: every setting null.
	count(check.deny) == 0 with input as world(fx.pab(null))
	# No bucket, no evidence either way.
	count(check.deny) == 0 with input as {"nodes": [fx.account_node({})], "edges": []}
}
