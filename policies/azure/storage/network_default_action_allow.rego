# METADATA
# title: Storage account reachable from every network
# description: >-
#   The storage account firewall's default action is Allow with public network access enabled, so
#   its endpoints accept connections from any network, authenticated by keys or SAS tokens alone.
#   Reported once per account, on its first container.
# custom:
#   id: azure.storage.network_default_action_allow
#   severity: low
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "Allow the networks that need access (az storage account network-rule add), then: az storage account update --name ACCOUNT --resource-group RG --default-action Deny."
#     - "Prefer private endpoints and --public-network-access Disabled for data that is not served to the internet."
#   frameworks:
#     cis-azure-2.1: ["3.8"]
package cloudwarden.azure.storage.network_default_action_allow

import data.cloudwarden.lib.azure
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	azure.account_representative(bucket)
	bucket.attrs.networkDefaultAction == "Allow"
	object.get(bucket.attrs, "publicNetworkAccess", "Enabled") != "Disabled"
	result := {
		"resource": bucket.id,
		"msg": sprintf("Storage account %s accepts connections from all networks (default action Allow)", [azure.account_name(bucket)]),
		"evidence": {"storageAccount": azure.account_name(bucket), "networkDefaultAction": "Allow", "publicNetworkAccess": object.get(bucket.attrs, "publicNetworkAccess", null)},
	}
}
