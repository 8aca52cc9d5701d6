package cloudwarden.aws.iam.role_trusts_oidc_provider_without_subject_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.role_trusts_oidc_provider_without_subject as check
import rego.v1

github := "Federated:arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"

aud := {"token.actions.githubusercontent.com:aud": ["sts.amazonaws.com"]}

world(principal, conditions) := {"nodes": [fx.role("gha-deploy", [object.union(fx.trust([principal], conditions), {"actions": ["sts:AssumeRoleWithWebIdentity"]})], {})], "edges": []}

test_github_trust_without_sub_is_denied if {
	results := check.deny with input as world(github, {"StringEquals": aud})
	count(results) == 1
	some r in results
	r.msg == "Role gha-deploy can be assumed with any token of token.actions.githubusercontent.com (no condition on its sub claim)"
	# Wildcard-only subjects pin nothing.
	count(check.deny) == 1 with input as world(github, {"StringEquals": aud, "StringLike": {"token.actions.githubusercontent.com:sub": ["repo:*"]}})
	count(check.deny) == 1 with input as world(github, {"StringLike": {"token.actions.githubusercontent.com:sub": ["*"]}})
}

test_pinned_subject_and_other_principals_pass if {
	count(check.deny) == 0 with input as world(github, {"StringEquals": aud, "StringLike": {"token.actions.githubusercontent.com:sub": ["repo:acme/app:ref:refs/heads/main"]}})
	count(check.deny) == 0 with input as world(github, {"StringLike": {"token.actions.githubusercontent.com:sub": ["repo:acme/*"]}})
	count(check.deny) == 0 with input as world("Service:ec2.amazonaws.com", {})
	count(check.deny) == 0 with input as world("Federated:arn:aws:iam::111122223333:saml-provider/okta", {})
}
