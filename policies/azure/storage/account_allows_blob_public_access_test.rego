package cloudwarden.azure.storage.account_allows_blob_public_access_test

import data.cloudwarden.azure.storage.account_allows_blob_public_access as check
import data.cloudwarden.azure.storage.container_public_access_test as fx
import rego.v1

deny_for(nodes) := results if {
	results := check.deny with input as {"nodes": nodes, "edges": []}
}

test_switch_on_without_public_containers_reports_once_per_account if {
	results := deny_for([
		fx.container("allowed", "reports", {"publicAccessAllowed": true}),
		fx.container("allowed", "backups", {"publicAccessAllowed": true}),
	])
	count(results) == 1
	some r in results
	r.resource == fx.container("allowed", "backups", {}).id
	r.msg == "Storage account allowed allows anonymous blob access (no container is public yet)"
}

test_account_with_a_public_container_is_left_to_the_container_check if {
	count(deny_for([
		fx.container("web", "assets", {"publicAccessAllowed": true, "anonymousAccessLevel": "blob"}),
		fx.container("web", "private", {"publicAccessAllowed": true}),
	])) == 0
}

test_switch_off_or_unknown_passes if {
	count(deny_for([fx.container("locked", "a", {"publicAccessAllowed": false, "anonymousAccessLevel": "blob"})])) == 0
	count(deny_for([fx.container("unknown", "a", {"publicAccessAllowed": null})])) == 0
}
