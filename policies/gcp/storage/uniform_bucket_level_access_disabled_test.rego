package cloudwarden.gcp.storage.uniform_bucket_level_access_disabled_test

import data.cloudwarden.gcp.storage.bucket_public_read_test as fixtures
import data.cloudwarden.gcp.storage.uniform_bucket_level_access_disabled as check
import rego.v1

deny_for(attrs) := results if {
	results := check.deny with input as {"nodes": [fixtures.bucket(attrs)], "edges": []}
}

test_fine_grained_bucket_is_denied if {
	results := deny_for({"uniformBucketLevelAccess": false, "aclGrants": [{"grantee": "Project:owners-1", "permission": "OWNER"}]})
	count(results) == 1
	some r in results
	r.msg == "Bucket site has uniform bucket-level access disabled (object ACLs apply)"
}

test_uniform_and_unknown_pass if {
	count(deny_for({"uniformBucketLevelAccess": true})) == 0
	count(deny_for({"uniformBucketLevelAccess": null})) == 0
}
