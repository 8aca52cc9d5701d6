# METADATA
# title: VM has an external IP address
# description: >-
#   The instance has an external (internet-routable) address, so its firewall rules are all that
#   stands between its services and the internet. Reach VMs through IAP TCP forwarding and Cloud NAT
#   instead where possible.
# custom:
#   incremental: resource
#   id: gcp.compute.instance_public_ip
#   severity: low
#   resource_kinds: [compute.instance]
#   recommended_actions:
#     - "Remove the access config: gcloud compute instances delete-access-config INSTANCE --zone ZONE --access-config-name \"external-nat\"; use Cloud NAT for egress and IAP (gcloud compute ssh --tunnel-through-iap) for administration."
#     - "Restrict external IPs with the organization policy constraints/compute.vmExternalIpAccess."
#   frameworks:
#     cis-gcp-3.0: ["4.9"]
package cloudwarden.gcp.compute.instance_public_ip

import data.cloudwarden.lib.firewall
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some vm in graph.nodes_by_kind["compute.instance"]
	vm.provider == "gcp"
	firewall.has_public_ip(vm)
	result := {
		"resource": vm.id,
		"msg": sprintf("%s has external IP %s", [vm.name, concat(", ", vm.attrs.publicIps)]),
		"evidence": {"publicIps": vm.attrs.publicIps},
	}
}
