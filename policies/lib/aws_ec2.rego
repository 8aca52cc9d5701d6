# METADATA
# title: AWS EC2 helpers
# description: >-
#   User-data secret findings of instances and launch templates (the collector keeps them masked:
#   first and last four characters) and the inventory access keys a leaked key id matches.
package cloudwarden.lib.aws_ec2

import data.cloudwarden.lib.aws_iam
import data.cloudwarden.lib.graph
import rego.v1

# Instances and launch templates whose user data had secret findings.
user_data_holders := [node |
	some kind in ["compute.instance", "compute.launch_template"]
	some node in graph.nodes_by_kind[kind]
	node.provider == "aws"
	count(aws_iam.array_or_empty(object.get(node.attrs, "userDataSecrets", []))) > 0
]

secrets(node) := aws_iam.array_or_empty(object.get(node.attrs, "userDataSecrets", []))

# Leaked AWS access key ids of a holder.
leaked_key_ids(node) := [finding | some finding in secrets(node); finding.detector == "aws-access-key-id"]

# Inventory keys a finding matches: same masked id (AKIA + last four characters), and the key id in
# the node id has the same shape.
matching_keys(finding) := [key |
	some key in aws_iam.keys_by_masked[finding.masked]
]

# Active matching keys, each with its user node.
active_matches(finding) := [{"key": key, "user": user} |
	some key in matching_keys(finding)
	key.attrs.active == true
	user := graph.node_by_id[key.attrs.userArn]
]

kind_names := {"compute.instance": "Instance", "compute.launch_template": "Launch template"}
