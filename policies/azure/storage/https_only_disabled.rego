# METADATA
# title: Storage account accepts plain HTTP
# description: >-
#   'Secure transfer required' (supportsHttpsTrafficOnly) is off: requests, shared access signatures
#   and data can travel unencrypted. Reported once per account, on its first container.
# custom:
#   id: azure.storage.https_only_disabled
#   severity: medium
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "az storage account update --name ACCOUNT --resource-group RG --https-only true"
#   frameworks:
#     cis-azure-2.1: ["3.1"]
package cloudwarden.azure.storage.https_only_disabled

import data.cloudwarden.lib.azure
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	azure.account_representative(bucket)
	bucket.attrs.httpsOnly == false
	result := {
		"resource": bucket.id,
		"msg": sprintf("Storage account %s accepts HTTP (secure transfer not required)", [azure.account_name(bucket)]),
		"evidence": {"storageAccount": azure.account_name(bucket), "httpsOnly": false},
	}
}
