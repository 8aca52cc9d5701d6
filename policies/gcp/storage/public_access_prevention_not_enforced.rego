# METADATA
# title: Public bucket without public access prevention
# description: >-
#   A bucket has an allUsers or allAuthenticatedUsers grant and public access prevention is not
#   enforced on it (`inherited` defers to an organization policy cloudwarden does not read). Enforcing
#   prevention is the switch that makes such grants inert, whoever adds them later.
# custom:
#   incremental: resource
#   id: gcp.storage.public_access_prevention_not_enforced
#   severity: medium
#   resource_kinds: [storage.bucket]
#   recommended_actions:
#     - "gcloud storage buckets update gs://BUCKET --public-access-prevention (after moving any intended public content elsewhere)."
#     - "Set the organization policy constraints/storage.publicAccessPrevention on the folder or organization."
#   frameworks: {}
package cloudwarden.gcp.storage.public_access_prevention_not_enforced

import data.cloudwarden.lib.graph
import data.cloudwarden.lib.storage
import rego.v1

deny contains result if {
	some bucket in graph.nodes_by_kind["storage.bucket"]
	bucket.provider == "gcp"
	object.get(bucket.attrs, "publicAccessPrevention", null) != "enforced"
	grants := storage.public_grants(bucket)
	count(grants) > 0
	result := {
		"resource": bucket.id,
		"msg": sprintf("Bucket %s has public grants and public access prevention is %v", [bucket.name, object.get(bucket.attrs, "publicAccessPrevention", null)]),
		"evidence": {
			"publicAccessPrevention": object.get(bucket.attrs, "publicAccessPrevention", null),
			"publicMembers": sort({g.member | some g in grants}),
		},
	}
}
