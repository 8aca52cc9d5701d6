# METADATA
# title: Old disabled service account key kept
# description: >-
#   A user-managed service account key is disabled but still exists and is older than the rotation
#   period (parameter key_max_age_days, default 90). Anyone who can manage keys can re-enable it;
#   a key nobody uses should be deleted.
# custom:
#   id: gcp.iam.disabled_service_account_key_kept
#   severity: low
#   resource_kinds: [iam.access_key]
#   recommended_actions:
#     - "Delete the key once nothing depends on it: gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL."
#   frameworks: {}
package cloudwarden.gcp.iam.disabled_service_account_key_kept

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.iam
import data.cloudwarden.lib.params
import rego.v1

max_age_days := params.get("key_max_age_days", 90)

deny contains result if {
	some key in graph.nodes_by_kind["iam.access_key"]
	key.provider == "gcp"
	key.attrs.active == false
	object.get(key.attrs, "keyType", "USER_MANAGED") == "USER_MANAGED"
	age := iam.age_days(key)
	age > max_age_days
	result := {
		"resource": key.id,
		"msg": sprintf("Disabled key %s of %s is %d days old and still present", [key.attrs.keyIdMasked, object.get(key.attrs, "serviceAccountEmail", "a service account"), age]),
		"evidence": {"ageDays": age, "maxAgeDays": max_age_days, "createdAt": object.get(key, "createdAt", null)},
	}
}
