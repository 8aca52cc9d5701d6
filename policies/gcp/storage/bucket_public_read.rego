# METADATA
# title: Cloud Storage bucket readable by anyone
# description: >-
#   A bucket grants a read role (objectViewer, legacy readers) to allUsers or allAuthenticatedUsers
#   through its IAM policy or legacy ACLs, and public access prevention is not enforced: anyone on the
#   internet (or anyone with any Google account) can list or download its objects.
# custom:
#   incremental: resource
#   id: gcp.storage.bucket_public_read
#   severity: high
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "Remove the public members: gcloud storage buckets remove-iam-policy-binding gs://BUCKET --member=allUsers --role=ROLE (and the same for allAuthenticatedUsers)."
#     - "Enforce public access prevention: gcloud storage buckets update gs://BUCKET --public-access-prevention, or the organization policy constraints/storage.publicAccessPrevention."
#     - "Serve intentionally public content through a load balancer with Cloud CDN and signed URLs instead of a public bucket."
#   frameworks:
#     cis-gcp-3.0: ["5.1"]
package cloudwarden.gcp.storage.bucket_public_read

import data.cloudwarden.lib.gcp
import data.cloudwarden.lib.graph
import data.cloudwarden.lib.storage
import rego.v1

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	bucket.provider == "gcp"
	some grant in storage.public_grants(bucket)
	not gcp.storage_write_grant(grant)
	result := {
		"resource": bucket.id,
		"msg": sprintf("Bucket %s grants %s to %s (%s)", [bucket.name, grant.role, grant.member, grant.source]),
		"discriminator": sprintf("%s/%s", [grant.member, grant.role]),
		"evidence": {
			"member": grant.member,
			"role": grant.role,
			"via": grant.source,
			"publicAccessPrevention": object.get(bucket.attrs, "publicAccessPrevention", null),
		},
	}
}
