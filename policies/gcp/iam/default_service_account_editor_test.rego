package cloudwarden.gcp.iam.default_service_account_editor_test

import data.cloudwarden.gcp.iam.basic_role_granted_to_user_test as fx
import data.cloudwarden.gcp.iam.default_service_account_editor as check
import data.cloudwarden.gcp.iam.service_account_admin_privileges_test as sa_fx
import rego.v1

deny_for(b) := results if {
	results := check.deny with input as {"nodes": [b], "edges": []}
}

test_compute_default_with_editor_is_denied if {
	results := deny_for(fx.binding("roles/editor", [sa_fx.sa("500000000001-compute@developer.gserviceaccount.com"), sa_fx.sa("500000000001@cloudservices.gserviceaccount.com")], {}))
	count(results) == 1
	some r in results
	r.discriminator == "serviceAccount:500000000001-compute@developer.gserviceaccount.com"
}

test_app_engine_default_with_owner_is_denied if {
	count(deny_for(fx.binding("roles/owner", [sa_fx.sa("p1@appspot.gserviceaccount.com")], {}))) == 1
}

test_other_roles_and_accounts_pass if {
	count(deny_for(fx.binding("roles/logging.logWriter", [sa_fx.sa("500000000001-compute@developer.gserviceaccount.com")], {}))) == 0
	count(deny_for(fx.binding("roles/editor", [sa_fx.sa("compute@p1.iam.gserviceaccount.com")], {}))) == 0
}
