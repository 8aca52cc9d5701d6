package cloudwarden.azure.storage.network_default_action_allow_test

import data.cloudwarden.azure.storage.container_public_access_test as fx
import data.cloudwarden.azure.storage.network_default_action_allow as check
import rego.v1

test_default_allow_is_denied if {
	results := check.deny with input as {"nodes": [fx.container("scratch", "tmp", {"networkDefaultAction": "Allow"})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "Storage account scratch accepts connections from all networks (default action Allow)"
}

test_deny_and_disabled_public_network_pass if {
	count(check.deny) == 0 with input as {"nodes": [fx.container("pii", "exports", {"networkDefaultAction": "Deny"})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.container("pii", "exports", {"networkDefaultAction": "Allow", "publicNetworkAccess": "Disabled"})], "edges": []}
}
