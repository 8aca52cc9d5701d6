package cloudwarden.aws.s3.bucket_public_read_by_acl_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.s3.bucket_public_read_by_acl as check
import rego.v1

acl_bucket(grantee, permission, extra) := fx.bucket("b1", object.union({"aclGrants": [fx.owner_grant, {"grantee": grantee, "permission": permission}], "objectOwnership": "ObjectWriter"}, extra))

test_all_users_read_is_denied if {
	results := check.deny with input as {"nodes": [acl_bucket("AllUsers", "READ", {})], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "b1 grants READ to AllUsers by ACL"
}

test_authenticated_users_and_full_control_count if {
	count(check.deny) == 1 with input as {"nodes": [acl_bucket("AuthenticatedUsers", "READ", {})], "edges": []}
	count(check.deny) == 1 with input as {"nodes": [acl_bucket("AllUsers", "FULL_CONTROL", {})], "edges": []}
}

test_near_misses_pass if {
	# IgnorePublicAcls at bucket level, or at account level only.
	count(check.deny) == 0 with input as {"nodes": [acl_bucket("AllUsers", "READ", {"publicAccessBlock": {"bucket": fx.pab(true), "account": null}})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [acl_bucket("AllUsers", "READ", {"publicAccessBlock": {"bucket": null, "account": fx.pab(true)}})], "edges": []}
	# ACLs disabled by object ownership.
	count(check.deny) == 0 with input as {"nodes": [acl_bucket("AllUsers", "READ", {"objectOwnership": "BucketOwnerEnforced"})], "edges": []}
	# Only the owner's grant, or a write-only public grant (another check).
	count(check.deny) == 0 with input as {"nodes": [fx.bucket("b1", {"objectOwnership": "ObjectWriter"})], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [acl_bucket("AllUsers", "WRITE", {})], "edges": []}
}
