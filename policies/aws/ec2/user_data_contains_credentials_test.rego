package cloudwarden.aws.ec2.user_data_contains_credentials_test

import data.cloudwarden.aws.ec2.user_data_contains_credentials as check
import data.cloudwarden.aws.fixtures_test as fx
import rego.v1

loc := "launchTemplate:lt-1:v2:userData"

test_secret_key_in_template_user_data_is_denied if {
	lt := fx.launch_template("legacy-worker", [fx.secret("aws-access-key-id", "AKIAIOSFODNN7EXAMPLE", loc), fx.secret("aws-secret-access-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", loc)])
	results := check.deny with input as {"nodes": [lt], "edges": []}
	count(results) == 1
	some r in results
	r.msg == "Launch template legacy-worker has credentials in its user data: aws-secret-access-key wJal…EKEY (launchTemplate:lt-1:v2:userData)"
	vm := fx.instance("i-1", {"userDataSecrets": [fx.secret("private-key", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "userData")]})
	count(check.deny) == 1 with input as {"nodes": [vm], "edges": []}
}

test_clean_or_key_id_only_user_data_passes if {
	count(check.deny) == 0 with input as {"nodes": [fx.launch_template("clean", []), fx.instance("i-1", {})], "edges": []}
	# A key id alone is rated by the key-matching checks.
	count(check.deny) == 0 with input as {"nodes": [fx.launch_template("id-only", [fx.secret("aws-access-key-id", "AKIAIOSFODNN7EXAMPLE", loc)])], "edges": []}
	count(check.deny) == 0 with input as {"nodes": [fx.instance("i-2", {"userDataSecrets": null})], "edges": []}
}
