package cloudwarden.azure.storage.https_only_disabled_test

import data.cloudwarden.azure.storage.container_public_access_test as fx
import data.cloudwarden.azure.storage.https_only_disabled as check
import rego.v1

test_http_allowed_is_denied if {
	count(check.deny) == 1 with input as {"nodes": [fx.container("ingest", "a", {"httpsOnly": false})], "edges": []}
}

test_https_only_and_unknown_pass if {
	count(check.deny) == 0 with input as {"nodes": [fx.container("ingest", "a", {"httpsOnly": true})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.container("ingest", "a", {"httpsOnly": null})], "edges": []}
}
