package cloudwarden.aws.iam.access_key_unused_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.access_key_unused as check
import rego.v1

dave := fx.user("dave", {})

world(attrs) := {"nodes": [dave, fx.key(dave, "AKIADEMODAVE00000001", attrs)], "edges": []}

now := time.parse_rfc3339_ns("2026-11-20T12:00:00Z")

test_never_used_old_key_is_denied if {
	results := check.deny with input as world({"lastUsedAt": null, "ageDays": 537}) with time.now_ns as now
	count(results) == 1
	some r in results
	r.msg == "Access key AKIA…0001 of dave was never used in the 537 days since it was created"
}

test_key_idle_for_months_is_denied if {
	results := check.deny with input as world({"lastUsedAt": "2026-05-01T00:00:00.000Z", "ageDays": 400}) with time.now_ns as now
	some r in results
	r.msg == "Access key AKIA…0001 of dave was last used 203 days ago"
}

test_recent_new_or_inactive_keys_pass if {
	count(check.deny) == 0 with input as world({"lastUsedAt": "2026-11-18T12:00:00.000Z", "ageDays": 264}) with time.now_ns as now
	# A new key nobody used yet.
	count(check.deny) == 0 with input as world({"lastUsedAt": null, "ageDays": 10}) with time.now_ns as now
	count(check.deny) == 0 with input as world({"lastUsedAt": null, "ageDays": 537, "active": false}) with time.now_ns as now
}
