package cloudwarden.aws.iam.role_trusts_any_principal_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.role_trusts_any_principal as check
import rego.v1

world(principals, conditions) := {"nodes": [fx.role("r", [fx.trust(principals, conditions)], {})], "edges": []}

test_public_trust_is_denied if {
	results := check.deny with input as world(["AWS:*"], {})
	count(results) == 1
	some r in results
	r.msg == "Role r can be assumed by any AWS principal (AWS:*)"
	count(check.deny) == 1 with input as world(["*"], {})
	# An external id is no restriction for "*".
	count(check.deny) == 1 with input as world(["AWS:*"], {"StringEquals": {"sts:ExternalId": ["x"]}})
}

test_named_or_org_restricted_trust_passes if {
	count(check.deny) == 0 with input as world(["AWS:arn:aws:iam::111122223333:root"], {})
	count(check.deny) == 0 with input as world(["Service:ec2.amazonaws.com"], {})
	count(check.deny) == 0 with input as world(["AWS:*"], {"StringEquals": {"aws:PrincipalOrgID": ["o-demo7k2x9p"]}})
	count(check.deny) == 0 with input as world(["*"], {"ArnLike": {"aws:PrincipalArn": ["arn:aws:iam::111122223333:role/ci-*"]}})
}

test_not_principal_trust_is_public if {
	stmt := object.union(fx.trust([], {}), {"notPrincipals": ["AWS:arn:aws:iam::111122223333:root"]})
	results := check.deny with input as {"nodes": [fx.role("r", [stmt], {})], "edges": []}
	some r in results
	r.msg == "Role r can be assumed by any AWS principal (NotPrincipal:AWS:arn:aws:iam::111122223333:root)"
}
