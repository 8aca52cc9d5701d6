package cloudwarden.common.compute.internet_exposed_instance_with_admin_identity_test

import data.cloudwarden.common.compute.internet_exposed_instance_with_admin_identity as check
import data.cloudwarden.common.network.public_instance_exposed_test as fx
import rego.v1

sa_id := "//iam.googleapis.com/projects/p1/serviceAccounts/5"

sa := {"id": sa_id, "provider": "gcp", "kind": "iam.service_account", "name": "1-compute@developer.gserviceaccount.com", "tags": {}, "attrs": {}}

binding(role, condition) := {
	"id": sprintf("//cloudresourcemanager.googleapis.com/projects/1/iamBindings/%s", [role]),
	"provider": "gcp",
	"kind": "iam.binding",
	"name": role,
	"tags": {},
	"attrs": {
		"role": role, "scope": "//cloudresourcemanager.googleapis.com/projects/1", "scopeType": "project", "condition": condition,
		"members": [{"id": "serviceAccount:1-compute@developer.gserviceaccount.com", "type": "service_account", "external": false, "principalId": sa_id}],
	},
}

cloud_platform := ["https://www.googleapis.com/auth/cloud-platform"]

world(public_ips, firewalls, role, scopes, condition) := {
	"nodes": array.concat(array.concat([fx.vm(public_ips), sa, binding(role, condition)], firewalls), []),
	"edges": array.concat(
		[{"from": fx.vm_id, "to": f.id, "kind": "protected_by"} | some f in firewalls],
		[{"from": fx.vm_id, "to": sa_id, "kind": "runs_as", "attrs": {"scopes": scopes}}],
	),
}

test_exposed_vm_running_as_project_editor_is_denied_with_its_path if {
	results := check.deny with input as world(["34.28.10.11"], [fx.ssh_world], "roles/editor", cloud_platform, null)
	count(results) == 1
	some r in results
	r.path == [
		{"node": fx.ssh_world.id, "via": "protected_by"},
		{"node": fx.vm_id, "via": "runs_as"},
		{"node": sa_id, "via": "member_of"},
		{"node": "//cloudresourcemanager.googleapis.com/projects/1/iamBindings/roles/editor"},
	]
	r.msg == "web-1 is reachable from 0.0.0.0/0 on SSH (port 22) and runs as 1-compute@developer.gserviceaccount.com, which has roles/editor on //cloudresourcemanager.googleapis.com/projects/1"
}

test_each_half_alone_passes if {
	# Not exposed: no public IP, or only a corporate range.
	count(check.deny) == 0 with input as world([], [fx.ssh_world], "roles/editor", cloud_platform, null)
	count(check.deny) == 0 with input as world(["34.28.10.11"], [fx.fw("corp", [fx.rule("allow", [[22, 22]], ["203.0.113.0/24"], 1000)])], "roles/editor", cloud_platform, null)
	# Not privileged: a read-only role, a conditional grant, or scopes that cap the token.
	count(check.deny) == 0 with input as world(["34.28.10.11"], [fx.ssh_world], "roles/viewer", cloud_platform, null)
	count(check.deny) == 0 with input as world(["34.28.10.11"], [fx.ssh_world], "roles/editor", cloud_platform, {"title": "t", "expression": "e"})
	count(check.deny) == 0 with input as world(["34.28.10.11"], [fx.ssh_world], "roles/editor", ["https://www.googleapis.com/auth/devstorage.read_only"], null)
}

azure_vm := {
	"id": "/subscriptions/s1/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm1",
	"provider": "azure", "kind": "compute.instance", "name": "vm1", "tags": {},
	"attrs": {"state": "running", "publicIps": ["20.50.10.11"], "privateIps": [], "systemAssignedPrincipalId": "5b5b"},
}

nsg := {
	"id": "/subscriptions/s1/resourcegroups/rg/providers/microsoft.network/networksecuritygroups/nsg1",
	"provider": "azure", "kind": "network.firewall", "name": "nsg1", "tags": {},
	"attrs": {"rules": [{"direction": "ingress", "action": "allow", "protocol": "tcp", "ports": [[3389, 3389]], "sources": ["Internet"], "priority": 300}]},
}

assignment(role, permissions) := {
	"id": "/subscriptions/s1/providers/microsoft.authorization/roleassignments/a1",
	"provider": "azure", "kind": "iam.binding", "name": "a1", "tags": {},
	"attrs": {"role": role, "permissions": permissions, "scope": "/subscriptions/s1", "scopeType": "subscription", "condition": null, "members": [{"id": "ServicePrincipal:5b5b", "type": "service_principal", "external": null, "principalId": null}]},
}

