# METADATA
# title: Service account key older than the rotation period
# description: >-
#   An active user-managed service account key is older than the rotation period (90 days by
#   default; parameter key_max_age_days). The longer a key lives, the more copies of it exist and the
#   longer a leaked copy stays useful.
# custom:
#   id: gcp.iam.service_account_key_not_rotated
#   severity: medium
#   resource_kinds: [iam.access_key]
#   recommended_actions:
#     - "Create a new key, roll it out, then delete the old one: gcloud iam service-accounts keys create / gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL."
#     - "Better, remove the need for keys (attached service accounts, workload identity federation) and set constraints/iam.serviceAccountKeyExpiryHours."
#   frameworks:
#     cis-gcp-3.0: ["1.7"]
package cloudwarden.gcp.iam.service_account_key_not_rotated

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.iam
import data.cloudwarden.lib.params
import rego.v1

max_age_days := params.get("key_max_age_days", 90)

deny contains result if {
	some key in graph.nodes_by_kind["iam.access_key"]
	key.provider == "gcp"
	key.attrs.active == true
	not iam.expired(key)
	object.get(key.attrs, "keyType", "USER_MANAGED") == "USER_MANAGED"
	age := iam.age_days(key)
	age > max_age_days
	result := {
		"resource": key.id,
		"msg": sprintf("Key %s of %s is %d days old (limit %d)", [key.attrs.keyIdMasked, object.get(key.attrs, "serviceAccountEmail", "a service account"), age, max_age_days]),
		"evidence": {"ageDays": age, "maxAgeDays": max_age_days, "createdAt": object.get(key, "createdAt", null), "lastUsedAt": key.attrs.lastUsedAt},
	}
}
