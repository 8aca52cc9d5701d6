# METADATA
# title: Cloud Storage bucket writable by anyone
# description: >-
#   A bucket grants a role that creates, overwrites or deletes objects (objectAdmin, objectCreator,
#   objectUser, storage.admin, legacy writers and owners, or a WRITER/OWNER ACL) to allUsers or
#   allAuthenticatedUsers, and public access prevention is not enforced: anyone can plant malware,
#   deface hosted content or delete data, at the owner's expense.
# custom:
#   incremental: resource
#   id: gcp.storage.bucket_public_write
#   severity: critical
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "Remove the public members now: gcloud storage buckets remove-iam-policy-binding gs://BUCKET --member=allUsers --role=ROLE (and for allAuthenticatedUsers); for ACLs, gcloud storage buckets update gs://BUCKET --uniform-bucket-level-access."
#     - "Enforce public access prevention: gcloud storage buckets update gs://BUCKET --public-access-prevention."
#     - "Review the objects written since the grant (Cloud Audit Logs data access logs) for planted or altered content."
#   frameworks:
#     cis-gcp-3.0: ["5.1"]
package cloudwarden.gcp.storage.bucket_public_write

import data.cloudwarden.lib.gcp
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.storage
import rego.v1

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	bucket.provider == "gcp"
	some grant in storage.public_grants(bucket)
	gcp.storage_write_grant(grant)
	result := {
		"resource": bucket.id,
		"msg": sprintf("Bucket %s grants %s to %s (%s): anyone can write or delete objects", [bucket.name, grant.role, grant.member, grant.source]),
		"discriminator": sprintf("%s/%s", [grant.member, grant.role]),
		"evidence": {
			"member": grant.member,
			"role": grant.role,
			"via": grant.source,
			"publicAccessPrevention": object.get(bucket.attrs, "publicAccessPrevention", null),
		},
	}
}
