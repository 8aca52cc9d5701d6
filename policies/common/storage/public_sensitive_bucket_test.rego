package cloudwarden.common.storage.public_sensitive_bucket_test

import data.cloudwarden.common.storage.public_sensitive_bucket as check
import rego.v1

gcs(name, tags, members, prevention) := {
	"id": concat("", ["//storage.googleapis.com/projects/_/buckets/", name]),
	"provider": "gcp", "kind": "storage.bucket", "name": name, "tags": tags,
	"attrs": {
		"aclGrants": [], "policyStatements": [], "publicAccessBlock": null,
		"publicAccessAllowed": prevention, "iamMembers": [{"role": "roles/storage.objectViewer", "members": members}],
		"encryption": null, "versioning": null, "logging": null,
	},
}

container(name, allowed, level) := {
	"id": concat("", ["/subscriptions/s1/resourcegroups/rg/providers/microsoft.storage/storageaccounts/acct/blobservices/default/containers/", name]),
	"provider": "azure", "kind": "storage.bucket", "name": concat("/", ["acct", name]), "tags": {},
	"attrs": {"aclGrants": null, "policyStatements": [], "publicAccessBlock": null, "publicAccessAllowed": allowed, "anonymousAccessLevel": level, "encryption": null, "versioning": null, "logging": null},
}

deny_for(node) := results if {
	results := check.deny with input as {"nodes": [node], "edges": []}
}

test_public_backup_bucket_is_denied if {
	results := deny_for(gcs("acme-db-backups", {}, ["allUsers"], null))
	count(results) == 1
	some r in results
	r.evidence.sensitiveMarkers == ["backup"]
	r.path == [{"node": "//storage.googleapis.com/projects/_/buckets/acme-db-backups"}]
}

test_sensitive_tag_counts if {
	count(deny_for(gcs("exports", {"data-class": "PII"}, ["allAuthenticatedUsers"], null))) == 1
}

test_public_azure_container_named_customer if {
	count(deny_for(container("customer-exports", true, "container"))) == 1
}

test_markers_are_a_parameter if {
	count(check.deny) == 1 with input as {"nodes": [gcs("payroll-2026", {}, ["allUsers"], null)], "edges": []} with data.cloudwarden.params.sensitive_markers as ["payroll"]
	count(check.deny) == 0 with input as {"nodes": [gcs("acme-db-backups", {}, ["allUsers"], null)], "edges": []} with data.cloudwarden.params.sensitive_markers as ["payroll"]
}

test_near_misses_pass if {
	# Sensitive but private, or blocked by the provider switch.
	count(deny_for(gcs("acme-db-backups", {}, ["group:dba@corp.example"], null))) == 0
	count(deny_for(gcs("acme-db-backups", {}, ["allUsers"], false))) == 0
	count(deny_for(container("backups", true, "none"))) == 0
	count(deny_for(container("backups", false, "blob"))) == 0
	# Public but not marked sensitive.
	count(deny_for(gcs("public-site", {"app": "website"}, ["allUsers"], null))) == 0
}

s3(name, acl, statements, ignore_public_acls, restrict_public_buckets) := {
	"id": concat("", ["arn:aws:s3:::", name]),
	"provider": "aws", "kind": "storage.bucket", "name": name, "tags": {},
	"attrs": {
		"aclGrants": acl, "policyStatements": statements,
		"publicAccessBlock": {
			"bucket": {"blockPublicAcls": false, "ignorePublicAcls": ignore_public_acls, "blockPublicPolicy": false, "restrictPublicBuckets": restrict_public_buckets},
			"account": null,
		},
		"encryption": null, "versioning": null, "logging": null,
	},
}

statement(conditions) := {
	"sid": null, "effect": "Allow", "actions": ["s3:GetObject"], "notActions": [], "resources": ["arn:aws:s3:::acme-finance-exports/*"],
	"notResources": [], "principals": ["*"], "notPrincipals": [], "conditions": conditions,
}

test_aws_public_acl_and_policy_shapes if {
	count(deny_for(s3("acme-finance-exports", [{"grantee": "AllUsers", "permission": "READ"}], [], false, false))) == 1
	count(deny_for(s3("acme-finance-exports", [], [statement({})], false, false))) == 1
}

test_aws_public_access_block_and_conditions_pass if {
	count(deny_for(s3("acme-finance-exports", [{"grantee": "AllUsers", "permission": "READ"}], [], true, false))) == 0
	count(deny_for(s3("acme-finance-exports", [], [statement({})], false, true))) == 0
	count(deny_for(s3("acme-finance-exports", [], [statement({"StringEquals": {"aws:PrincipalOrgID": ["o-1"]}})], false, false))) == 0
}

test_aws_near_misses_of_the_aws_checks_pass if {
	# ACLs disabled by object ownership; a Deny to everyone for the same action.
	count(deny_for(object.union(s3("acme-finance-exports", [{"grantee": "AllUsers", "permission": "READ"}], [], false, false), {"attrs": object.union(s3("acme-finance-exports", [{"grantee": "AllUsers", "permission": "READ"}], [], false, false).attrs, {"objectOwnership": "BucketOwnerEnforced"})}))) == 0
	count(deny_for(s3("acme-finance-exports", [], [statement({}), object.union(statement({}), {"effect": "Deny"})], false, false))) == 0
}
