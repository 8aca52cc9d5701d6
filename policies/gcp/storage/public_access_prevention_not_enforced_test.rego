package cloudwarden.gcp.storage.public_access_prevention_not_enforced_test

import data.cloudwarden.gcp.storage.bucket_public_read_test as fixtures
import data.cloudwarden.gcp.storage.public_access_prevention_not_enforced as check
import rego.v1

deny_for(attrs) := results if {
	results := check.deny with input as {"nodes": [fixtures.bucket(attrs)], "edges": []}
}

test_public_binding_with_inherited_prevention_is_denied if {
	results := deny_for({"iamMembers": [{"role": "roles/storage.objectViewer", "members": ["allUsers", "allAuthenticatedUsers"]}]})
	count(results) == 1
	some r in results
	r.evidence.publicMembers == ["allAuthenticatedUsers", "allUsers"]
}

test_enforced_prevention_passes if {
	count(deny_for({
		"iamMembers": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}],
		"publicAccessAllowed": false, "publicAccessPrevention": "enforced",
	})) == 0
}

test_inherited_prevention_without_public_grant_passes if {
	count(deny_for({"iamMembers": [{"role": "roles/storage.objectViewer", "members": ["group:team@corp.example"]}]})) == 0
}
