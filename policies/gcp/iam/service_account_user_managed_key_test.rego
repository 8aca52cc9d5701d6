package cloudwarden.gcp.iam.service_account_user_managed_key_test

import data.cloudwarden.gcp.iam.service_account_user_managed_key as check
import rego.v1

sa_id := "//iam.googleapis.com/projects/p1/serviceAccounts/1"

sa := {"id": sa_id, "provider": "gcp", "kind": "iam.service_account", "name": "ci@p1.iam.gserviceaccount.com", "tags": {}, "attrs": {}}

key(suffix, active, created) := {
	"id": concat("/keys/", [sa_id, suffix]),
	"provider": "gcp",
	"kind": "iam.access_key",
	"name": suffix,
	"tags": {},
	"createdAt": created,
	"attrs": {"keyIdMasked": suffix, "active": active, "lastUsedAt": null, "keyType": "USER_MANAGED", "serviceAccountEmail": "ci@p1.iam.gserviceaccount.com"},
}

world(keys) := {"nodes": array.concat([sa], keys), "edges": [{"from": sa_id, "to": k.id, "kind": "has_key"} | some k in keys]}

test_active_user_managed_key_is_denied if {
	results := check.deny with input as world([key("a1…c8", true, "2026-11-01T00:00:00Z"), key("d4…f1", false, "2026-01-01T00:00:00Z")])
	count(results) == 1
	some r in results
	r.evidence.keys == ["a1…c8"]
}

test_disabled_only_or_no_keys_pass if {
	count(check.deny) == 0 with input as world([key("d4…f1", false, "2026-01-01T00:00:00Z")])
	count(check.deny) == 0 with input as world([])
}

test_expired_keys_do_not_count if {
	k := json.patch(key("a1…c8", true, "2025-09-15T10:00:00Z"), [{"op": "add", "path": "/attrs/expiresAt", "value": "2025-12-14T10:00:00Z"}])
	count(check.deny) == 0 with input as world([k]) with time.now_ns as 1795132800000000000
}
