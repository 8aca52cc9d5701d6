# METADATA
# title: IAM user or role is allowed every action of a service on every resource
# description: >-
#   An unconditional Allow grants a whole service ("iam:*", "s3:*", "ec2:*" …) on every resource.
#   iam:* is account takeover; s3:* reads and deletes every bucket; ec2:* can launch instances with
#   any role. Principals with full admin are reported by aws.iam.principal_with_admin_privileges.
# custom:
#   incremental: {reach: 2, via: [member_of, attached_policy, permissionsBoundaryArn]}
#   id: aws.iam.service_wildcard_on_all_resources
#   severity: medium
#   resource_kinds: [iam.user, iam.role]
#   recommended_actions:
#     - "List the actions the principal really uses (IAM console → Access Advisor, or aws iam generate-service-last-accessed-details) and replace the wildcard with them, scoped to the resources it works on."
#     - "Use AWS-managed job-function or read-only policies where they fit."
#   frameworks: {}
package cloudwarden.aws.iam.service_wildcard_on_all_resources

import data.cloudwarden.lib.aws_iam
import rego.v1

deny contains result if {
	some principal in aws_iam.principals
	not aws_iam.is_admin(principal.id)
	entries := [entry | some entry in aws_iam.principal_sources[principal.id]; aws_iam.service_wildcards[entry.id]]
	count(entries) > 0
	wildcards := sort({action | some e in entries; some action in aws_iam.service_wildcards[e.id]})
	entry := aws_iam.sorted_entries(entries)[0]
	result := {
		"resource": principal.id,
		"msg": sprintf("%s %s is allowed %s on every resource through %s", [aws_iam.kind_names[principal.kind], principal.name, concat(", ", wildcards), aws_iam.entry_source(entry)]),
		"evidence": {"wildcards": wildcards, "policies": sort({e.policyName | some e in entries})},
		"path": aws_iam.entry_path(principal, entry),
	}
}
