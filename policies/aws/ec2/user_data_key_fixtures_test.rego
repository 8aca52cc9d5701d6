# Worlds shared by the user-data key checks' tests.
package cloudwarden.aws.ec2.user_data_key_fixtures_test

import data.cloudwarden.aws.fixtures_test as fx
import rego.v1

loc := "launchTemplate:lt-1:v2:userData"

lt := fx.launch_template("legacy-worker", [fx.secret("aws-access-key-id", "AKIAIOSFODNN7EXAMPLE", loc)])

admins := fx.group("admins", [])

# A user owning key AKIAIOSFODNN7EXAMPLE (active or not), admin through a group, or with statements.
world(active, admin, statements) := {
	"nodes": [lt, u, k, admins, fx.admin_policy],
	"edges": array.concat(
		[fx.edge(u, k, "has_key"), fx.edge(admins, fx.admin_policy, "attached_policy")],
		[e | admin; e := fx.edge(u, admins, "member_of")],
	),
} if {
	u := fx.user("leaky", {"inlineStatements": statements})
	k := fx.key(u, "AKIAIOSFODNN7EXAMPLE", {"active": active})
}

escalation := [fx.stmt("Allow", ["iam:CreatePolicyVersion"], ["*"], {})]
