# METADATA
# title: Storage account allows anonymous blob access
# description: >-
#   allowBlobPublicAccess is true on a storage account none of whose containers is public yet: any
#   user who can change a container's access level can publish it. Reported once per account, on its
#   first container. Accounts with a public container are reported by
#   azure.storage.container_public_access instead.
# custom:
#   id: azure.storage.account_allows_blob_public_access
#   severity: low
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "az storage account update --name ACCOUNT --resource-group RG --allow-blob-public-access false"
#     - "Enforce it with the built-in Azure Policy 'Storage account public access should be disallowed'."
#   frameworks:
#     cis-azure-2.1: ["3.17"]
package cloudwarden.azure.storage.account_allows_blob_public_access

import data.cloudwarden.lib.azure
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	azure.account_representative(bucket)
	bucket.attrs.publicAccessAllowed == true
	not azure.account_has_public_container(bucket.attrs.storageAccountId)
	result := {
		"resource": bucket.id,
		"msg": sprintf("Storage account %s allows anonymous blob access (no container is public yet)", [azure.account_name(bucket)]),
		"evidence": {"storageAccount": azure.account_name(bucket), "storageAccountId": bucket.attrs.storageAccountId, "allowBlobPublicAccess": true},
	}
}
