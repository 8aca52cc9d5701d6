package cloudwarden.aws.s3.bucket_public_write_by_acl_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.s3.bucket_public_write_by_acl as check
import rego.v1

acl_bucket(grantee, permission, extra) := fx.bucket("b1", object.union({"aclGrants": [fx.owner_grant, {"grantee": grantee, "permission": permission}], "objectOwnership": "ObjectWriter"}, extra))

test_all_users_write_is_denied if {
	results := check.deny with input as {"nodes": [acl_bucket("AllUsers", "WRITE", {})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "b1 grants WRITE to AllUsers by ACL"
	count(check.deny) == 1 with input as {"nodes": [acl_bucket("AuthenticatedUsers", "WRITE_ACP", {})], "edges": []}
	count(check.deny) == 1 with input as {"nodes": [acl_bucket("AllUsers", "FULL_CONTROL", {})], "edges": []}
}

test_read_only_ignored_or_disabled_acls_pass if {
	count(check.deny) == 0 with input as {"nodes": [acl_bucket("AllUsers", "READ", {})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [acl_bucket("AllUsers", "WRITE", {"publicAccessBlock": {"bucket": null, "account": fx.pab(true)}})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [acl_bucket("AllUsers", "WRITE", {"objectOwnership": "BucketOwnerEnforced"})], "edges": []}
}
