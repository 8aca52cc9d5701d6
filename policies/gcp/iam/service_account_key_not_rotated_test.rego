package cloudwarden.gcp.iam.service_account_key_not_rotated_test

import data.cloudwarden.gcp.iam.service_account_key_not_rotated as check
import data.cloudwarden.gcp.iam.service_account_user_managed_key_test as fx
import rego.v1

# 2026-11-20T00:00:00Z
now := 1795132800000000000

deny_for(keys) := results if {
	results := check.deny with input as fx.world(keys) with time.now_ns as now
}

test_key_older_than_90_days_is_denied if {
	results := deny_for([fx.key("a1…c8", true, "2025-09-15T10:00:00Z")])
	count(results) == 1
	some r in results
	r.evidence.ageDays == 430
}

test_age_days_from_the_collector_wins if {
	k := json.patch(fx.key("a1…c8", true, "2026-11-19T00:00:00Z"), [{"op": "add", "path": "/attrs/ageDays", "value": 200}])
	count(deny_for([k])) == 1
}

test_recent_disabled_and_undated_keys_pass if {
	count(deny_for([fx.key("c3…e0", true, "2026-11-01T12:00:00Z")])) == 0
	count(deny_for([fx.key("d4…f1", false, "2026-01-10T08:00:00Z")])) == 0
	count(deny_for([fx.key("x1…x2", true, null)])) == 0
}

test_threshold_is_a_parameter if {
	count(check.deny) == 1 with input as fx.world([fx.key("c3…e0", true, "2026-11-01T12:00:00Z")]) with time.now_ns as now with data.cloudwarden.params.key_max_age_days as 7
}

test_expired_key_passes if {
	k := json.patch(fx.key("a1…c8", true, "2025-09-15T10:00:00Z"), [{"op": "add", "path": "/attrs/expiresAt", "value": "2025-12-14T10:00:00Z"}])
	count(deny_for([k])) == 0
	never := json.patch(fx.key("a1…c8", true, "2025-09-15T10:00:00Z"), [{"op": "add", "path": "/attrs/expiresAt", "value": "9999-12-31T23:59:59Z"}])
	count(deny_for([never])) == 1
}
