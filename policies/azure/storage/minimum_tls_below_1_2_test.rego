package cloudwarden.azure.storage.minimum_tls_below_1_2_test

import data.cloudwarden.azure.storage.container_public_access_test as fx
import data.cloudwarden.azure.storage.minimum_tls_below_1_2 as check
import rego.v1

deny_for(nodes) := results if {
	results := check.deny with input as {"nodes": nodes, "edges": []}
}

test_tls_1_0_is_denied_once_per_account if {
	results := deny_for([fx.container("ingest", "a", {"minimumTlsVersion": "TLS1_0"}), fx.container("ingest", "b", {"minimumTlsVersion": "TLS1_0"})])
	count(results) == 1
	some r in results
	r.msg == "Storage account ingest accepts TLS1_0"
}

test_tls_1_1_is_denied if count(deny_for([fx.container("ingest", "a", {"minimumTlsVersion": "TLS1_1"})])) == 1

test_tls_1_2_1_3_and_unknown_pass if {
	count(deny_for([fx.container("a", "a", {"minimumTlsVersion": "TLS1_2"})])) == 0
	count(deny_for([fx.container("a", "a", {"minimumTlsVersion": "TLS1_3"})])) == 0
	count(deny_for([fx.container("a", "a", {"minimumTlsVersion": null})])) == 0
}
