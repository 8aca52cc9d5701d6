package cloudwarden.gcp.storage.bucket_public_write_test

import data.cloudwarden.gcp.storage.bucket_public_read_test as fixtures
import data.cloudwarden.gcp.storage.bucket_public_write as check
import rego.v1

deny_for(attrs) := results if {
	results := check.deny with input as {"nodes": [fixtures.bucket(attrs)], "edges": []}
}

test_all_users_object_admin_is_denied if {
	results := deny_for({"iamMembers": [{"role": "roles/storage.objectAdmin", "members": ["allUsers"]}]})
	count(results) == 1
	some r in results
	r.evidence.role == "roles/storage.objectAdmin"
}

test_object_creator_for_any_google_account if {
	count(deny_for({"iamMembers": [{"role": "roles/storage.objectCreator", "members": ["allAuthenticatedUsers"]}]})) == 1
}

test_writer_acl if {
	count(deny_for({"uniformBucketLevelAccess": false, "aclGrants": [{"grantee": "AllUsers", "permission": "WRITER"}]})) == 1
}

test_read_roles_and_blocked_buckets_pass if {
	count(deny_for({"iamMembers": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]})) == 0
	count(deny_for({
		"iamMembers": [{"role": "roles/storage.objectAdmin", "members": ["allUsers"]}],
		"publicAccessAllowed": false, "publicAccessPrevention": "enforced",
	})) == 0
	count(deny_for({"iamMembers": [{"role": "roles/storage.objectAdmin", "members": ["group:team@corp.example"]}]})) == 0
}
