# METADATA
# title: Blob container readable by anyone
# description: >-
#   The storage account allows anonymous blob access (allowBlobPublicAccess true) and the container's
#   access level is `blob` (anyone who knows a blob's name can read it) or `container` (anyone can
#   also list the blobs). The account switch wins: a container marked public in an account that
#   disallows anonymous access is not reported.
# custom:
#   incremental: resource
#   id: azure.storage.container_public_access
#   severity: high
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "Set the container private: az storage container set-permission --account-name ACCOUNT --name CONTAINER --public-access off."
#     - "Disallow anonymous access for the whole account: az storage account update --name ACCOUNT --resource-group RG --allow-blob-public-access false; share blobs with SAS tokens or Entra ID roles instead."
#   frameworks:
#     cis-azure-2.1: ["3.17"]
package cloudwarden.azure.storage.container_public_access

import data.cloudwarden.lib.azure
import data.cloudwarden.lib.graph
import rego.v1

levels := {"container": "list and read every blob", "blob": "read any blob whose name is known"}

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	bucket.provider == "azure"
	bucket.attrs.publicAccessAllowed == true
	level := bucket.attrs.anonymousAccessLevel
	what := levels[level]
	result := {
		"resource": bucket.id,
		"msg": sprintf("Container %s is public (%s): anyone can %s", [bucket.name, level, what]),
		"evidence": {"anonymousAccessLevel": level, "allowBlobPublicAccess": true, "storageAccount": azure.account_name(bucket)},
	}
}
