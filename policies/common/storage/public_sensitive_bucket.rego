# METADATA
# title: Public bucket or container that looks sensitive
# description: >-
#   Toxic combination: a bucket or blob container anyone can read (GCP allUsers/allAuthenticatedUsers
#   without enforced prevention, an Azure container honoured by its account, a public AWS ACL or
#   policy, judged for AWS like aws.s3.bucket_public_*: ACLs disabled by BucketOwnerEnforced,
#   restricting conditions and Denies to everyone honoured) whose name or tags mark sensitive data:
#   backup, pii, finance, secret, prod-data, customer (parameter sensitive_markers). Public website assets are common; public backups and customer
#   exports are breaches.
# custom:
#   incremental: resource
#   id: common.storage.public_sensitive_bucket
#   severity: critical
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "Remove public access now (GCP: remove allUsers/allAuthenticatedUsers and enforce public access prevention; Azure: az storage account update --allow-blob-public-access false; AWS: enable Block Public Access)."
#     - "Review access logs for downloads since the grant and treat the data as disclosed if any."
#   frameworks: {}
package cloudwarden.common.storage.public_sensitive_bucket

import data.cloudwarden.lib.aws_s3
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.storage
import rego.v1

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	markers := storage.sensitive_matches(bucket)
	count(markers) > 0
	grants := public_grants(bucket)
	count(grants) > 0
	result := {
		"resource": bucket.id,
		"msg": sprintf("%s is public (%s) and marked sensitive (%s)", [bucket.name, concat(", ", sort({g.member | some g in grants})), concat(", ", sort(markers))]),
		"evidence": {"publicGrants": sort(grants), "sensitiveMarkers": sort(markers)},
		"path": [{"node": bucket.id}],
	}
}

public_grants(bucket) := storage.public_grants(bucket) if bucket.provider != "aws"

# AWS buckets: the same analysis as the aws.s3.bucket_public_* checks.
public_grants(bucket) := {grant |
	some acl in aws_s3.public_acl_grants(bucket)
	grant := {"member": storage.public_acl_grantees[acl.grantee], "role": acl.permission, "source": "acl"}
} | {grant |
	some stmt in aws_s3.public_policy_grants(bucket)
	grant := {"member": "*", "role": concat(",", stmt.actions), "source": "policy"}
} if bucket.provider == "aws"
