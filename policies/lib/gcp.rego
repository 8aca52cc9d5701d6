# METADATA
# title: GCP helpers
# description: GCP role and service-account facts shared by the gcp checks.
package cloudwarden.lib.gcp

import rego.v1

# Bucket roles that let the holder create, overwrite or delete objects, or change the bucket.
storage_write_roles := {
	"roles/editor",
	"roles/owner",
	"roles/storage.admin",
	"roles/storage.legacyBucketOwner",
	"roles/storage.legacyBucketWriter",
	"roles/storage.legacyObjectOwner",
	"roles/storage.objectAdmin",
	"roles/storage.objectCreator",
	"roles/storage.objectUser",
}

# Legacy ACL permissions that allow writing.
storage_write_acl_permissions := {"WRITER", "OWNER", "FULL_CONTROL", "WRITE"}

storage_write_grant(grant) if grant.role in storage_write_roles

storage_write_grant(grant) if {
	grant.source == "acl"
	grant.role in storage_write_acl_permissions
}

# The email of a `serviceAccount:` member.
sa_email(member_id) := substring(member_id, count("serviceAccount:"), -1) if startswith(member_id, "serviceAccount:")

# The Compute Engine default service account (PROJECT_NUMBER-compute@developer.gserviceaccount.com).
default_compute_sa(email) if regex.match(`^[0-9]+-compute@developer\.gserviceaccount\.com$`, email)

# The App Engine default service account (PROJECT_ID@appspot.gserviceaccount.com).
default_appengine_sa(email) if endswith(email, "@appspot.gserviceaccount.com")

default_sa(email) if default_compute_sa(email)

default_sa(email) if default_appengine_sa(email)

# Google-managed service agents: Google grants them their roles (the APIs service agent gets editor).
google_service_agent(email) if endswith(email, "@cloudservices.gserviceaccount.com")

google_service_agent(email) if regex.match(`^service-[0-9]+@[a-z0-9-]+\.iam\.gserviceaccount\.com$`, email)

google_service_agent(email) if endswith(email, ".google.com.iam.gserviceaccount.com")

# Resource-hierarchy scopes at which a grant reaches every resource below.
hierarchy_scopes := {"organization", "folder", "project"}
