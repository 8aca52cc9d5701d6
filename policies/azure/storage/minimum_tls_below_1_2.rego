# METADATA
# title: Storage account accepts TLS below 1.2
# description: >-
#   The storage account's minimum TLS version is TLS 1.0 or 1.1, protocols with known weaknesses.
#   Reported once per account, on its first container.
# custom:
#   id: azure.storage.minimum_tls_below_1_2
#   severity: medium
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "az storage account update --name ACCOUNT --resource-group RG --min-tls-version TLS1_2 (check client logs for TLS 1.0/1.1 use first)."
#   frameworks:
#     cis-azure-2.1: ["3.15"]
package cloudwarden.azure.storage.minimum_tls_below_1_2

import data.cloudwarden.lib.azure
import data.cloudwarden.lib.graph
import rego.v1

weak_versions := {"TLS1_0", "TLS1_1"}

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	azure.account_representative(bucket)
	version := bucket.attrs.minimumTlsVersion
	version in weak_versions
	result := {
		"resource": bucket.id,
		"msg": sprintf("Storage account %s accepts %s", [azure.account_name(bucket), version]),
		"evidence": {"storageAccount": azure.account_name(bucket), "minimumTlsVersion": version},
	}
}
