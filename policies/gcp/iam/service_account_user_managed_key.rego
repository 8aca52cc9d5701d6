# METADATA
# title: Service account with user-managed keys
# description: >-
#   A service account has active user-managed keys: long-lived private keys that live in files, CI
#   variables and laptops, and are the most common way GCP credentials leak. Google-managed keys
#   (used by attached service accounts and workload identity) are rotated by Google and are not nodes.
# custom:
#   id: gcp.iam.service_account_user_managed_key
#   severity: low
#   resource_kinds: [iam.service_account]
#   recommended_actions:
#     - "Replace the key with an attached service account (Compute Engine, Cloud Run) or workload identity federation (GitHub Actions, AWS, Azure, on-premises)."
#     - "Then delete it: gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL; block new keys with constraints/iam.disableServiceAccountKeyCreation."
#   frameworks:
#     cis-gcp-3.0: ["1.4"]
package cloudwarden.gcp.iam.service_account_user_managed_key

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.iam
import rego.v1

deny contains result if {
	some sa in graph.nodes_by_kind["iam.service_account"]
	sa.provider == "gcp"
	keys := active_user_managed_keys(sa.id)
	count(keys) > 0
	result := {
		"resource": sa.id,
		"msg": sprintf("Service account %s has %d active user-managed key(s)", [sa.name, count(keys)]),
		"evidence": {"keys": sort([key.attrs.keyIdMasked | some key in keys])},
	}
}

active_user_managed_keys(sa_id) := {key |
	some edge in graph.edges_from[sa_id]
	edge.kind == "has_key"
	key := graph.node_by_id[edge.to]
	key.kind == "iam.access_key"
	key.attrs.active == true
	not iam.expired(key)
	object.get(key.attrs, "keyType", "USER_MANAGED") == "USER_MANAGED"
}
