package cloudwarden.gcp.storage.bucket_public_read_test

import data.cloudwarden.gcp.storage.bucket_public_read as check
import rego.v1

bucket(attrs) := {
	"id": "//storage.googleapis.com/projects/_/buckets/site",
	"provider": "gcp",
	"kind": "storage.bucket",
	"name": "site",
	"tags": {},
	"attrs": object.union(
		{
			"aclGrants": [], "policyStatements": [], "publicAccessBlock": null, "publicAccessAllowed": null,
			"encryption": "google-managed", "versioning": false, "logging": false,
			"uniformBucketLevelAccess": true, "publicAccessPrevention": "inherited",
			"iamMembers": [{"role": "roles/storage.legacyBucketOwner", "members": ["projectOwner:p"]}],
		},
		attrs,
	),
}

deny_for(attrs) := results if {
	results := check.deny with input as {"nodes": [bucket(attrs)], "edges": []}
}

test_all_users_object_viewer_is_denied if {
	results := deny_for({"iamMembers": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]})
	count(results) == 1
	some r in results
	r.evidence.member == "allUsers"
	r.msg == "Bucket site grants roles/storage.objectViewer to allUsers (iam)"
}

test_all_authenticated_users_counts_as_public if {
	count(deny_for({"iamMembers": [{"role": "roles/storage.legacyObjectReader", "members": ["allAuthenticatedUsers"]}]})) == 1
}

test_public_read_acl_on_fine_grained_bucket if {
	count(deny_for({"uniformBucketLevelAccess": false, "aclGrants": [{"grantee": "AllUsers", "permission": "READER"}]})) == 1
}

test_enforced_prevention_blocks_the_binding if {
	count(deny_for({
		"iamMembers": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}],
		"publicAccessAllowed": false, "publicAccessPrevention": "enforced",
	})) == 0
}

test_write_roles_are_left_to_the_write_check if {
	count(deny_for({"iamMembers": [{"role": "roles/storage.objectAdmin", "members": ["allUsers"]}]})) == 0
}

test_specific_external_user_is_not_public if {
	count(deny_for({"iamMembers": [{"role": "roles/storage.objectViewer", "members": ["user:analyst@vendor.example"]}]})) == 0
}

test_other_providers_are_out_of_scope if {
	b := object.union(bucket({"iamMembers": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]}), {"provider": "aws"})
	count(check.deny) == 0 with input as {"nodes": [b], "edges": []}
}