test_azure_system_assigned_identity_with_contributor if {
	results := check.deny with input as {"nodes": [azure_vm, nsg, assignment("Contributor", ["*"])], "edges": [{"from": azure_vm.id, "to": nsg.id, "kind": "protected_by"}]}
	count(results) == 1
	some r in results
	count(r.path) == 3
}

test_azure_reader_passes if {
	count(check.deny) == 0 with input as {"nodes": [azure_vm, nsg, assignment("Reader", ["*/read"])], "edges": [{"from": azure_vm.id, "to": nsg.id, "kind": "protected_by"}]}
}

aws_vm := {
	"id": "arn:aws:ec2:us-east-1:111122223333:instance/i-0demo00000000web01", "provider": "aws", "account": "111122223333",
	"region": "us-east-1", "kind": "compute.instance", "name": "demo-web-01", "tags": {},
	"attrs": {"state": "running", "publicIps": ["198.51.100.20"], "privateIps": ["10.0.1.20"]},
}

aws_sg(cidr) := {
	"id": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1", "provider": "aws", "account": "111122223333",
	"region": "us-east-1", "kind": "network.firewall", "name": "legacy-bastion-ssh", "tags": {},
	"attrs": {"rules": [{"direction": "ingress", "action": "allow", "protocol": "tcp", "ports": [[22, 22]], "sources": [cidr], "description": null}], "isDefault": false},
}

aws_role(inline) := {
	"id": "arn:aws:iam::111122223333:role/web-admin-instance-role", "provider": "aws", "account": "111122223333",
	"region": "global", "kind": "iam.role", "name": "web-admin-instance-role", "tags": {},
	"attrs": {"inlineStatements": inline, "attachedPolicyArns": [], "trustStatements": [], "permissionsBoundaryArn": null},
}

aws_admin_policy := {
	"id": "arn:aws:iam::aws:policy/AdministratorAccess", "provider": "aws", "account": "aws", "region": "global",
	"kind": "iam.policy", "name": "AdministratorAccess", "tags": {},
	"attrs": {"statements": [{"sid": null, "effect": "Allow", "actions": ["*"], "notActions": [], "resources": ["*"], "notResources": [], "principals": [], "notPrincipals": [], "conditions": {}}]},
}

aws_world(cidr, inline, attach) := {
	"nodes": [aws_vm, aws_sg(cidr), aws_role(inline), aws_admin_policy],
	"edges": array.concat(
		[
			{"from": aws_vm.id, "to": aws_sg(cidr).id, "kind": "protected_by"},
			{"from": aws_vm.id, "to": aws_role(inline).id, "kind": "runs_as", "attrs": {"instanceProfile": "arn:aws:iam::111122223333:instance-profile/web-admin-profile"}},
		],
		[e | attach; e := {"from": aws_role(inline).id, "to": aws_admin_policy.id, "kind": "attached_policy"}],
	),
}

stmt(actions) := {"sid": null, "effect": "Allow", "actions": actions, "notActions": [], "resources": ["*"], "notResources": [], "principals": [], "notPrincipals": [], "conditions": {}}

test_aws_instance_with_admin_role_is_denied_with_its_path if {
	results := check.deny with input as aws_world("0.0.0.0/0", [], true)
	count(results) == 1
	some r in results
	r.msg == "demo-web-01 is reachable from 0.0.0.0/0 on SSH (port 22) and runs as web-admin-instance-role, which has AdministratorAccess on account 111122223333"
	r.path == [
		{"node": "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1", "via": "protected_by"},
		{"node": aws_vm.id, "via": "runs_as"},
		{"node": "arn:aws:iam::111122223333:role/web-admin-instance-role", "via": "attached_policy"},
		{"node": "arn:aws:iam::aws:policy/AdministratorAccess"},
	]
}

test_aws_instance_with_escalation_role_is_denied if {
	results := check.deny with input as aws_world("0.0.0.0/0", [stmt(["iam:PassRole", "ec2:RunInstances"])], false)
	some r in results
	r.msg == "demo-web-01 is reachable from 0.0.0.0/0 on SSH (port 22) and runs as web-admin-instance-role, which has privilege escalation (iam:PassRole + ec2:RunInstances) on account 111122223333"
}

test_aws_near_misses_pass if {
	# Corporate range only, or a narrow role.
	count(check.deny) == 0 with input as aws_world("203.0.113.0/24", [], true)
	count(check.deny) == 0 with input as aws_world("0.0.0.0/0", [stmt(["s3:GetObject"])], false)
}
