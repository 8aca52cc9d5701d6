# Builders shared by the AWS checks' tests: nodes and edges shaped exactly like the AWS collector's.
package cloudwarden.aws.fixtures_test

import rego.v1

account := "111122223333"

stmt(effect, actions, resources, conditions) := {
	"sid": null, "effect": effect, "actions": actions, "notActions": [], "resources": resources,
	"notResources": [], "principals": [], "notPrincipals": [], "conditions": conditions,
}

not_action_stmt(not_actions, resources) := object.union(stmt("Allow", [], resources, {}), {"notActions": not_actions})

bucket_stmt(effect, principals, actions, conditions) := object.union(
	stmt(effect, actions, ["arn:aws:s3:::b1/*"], conditions),
	{"principals": principals},
)

pab(on) := {"blockPublicAcls": on, "ignorePublicAcls": on, "blockPublicPolicy": on, "restrictPublicBuckets": on}

owner_grant := {"grantee": "CanonicalUser:a3f1", "permission": "FULL_CONTROL"}

bucket(name, attrs) := {
	"id": sprintf("arn:aws:s3:::%s", [name]), "provider": "aws", "account": account, "region": "us-east-1",
	"kind": "storage.bucket", "nativeType": "AWS::S3::Bucket", "name": name, "tags": {},
	"attrs": object.union(
		{
			"aclGrants": [owner_grant], "policyStatements": [], "publicAccessBlock": {"bucket": null, "account": null},
			"encryption": "AES256", "versioning": true, "logging": true, "policyIsPublic": false,
			"objectOwnership": "BucketOwnerEnforced", "mfaDelete": false, "loggingTarget": "logs", "kmsKeyId": null,
		},
		attrs,
	),
}

account_node(attrs) := {
	"id": sprintf("arn:aws:iam::%s:root", [account]), "provider": "aws", "account": account, "region": "global",
	"kind": "account", "nativeType": "AWS::::Account", "name": "demo", "tags": {},
	"attrs": object.union({"rootMfaActive": true, "rootAccessKeysActive": false, "passwordPolicy": null}, attrs),
}

user(name, attrs) := {
	"id": sprintf("arn:aws:iam::%s:user/%s", [account, name]), "provider": "aws", "account": account, "region": "global",
	"kind": "iam.user", "nativeType": "AWS::IAM::User", "name": name, "tags": {},
	"attrs": object.union(
		{"inlineStatements": [], "attachedPolicyArns": [], "groupArns": [], "passwordEnabled": false, "passwordLastUsed": null, "mfaActive": false, "permissionsBoundaryArn": null},
		attrs,
	),
}

group(name, inline) := {
	"id": sprintf("arn:aws:iam::%s:group/%s", [account, name]), "provider": "aws", "account": account, "region": "global",
	"kind": "iam.group", "nativeType": "AWS::IAM::Group", "name": name, "tags": {},
	"attrs": {"inlineStatements": inline, "attachedPolicyArns": []},
}

role(name, trust, attrs) := {
	"id": sprintf("arn:aws:iam::%s:role/%s", [account, name]), "provider": "aws", "account": account, "region": "global",
	"kind": "iam.role", "nativeType": "AWS::IAM::Role", "name": name, "tags": {},
	"attrs": object.union(
		{"inlineStatements": [], "attachedPolicyArns": [], "trustStatements": trust, "instanceProfileArns": [], "lastUsedAt": null, "permissionsBoundaryArn": null},
		attrs,
	),
}

trust(principals, conditions) := object.union(stmt("Allow", ["sts:AssumeRole"], [], conditions), {"principals": principals})

policy(name, statements) := {
	"id": sprintf("arn:aws:iam::%s:policy/%s", [account, name]), "provider": "aws", "account": account, "region": "global",
	"kind": "iam.policy", "nativeType": "AWS::IAM::ManagedPolicy", "name": name, "tags": {},
	"attrs": {"statements": statements, "managedBy": "customer", "defaultVersionId": "v1"},
}

admin_policy := {
	"id": "arn:aws:iam::aws:policy/AdministratorAccess", "provider": "aws", "account": "aws", "region": "global",
	"kind": "iam.policy", "nativeType": "AWS::IAM::ManagedPolicy", "name": "AdministratorAccess", "tags": {},
	"attrs": {"statements": [stmt("Allow", ["*"], ["*"], {})], "managedBy": "provider", "defaultVersionId": "v1"},
}

key(user_node, key_id, attrs) := {
	"id": sprintf("%s/access-key/%s", [user_node.id, key_id]), "provider": "aws", "account": account, "region": "global",
	"kind": "iam.access_key", "nativeType": "AWS::IAM::AccessKey", "name": masked(key_id), "tags": {},
	"createdAt": "2026-10-01T08:05:00.000Z",
	"attrs": object.union(
		{"keyIdMasked": masked(key_id), "active": true, "lastUsedAt": "2026-11-19T23:00:00.000Z", "ageDays": 50, "lastUsedService": "s3", "userArn": user_node.id},
		attrs,
	),
}

masked(key_id) := concat("…", [substring(key_id, 0, 4), substring(key_id, count(key_id) - 4, 4)])

edge(from, to, kind) := {"from": from.id, "to": to.id, "kind": kind}

instance(name, attrs) := {
	"id": sprintf("arn:aws:ec2:us-east-1:%s:instance/%s", [account, name]), "provider": "aws", "account": account, "region": "us-east-1",
	"kind": "compute.instance", "nativeType": "AWS::EC2::Instance", "name": name, "tags": {},
	"attrs": object.union(
		{
			"state": "running", "publicIps": [], "privateIps": ["10.0.1.5"],
			"metadataOptions": {"endpointEnabled": true, "v1Allowed": false, "hopLimit": 2}, "userDataSecrets": [],
		},
		attrs,
	),
}

launch_template(name, secrets) := {
	"id": sprintf("arn:aws:ec2:us-east-1:%s:launch-template/%s", [account, name]), "provider": "aws", "account": account, "region": "us-east-1",
	"kind": "compute.launch_template", "nativeType": "AWS::EC2::LaunchTemplate", "name": name, "tags": {},
	"attrs": {"defaultVersion": 2, "latestVersion": 2, "userDataSecrets": secrets, "imdsV1Allowed": null},
}

secret(detector, value, location) := {"detector": detector, "masked": masked(value), "location": location, "line": 3}

security_group(name, is_default, rules) := {
	"id": sprintf("arn:aws:ec2:us-east-1:%s:security-group/%s", [account, name]), "provider": "aws", "account": account, "region": "us-east-1",
	"kind": "network.firewall", "nativeType": "AWS::EC2::SecurityGroup", "name": name, "tags": {},
	"attrs": {"rules": rules, "isDefault": is_default, "vpcId": "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1", "description": name},
}

rule(direction, protocol, ports, sources) := {"direction": direction, "action": "allow", "protocol": protocol, "ports": ports, "sources": sources, "description": null}
