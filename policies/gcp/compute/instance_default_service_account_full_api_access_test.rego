package cloudwarden.gcp.compute.instance_default_service_account_full_api_access_test

import data.cloudwarden.gcp.compute.instance_default_service_account_full_api_access as check
import data.cloudwarden.gcp.compute.instance_default_service_account_test as fx
import rego.v1

deny_for(attrs) := results if {
	results := check.deny with input as {"nodes": [fx.vm(attrs)], "edges": []}
}

test_default_account_with_cloud_platform_is_denied if {
	count(deny_for({"serviceAccounts": [fx.sa("500000000001-compute@developer.gserviceaccount.com", [fx.cloud_platform])]})) == 1
}

test_limited_scopes_or_dedicated_account_pass if {
	count(deny_for({"serviceAccounts": [fx.sa("500000000001-compute@developer.gserviceaccount.com", ["https://www.googleapis.com/auth/devstorage.read_only"])]})) == 0
	count(deny_for({"serviceAccounts": [fx.sa("web@p1.iam.gserviceaccount.com", [fx.cloud_platform])]})) == 0
}
