# METADATA
# title: Check parameters
# description: >-
#   Thresholds and lists users may override with a data document at data.cloudwarden.params
#   (for example `opa eval -d params.json`); each read falls back to the check's default.
package cloudwarden.lib.params

import rego.v1

# The parameter `name`, or `fallback` when it is not set.
get(name, fallback) := value if {
	value := data.cloudwarden.params[name]
} else := fallback
