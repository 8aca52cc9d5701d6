# METADATA
# title: AWS S3 exposure helpers
# description: >-
#   Which AWS bucket grants reach the public, read or write: ACL grants to AllUsers or
#   AuthenticatedUsers unless ACLs are disabled (BucketOwnerEnforced) or IgnorePublicAcls is on at
#   bucket or account level; policy statements allowing "*", {"AWS": "*"} or any account's root
#   unless a condition restricts them to known parties, RestrictPublicBuckets is on (bucket or
#   account), or a Deny to everyone takes the same actions back.
package cloudwarden.lib.aws_s3

import data.cloudwarden.lib.aws_iam
import data.cloudwarden.lib.graph
import rego.v1

# Representative actions of each kind of access: an allowed pattern that matches one of them exposes it.
read_actions := ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions"]

write_actions := ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutBucketPolicy", "s3:PutBucketAcl", "s3:PutObjectAcl", "s3:DeleteBucket"]

acl_access := {
	"READ": {"read"},
	"READ_ACP": {"read"},
	"WRITE": {"write"},
	"WRITE_ACP": {"write"},
	"FULL_CONTROL": {"read", "write"},
}

public_grantees := {"AllUsers", "AuthenticatedUsers"}

aws_buckets := [bucket | some bucket in graph.nodes_by_kind["storage.bucket"]; bucket.provider == "aws"]

# The block setting is on at bucket or account level.
blocked(bucket, name) if {
	some level in ["bucket", "account"]
	bucket.attrs.publicAccessBlock[level][name] == true
}

# ACLs are not evaluated when object ownership is BucketOwnerEnforced.
acls_in_effect(bucket) if object.get(bucket.attrs, "objectOwnership", null) != "BucketOwnerEnforced"

# Public ACL grants in effect: {"grantee", "permission", "access"}.
public_acl_grants(bucket) := {grant |
	acls_in_effect(bucket)
	not blocked(bucket, "ignorePublicAcls")
	some acl in aws_iam.array_or_empty(object.get(bucket.attrs, "aclGrants", []))
	acl.grantee in public_grantees
	some access in acl_access[acl.permission]
	grant := {"grantee": acl.grantee, "permission": acl.permission, "access": access}
}

statements(bucket) := aws_iam.array_or_empty(object.get(bucket.attrs, "policyStatements", []))

# The concrete actions of a kind a statement allows (NotAction included).
allowed_of_kind(stmt, "read") := {action | some action in read_actions; aws_iam.grants_action(stmt, action)}

allowed_of_kind(stmt, "write") := {action | some action in write_actions; aws_iam.grants_action(stmt, action)}

# A Deny to everyone that takes the action back, with no condition or only "unless known party" ones.
denied_to_public(bucket, action) if {
	some stmt in statements(bucket)
	stmt.effect == "Deny"
	count(aws_iam.public_grantees(stmt)) > 0
	aws_iam.grants_action(stmt, action)
	deny_applies(stmt)
}

deny_applies(stmt) if aws_iam.unconditional(stmt)

deny_applies(stmt) if aws_iam.deny_unless_known(stmt)

# Public policy grants in effect: {"sid", "actions", "access"} per statement and kind of access.
public_policy_grants(bucket) := {grant |
	not blocked(bucket, "restrictPublicBuckets")
	some stmt in statements(bucket)
	stmt.effect == "Allow"
	some principal in aws_iam.public_grantees(stmt)
	not aws_iam.restricted(stmt)
	some access in ["read", "write"]
	exposed := {action | some action in allowed_of_kind(stmt, access); not denied_to_public(bucket, action)}
	count(exposed) > 0
	grant := {"sid": object.get(stmt, "sid", null), "principal": principal, "actions": sort(exposed), "access": access}
}
