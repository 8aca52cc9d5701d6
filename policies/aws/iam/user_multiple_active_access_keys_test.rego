package cloudwarden.aws.iam.user_multiple_active_access_keys_test

import data.cloudwarden.aws.fixtures_test as fx
import data.cloudwarden.aws.iam.user_multiple_active_access_keys as check
import rego.v1

carol := fx.user("carol", {})

k1 := fx.key(carol, "AKIADEMOCAROL0000001", {})

world(second_active) := {
	"nodes": [carol, k1, fx.key(carol, "AKIADEMOCAROL0000002", {"active": second_active})],
	"edges": [{"from": carol.id, "to": k1.id, "kind": "has_key"}, {"from": carol.id, "to": concat("", [carol.id, "/access-key/AKIADEMOCAROL0000002"]), "kind": "has_key"}],
}

test_two_active_keys_are_denied if {
	results := check.deny with input as world(true)
	count(results) == 1
	some r in results
	r.msg == "User carol has 2 active access keys (AKIA…0001, AKIA…0002)"
}

test_one_active_key_passes if {
	count(check.deny) == 0 with input as world(false)
}
