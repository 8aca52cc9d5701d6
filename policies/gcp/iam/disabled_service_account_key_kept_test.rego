package cloudwarden.gcp.iam.disabled_service_account_key_kept_test

import data.cloudwarden.gcp.iam.disabled_service_account_key_kept as check
import data.cloudwarden.gcp.iam.service_account_key_not_rotated_test as t
import data.cloudwarden.gcp.iam.service_account_user_managed_key_test as fx
import rego.v1

deny_for(keys) := results if {
	results := check.deny with input as fx.world(keys) with time.now_ns as t.now
}

test_old_disabled_key_is_denied if {
	results := deny_for([fx.key("d4…f1", false, "2026-01-10T08:00:00Z")])
	count(results) == 1
	some r in results
	r.evidence.ageDays == 313
}

test_active_and_recent_disabled_keys_pass if {
	count(deny_for([fx.key("a1…c8", true, "2025-09-15T10:00:00Z")])) == 0
	count(deny_for([fx.key("d4…f1", false, "2026-11-01T08:00:00Z")])) == 0
}
