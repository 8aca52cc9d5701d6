package cloudwarden.aws.iam.role_trusts_foreign_account_without_external_id_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.role_trusts_foreign_account_without_external_id as check
import rego.v1

world(principals, conditions) := {"nodes": [fx.account_node({}), fx.role("vendor", [fx.trust(principals, conditions)], {})], "edges": []}

test_foreign_account_without_guard_is_denied if {
	results := check.deny with input as world(["AWS:arn:aws:iam::999988887777:root"], {})
	count(results) == 1
	some r in results
	r.msg == "Role vendor trusts account 999988887777 without an external id or MFA condition"
	count(check.deny) == 1 with input as world(["AWS:999988887777"], {})
	count(check.deny) == 1 with input as world(["AWS:arn:aws:iam::999988887777:role/deployer"], {"StringEquals": {"aws:RequestedRegion": ["us-east-1"]}})
}

test_external_id_mfa_own_or_known_accounts_pass if {
	count(check.deny) == 0 with input as world(["AWS:arn:aws:iam::777788889999:root"], {"StringEquals": {"sts:ExternalId": ["cw-demo-7f3a9c2e"]}})
	count(check.deny) == 0 with input as world(["AWS:arn:aws:iam::777788889999:root"], {"Bool": {"aws:MultiFactorAuthPresent": ["true"]}})
	count(check.deny) == 0 with input as world(["AWS:arn:aws:iam::111122223333:root"], {})
	count(check.deny) == 0 with input as world(["Service:ec2.amazonaws.com"], {})
	# Another account of the scanned organization (an account node).
	member := object.union(fx.account_node({}), {"id": "arn:aws:iam::222233334444:root", "account": "222233334444"})
	count(check.deny) == 0 with input as {"nodes": [fx.account_node({}), member, fx.role("r", [fx.trust(["AWS:arn:aws:iam::222233334444:root"], {})], {})], "edges": []}
}
