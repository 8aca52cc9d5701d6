package cloudwarden.gcp.compute.instance_default_service_account_test

import data.cloudwarden.gcp.compute.instance_default_service_account as check
import rego.v1

cloud_platform := "https://www.googleapis.com/auth/cloud-platform"

vm(attrs) := {
	"id": "//compute.googleapis.com/projects/p1/zones/us-central1-a/instances/web-1",
	"provider": "gcp",
	"kind": "compute.instance",
	"name": "web-1",
	"tags": {},
	"attrs": object.union({"state": "running", "publicIps": [], "privateIps": ["10.0.0.2"], "canIpForward": false, "serviceAccounts": []}, attrs),
}

sa(email, scopes) := {"email": email, "scopes": scopes}

deny_for(attrs) := results if {
	results := check.deny with input as {"nodes": [vm(attrs)], "edges": []}
}

test_default_service_account_is_denied if {
	results := deny_for({"serviceAccounts": [sa("500000000001-compute@developer.gserviceaccount.com", ["https://www.googleapis.com/auth/logging.write"])]})
	count(results) == 1
	some r in results
	r.msg == "web-1 runs as the default service account 500000000001-compute@developer.gserviceaccount.com"
}

test_dedicated_or_no_service_account_passes if {
	count(deny_for({"serviceAccounts": [sa("web@p1.iam.gserviceaccount.com", [cloud_platform])]})) == 0
	count(deny_for({})) == 0
}
