# METADATA
# title: VM runs as the Compute Engine default service account
# description: >-
#   An instance runs as PROJECT_NUMBER-compute@developer.gserviceaccount.com, which Google grants
#   roles/editor on the project by default and which every other default-configured VM shares.
# custom:
#   incremental: resource
#   id: gcp.compute.instance_default_service_account
#   severity: medium
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "Create a service account for the workload with only the roles it needs and attach it: gcloud compute instances set-service-account INSTANCE --zone ZONE --service-account SA_EMAIL --scopes cloud-platform (the instance must be stopped)."
#   frameworks:
#     cis-gcp-3.0: ["4.1"]
package cloudwarden.gcp.compute.instance_default_service_account

import data.cloudwarden.lib.gcp
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	vm.provider == "gcp"
	some sa in object.get(vm.attrs, "serviceAccounts", [])
	gcp.default_compute_sa(sa.email)
	result := {
		"resource": vm.id,
		"msg": sprintf("%s runs as the default service account %s", [vm.name, sa.email]),
		"evidence": {"serviceAccount": sa.email, "scopes": sa.scopes},
	}
}
