# METADATA
# title: IAM role trusts an OIDC provider without a subject condition
# description: >-
#   The role's trust policy lets a web-identity (OIDC) provider's tokens assume it
#   (sts:AssumeRoleWithWebIdentity for a Federated oidc-provider principal) with no condition on the
#   provider's "sub" claim pinning who the token was issued to. For a shared issuer such as GitHub
#   Actions (token.actions.githubusercontent.com) or a public Kubernetes issuer, any repository or
#   workload of any customer of that issuer can obtain the role's credentials. A "sub" matching only
#   wildcards ("*", "repo:*") pins nothing.
# custom:
#   incremental: resource
#   id: aws.iam.role_trusts_oidc_provider_without_subject
#   severity: critical
#   resource_kinds: [iam.role]
#   recommended_actions:
#     - "Add a subject condition naming your repository, branch or environment, e.g. \"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:ORG/REPO:ref:refs/heads/main\"}, with \"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}: aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json."
#     - "Review CloudTrail AssumeRoleWithWebIdentity events for the role for subjects that are not yours."
#   frameworks: {}
package cloudwarden.aws.iam.role_trusts_oidc_provider_without_subject

import data.cloudwarden.lib.aws_iam
import data.cloudwarden.lib.graph
import rego.v1

deny contains result if {
	some role in graph.nodes_by_kind["iam.role"]
	role.provider == "aws"
	providers := {provider |
		some stmt in aws_iam.array_or_empty(object.get(role.attrs, "trustStatements", []))
		stmt.effect == "Allow"
		web_identity(stmt)
		some principal in stmt.principals
		startswith(principal, "Federated:")
		contains(principal, ":oidc-provider/")
		provider := substring(principal, indexof(principal, ":oidc-provider/") + 15, -1)
		not subject_pinned(stmt)
	}
	count(providers) > 0
	result := {
		"resource": role.id,
		"msg": sprintf("Role %s can be assumed with any token of %s (no condition on its sub claim)", [role.name, concat(", ", sort(providers))]),
		"evidence": {"providers": sort(providers), "trustStatements": role.attrs.trustStatements},
	}
}

web_identity(stmt) if {
	some action in stmt.actions
	aws_iam.action_matches(action, "sts:AssumeRoleWithWebIdentity")
}

# A positive condition on "<issuer>:sub" with at least one value that is more than wildcards and a prefix.
subject_pinned(stmt) if {
	some op, keys in stmt.conditions
	aws_iam.positive_operator(op)
	some key, values in keys
	endswith(lower(key), ":sub")
	count(values) > 0
	every value in values {
		pins(value)
	}
}

pins(value) if {
	is_string(value)
	not regex.match(`^[*?]*$`, value)
	not regex.match(`^[A-Za-z_-]+:[*?]*$`, value)
}
