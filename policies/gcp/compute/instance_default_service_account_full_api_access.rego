# METADATA
# title: VM runs as the default service account with access to all Cloud APIs
# description: >-
#   An instance runs as the Compute Engine default service account with the cloud-platform scope:
#   the access-scope limit is gone and the account's project editor role applies in full to anything
#   that can reach the metadata server on the VM.
# custom:
#   incremental: resource
#   id: gcp.compute.instance_default_service_account_full_api_access
#   severity: high
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "Attach a dedicated least-privilege service account instead, or at least narrow the scopes: gcloud compute instances set-service-account INSTANCE --zone ZONE --service-account SA_EMAIL --scopes SCOPES (instance stopped)."
#     - "Remove roles/editor from the default service account (see gcp.iam.default_service_account_editor)."
#   frameworks:
#     cis-gcp-3.0: ["4.2"]
package cloudwarden.gcp.compute.instance_default_service_account_full_api_access

import data.cloudwarden.lib.gcp
import data.cloudwarden.lib.graph
import rego.v1

full_access_scope := "https://www.googleapis.com/auth/cloud-platform"

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	vm.provider == "gcp"
	some sa in object.get(vm.attrs, "serviceAccounts", [])
	gcp.default_compute_sa(sa.email)
	full_access_scope in sa.scopes
	result := {
		"resource": vm.id,
		"msg": sprintf("%s runs as the default service account with the cloud-platform scope", [vm.name]),
		"evidence": {"serviceAccount": sa.email, "scopes": sa.scopes},
	}
}
