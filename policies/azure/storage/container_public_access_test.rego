package cloudwarden.azure.storage.container_public_access_test

import data.cloudwarden.azure.storage.container_public_access as check
import rego.v1

account_id(account) := concat("/", ["/subscriptions/s1/resourcegroups/rg/providers/microsoft.storage/storageaccounts", account])

container(account, name, attrs) := {
	"id": concat("/", [account_id(account), "blobservices/default/containers", name]),
	"provider": "azure",
	"kind": "storage.bucket",
	"name": concat("/", [account, name]),
	"tags": {},
	"attrs": object.union(
		{
			"aclGrants": null, "policyStatements": [], "publicAccessBlock": null, "encryption": "Microsoft.Storage",
			"versioning": null, "logging": null, "storageAccountId": account_id(account), "storageAccountName": account,
			"publicAccessAllowed": false, "anonymousAccessLevel": "none", "minimumTlsVersion": "TLS1_2", "httpsOnly": true,
			"networkDefaultAction": "Deny", "publicNetworkAccess": "Enabled",
		},
		attrs,
	),
}

deny_for(nodes) := results if {
	results := check.deny with input as {"nodes": nodes, "edges": []}
}

test_container_level_access_is_denied if {
	results := deny_for([container("web", "site-assets", {"publicAccessAllowed": true, "anonymousAccessLevel": "container"})])
	count(results) == 1
	some r in results
	r.msg == "Container web/site-assets is public (container): anyone can list and read every blob"
}

test_blob_level_access_is_denied if {
	count(deny_for([container("web", "downloads", {"publicAccessAllowed": true, "anonymousAccessLevel": "blob"})])) == 1
}

test_account_switch_wins_and_private_containers_pass if {
	count(deny_for([container("locked", "legacy-cdn", {"publicAccessAllowed": false, "anonymousAccessLevel": "blob"})])) == 0
	count(deny_for([container("allowed", "reports", {"publicAccessAllowed": true, "anonymousAccessLevel": "none"})])) == 0
	count(deny_for([container("unknown", "x", {"publicAccessAllowed": null, "anonymousAccessLevel": "container"})])) == 0
}
