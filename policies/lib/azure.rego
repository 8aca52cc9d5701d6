# METADATA
# title: Azure helpers
# description: >-
#   Storage accounts are not nodes of their own: their settings are copied onto each blob container
#   (storageAccountId, minimumTlsVersion, httpsOnly, networkDefaultAction, publicAccessAllowed). Account-level
#   checks report once per account, on its first container by id, and name the account.
package cloudwarden.lib.azure

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.storage
import rego.v1

# Container ids per storage account id.
containers_of[account_id] contains bucket.id if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	bucket.provider == "azure"
	account_id := bucket.attrs.storageAccountId
	is_string(account_id)
}

# The container an account-level finding is reported on: the account's first container by id.
account_representative(bucket) if {
	bucket.provider == "azure"
	bucket.id == min(containers_of[bucket.attrs.storageAccountId])
}

# The storage account name of a container, for messages.
account_name(bucket) := object.get(bucket.attrs, "storageAccountName", bucket.attrs.storageAccountId)

account_has_public_container(account_id) if {
	some id in containers_of[account_id]
	storage.is_public(graph.node_by_id[id])
}

# Scopes whose role assignments reach every resource of a subscription.
broad_scope(binding) if binding.attrs.scopeType in {"subscription", "management_group"}

broad_scope(binding) if binding.attrs.scope == "/"

# A guest (B2B) user: marked external by the collector, or a #EXT# user principal name.
guest(binding, member) if member.external == true

guest(binding, member) if contains(object.get(binding.attrs, "principalName", ""), "#EXT#")
