/**
 * The built-in security checks over the GCP, Azure and libvirt demo worlds, imported offline, compared
 * with findings written out by hand from the worlds' SEEDED.md files:
 *
 * - every security item SEEDED.md marks BAD is found (cost items — orphaned disks and volumes, old
 *   snapshots, unused addresses, stopped or oversized VMs — belong to the cost rules, not to policies);
 * - no item SEEDED.md marks SAFE gets a finding of the concept it is deceptive about. A few SAFE items
 *   do get low-severity hardening findings on facts SEEDED.md does not discuss (an Azure account's
 *   network default action, a GCP bucket's usage logging): those are listed in SAFE_HARDENING with
 *   the reason, so that any other finding on a SAFE item fails the test;
 * - nothing else is reported: the expected list is the exact set of (policy, resource) pairs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoFindingsTests, findingKeys, key } from './demo-findings-helpers.js';
import { importAzureJson } from '../../src/collectors/azure/index.js';
import { importGcpAssets } from '../../src/collectors/gcp/index.js';
import { importLibvirtXml } from '../../src/collectors/libvirt/index.js';
import { assembleSnapshot } from '../../src/graph/assemble.js';
import type { Snapshot } from '../../src/graph/schema.js';
import { evaluateChecks } from '../../src/policy/evaluate-checks.js';
import { BUILTIN_POLICY_DIR, loadPolicies } from '../../src/policy/load-policies.js';

/** The worlds' date (SEEDED.md): key ages count from it. */
const WORLD_DATE = new Date('2026-11-20T00:00:00Z');

// GCP id shorthands, as in fixtures/worlds/demo/gcp/SEEDED.md.
const P = '//cloudresourcemanager.googleapis.com/projects/500000000001';
const D = '//cloudresourcemanager.googleapis.com/projects/500000000002';
const CP = '//compute.googleapis.com/projects/demo-prod';
const CD = '//compute.googleapis.com/projects/demo-dev';
const B = '//storage.googleapis.com/projects/_/buckets/';
const SA = '//iam.googleapis.com/projects/demo-prod/serviceAccounts/';
const SA_DEV = '//iam.googleapis.com/projects/demo-dev/serviceAccounts/';

// Azure id shorthands, as in fixtures/worlds/demo/azure/SEEDED.md.
const PROD = '/subscriptions/a1b2c3d4-0000-4000-8000-00000000d001';
const SANDBOX = '/subscriptions/a1b2c3d4-0000-4000-8000-00000000d002';
const RG = `${PROD}/resourcegroups/`;
const container = (rg: string, account: string, name: string, sub = PROD): string =>
  `${sub}/resourcegroups/${rg}/providers/microsoft.storage/storageaccounts/${account}/blobservices/default/containers/${name}`;
const assignment = (n: string, sub = PROD): string => `${sub}/providers/microsoft.authorization/roleassignments/f0f0f0f0-0000-4000-8000-0000000000${n}`;
const nsg = (rg: string, name: string): string => `${RG}${rg}/providers/microsoft.network/networksecuritygroups/${name}`;
const vm = (rg: string, name: string): string => `${RG}${rg}/providers/microsoft.compute/virtualmachines/${name}`;

const LV = 'libvirt://kvm-demo-01/domain/';

type Expected = [policyId: string, resourceId: string, why: string];

const EXPECTED: Expected[] = [
  // GCP: Cloud Storage
  ['gcp.storage.bucket_public_read', `${B}demo-prod-public-site`, 'objectViewer → allUsers, prevention inherited'],
  ['gcp.storage.public_access_prevention_not_enforced', `${B}demo-prod-public-site`, 'public binding, prevention inherited'],
  ['gcp.storage.bucket_public_read', `${B}demo-prod-partner-drop`, 'objectViewer → allAuthenticatedUsers'],
  ['gcp.storage.public_access_prevention_not_enforced', `${B}demo-prod-partner-drop`, 'public binding, prevention inherited'],
  ['gcp.storage.uniform_bucket_level_access_disabled', `${B}demo-dev-scratch`, 'fine-grained ACLs'],
  ['gcp.storage.bucket_versioning_disabled', `${B}demo-dev-scratch`, 'no versioning'],
  ['gcp.storage.bucket_access_logging_disabled', `${B}demo-dev-scratch`, 'no logging'],
  ['gcp.storage.bucket_versioning_disabled', `${B}demo-prod-public-site`, 'hardening: no versioning'],
  ['gcp.storage.bucket_access_logging_disabled', `${B}demo-prod-public-site`, 'hardening: no logging'],
  ['gcp.storage.bucket_versioning_disabled', `${B}demo-prod-partner-drop`, 'hardening: no versioning'],
  ['gcp.storage.bucket_access_logging_disabled', `${B}demo-prod-partner-drop`, 'hardening: no logging'],
  ['gcp.storage.bucket_versioning_disabled', `${B}demo-prod-vendor-share`, 'Info item; hardening: no versioning'],
  ['gcp.storage.bucket_access_logging_disabled', `${B}demo-prod-vendor-share`, 'Info item; hardening: no logging'],
  ['gcp.storage.bucket_access_logging_disabled', `${B}demo-prod-blocked-public`, 'SAFE for public access; hardening: no logging (see SAFE_HARDENING)'],
  // GCP: IAM
  ['gcp.iam.basic_role_granted_to_user', `${P}/iamBindings/roles/owner`, 'user:cto with owner'],
  ['gcp.iam.basic_role_granted_to_user', `${P}/iamBindings/roles/editor`, 'user:dev-lead with editor'],
  ['gcp.iam.service_account_admin_privileges', `${P}/iamBindings/roles/editor`, 'ci-deployer with editor (not the Google APIs service agent)'],
  ['gcp.iam.default_service_account_editor', `${P}/iamBindings/roles/editor`, 'Compute Engine default service account with editor'],
  ['gcp.iam.external_member', `${P}/iamBindings/roles/viewer`, 'user:consultant@outside-consulting.example (not group:sre)'],
  ['gcp.iam.public_principal_on_resource_hierarchy', `${D}/iamBindings/roles/viewer`, 'allUsers on demo-dev'],
  ['gcp.iam.basic_role_granted_to_user', `${D}/iamBindings/roles/editor`, 'user:dev1 with editor'],
  // GCP: service accounts and keys
  ['gcp.iam.service_account_key_not_rotated', `${SA}105000000000000000001/keys/a1c4e7f0b3d6a9c2e5f8b1d4a7c0e3f6b9d2a5c8`, 'ci-deployer key, 430 days'],
  ['gcp.iam.service_account_key_not_rotated', `${SA}105000000000000000002/keys/b2d5f8a1c4e7b0d3f6a9c2e5b8d1f4a7c0e3b6d9`, 'terraform key, 202 days'],
  ['gcp.iam.service_account_key_not_rotated', `${SA_DEV}106000000000000000001/keys/e5a8c1f4b7d0e3a6c9f2b5d8e1a4c7f0b3d6e9a2`, 'dev-app key, 141 days'],
  ['gcp.iam.disabled_service_account_key_kept', `${SA}105000000000000000004/keys/d4f7b0e3a6c9d2f5b8e1a4c7d0f3b6e9a2c5d8f1`, 'SAFE for rotation (disabled); hygiene: delete it (see SAFE_HARDENING)'],
  ['gcp.iam.service_account_user_managed_key', `${SA}105000000000000000001`, 'ci-deployer has a user-managed key'],
  ['gcp.iam.service_account_user_managed_key', `${SA}105000000000000000002`, 'terraform has a user-managed key'],
  ['gcp.iam.service_account_user_managed_key', `${SA}105000000000000000003`, 'reporting has a (recent) user-managed key: CIS 1.4 is about having one at all'],
  ['gcp.iam.service_account_user_managed_key', `${SA_DEV}106000000000000000001`, 'dev-app has a user-managed key'],
  // GCP: network and compute
  ['common.network.admin_port_open_to_world', `${CP}/global/firewalls/prod-allow-ssh-world`, 'TCP 22 from 0.0.0.0/0'],
  ['common.network.admin_port_open_to_world', `${CP}/global/firewalls/prod-allow-rdp-world`, 'TCP 3389 from 0.0.0.0/0'],
  ['common.network.public_instance_exposed', `${CP}/zones/us-central1-a/instances/web-1`, 'public IP, SSH from anywhere (target tag ssh)'],
  ['common.network.public_instance_exposed', `${CP}/zones/us-central1-f/instances/windows-jump`, 'public IP, RDP from anywhere (target tag windows)'],
  ['common.compute.internet_exposed_instance_with_admin_identity', `${CP}/zones/us-central1-a/instances/web-1`, 'exposed, runs as the default SA (project editor) with cloud-platform'],
  ['common.compute.internet_exposed_instance_with_admin_identity', `${CP}/zones/us-central1-f/instances/windows-jump`, 'exposed (RDP), same default SA and scope'],
  ['gcp.compute.instance_default_service_account_full_api_access', `${CP}/zones/us-central1-a/instances/web-1`, 'default SA + cloud-platform'],
  ['gcp.compute.instance_default_service_account_full_api_access', `${CP}/zones/us-central1-f/instances/windows-jump`, 'default SA + cloud-platform'],
  ['gcp.compute.instance_default_service_account_full_api_access', `${CP}/zones/us-central1-a/instances/old-reporting`, 'default SA + cloud-platform'],
  ['gcp.compute.instance_default_service_account', `${CP}/zones/us-central1-a/instances/web-1`, 'default SA'],
  ['gcp.compute.instance_default_service_account', `${CP}/zones/us-central1-f/instances/windows-jump`, 'default SA'],
  ['gcp.compute.instance_default_service_account', `${CP}/zones/us-central1-a/instances/old-reporting`, 'default SA'],
  ['gcp.compute.instance_default_service_account', `${CP}/zones/us-central1-b/instances/web-mig-7k2p`, 'Info item; default SA (limited scopes)'],
  ['gcp.compute.instance_default_service_account', `${CP}/zones/us-central1-b/instances/web-mig-x9q4`, 'Info item; default SA (limited scopes)'],
  ['gcp.compute.instance_public_ip', `${CP}/zones/us-central1-a/instances/web-1`, 'external IP'],
  ['gcp.compute.instance_public_ip', `${CP}/zones/us-central1-f/instances/windows-jump`, 'external IP'],
  ['gcp.compute.instance_public_ip', `${CD}/zones/europe-west1-b/instances/dev-sandbox`, 'Info item: external IP (SSH only via IAP, so no exposure finding)'],

  // Azure: storage
  ['azure.storage.container_public_access', container('rg-demo-web', 'demopublicweb', 'site-assets'), 'account allows, container level'],
  ['azure.storage.container_public_access', container('rg-demo-web', 'demopublicweb', 'downloads'), 'account allows, blob level'],
  ['azure.storage.minimum_tls_below_1_2', container('rg-demo-data', 'demotls10ingest', 'ingest'), 'TLS1_0'],
  ['azure.storage.https_only_disabled', container('rg-demo-data', 'demotls10ingest', 'ingest'), 'HTTP allowed'],
  ['azure.storage.account_allows_blob_public_access', container('rg-demo-data', 'demoallowednone', 'backups'), 'SAFE for public container; the switch alone, low (see SAFE_HARDENING)'],
  ['azure.storage.network_default_action_allow', container('rg-demo-web', 'demopublicweb', 'downloads'), 'hardening: default action Allow (one per account)'],
  ['azure.storage.network_default_action_allow', container('rg-demo-data', 'demotls10ingest', 'ingest'), 'hardening: default action Allow'],
  ['azure.storage.network_default_action_allow', container('rg-demo-data', 'demoallowednone', 'backups'), 'hardening (see SAFE_HARDENING)'],
  ['azure.storage.network_default_action_allow', container('rg-demo-web', 'demolockedlegacy', 'legacy-cdn'), 'hardening (see SAFE_HARDENING)'],
  ['azure.storage.network_default_action_allow', container('rg-sandbox', 'sandboxscratch', 'tmp', SANDBOX), 'hardening (see SAFE_HARDENING)'],
  // Azure: IAM
  ['azure.iam.admin_role_for_user_at_subscription', assignment('01'), 'alice Owner on demo-prod'],
  ['azure.iam.admin_role_for_guest_at_subscription', assignment('02'), 'guest mallory Owner'],
  ['azure.iam.admin_role_for_service_principal_at_subscription', assignment('03'), 'ci-pipeline Contributor'],
  ['azure.iam.admin_role_for_user_at_subscription', assignment('04'), 'group with the custom "*" role'],
  ['azure.iam.custom_role_wildcard_actions', `${PROD}/providers/microsoft.authorization/roledefinitions/c0c0c0c0-0000-4000-8000-00000000a11a`, 'Demo Ops Anything'],
  ['azure.iam.admin_role_for_user_at_subscription', assignment('11', SANDBOX), 'alice Owner on demo-sandbox'],
  // Azure: network
  ['common.network.admin_port_open_to_world', nsg('rg-demo-web', 'nsg-ssh-open-star'), 'TCP 22 from *'],
  ['azure.network.nsg_inbound_from_any_source', nsg('rg-demo-web', 'nsg-ssh-open-star'), 'TCP 22 from *'],
  ['common.network.admin_port_open_to_world', nsg('rg-demo-ops', 'nsg-rdp-internet'), 'TCP 3389 from Internet'],
  ['common.network.admin_port_open_to_world', nsg('rg-demo-ops', 'nsg-mgmt-any-cidr'), 'TCP 22 and 3389 from 0.0.0.0/0'],
  ['common.network.public_instance_exposed', vm('rg-demo-web', 'vm-web-01'), 'public IP 20.50.10.11, SSH from *'],
  ['common.network.public_instance_exposed', vm('rg-demo-ops', 'vm-rdp-jump'), 'public IP 20.50.10.12, RDP from Internet'],

  // libvirt
  ['libvirt.graphics.console_open_without_password', `${LV}b1d0c9e2-4a7f-4c35-8e12-6f9a3b5d7403`, 'build-runner-01: VNC on 0.0.0.0, no password'],
];

/** SAFE items (SEEDED.md) and the only findings they may get, each a hardening fact SEEDED.md does not call safe. */
const SAFE_HARDENING: Record<string, { allowed: Record<string, string> }> = {
  [`${B}demo-prod-private-audit`]: { allowed: {} },
  [`${B}demo-prod-blocked-public`]: { allowed: { 'gcp.storage.bucket_access_logging_disabled': 'SAFE because prevention blocks its allUsers binding; it does log nothing' } },
  [`${P}/iamBindings/roles/compute.admin/conditions/d0a6bc322aed`]: { allowed: {} },
  [`${SA}105000000000000000003/keys/c3e6a9d2f5b8c1e4a7d0f3b6c9e2a5d8f1b4c7e0`]: { allowed: {} },
  [`${SA}105000000000000000004/keys/d4f7b0e3a6c9d2f5b8e1a4c7d0f3b6e9a2c5d8f1`]: {
    allowed: { 'gcp.iam.disabled_service_account_key_kept': 'SAFE for rotation (disabled); a disabled old key should still be deleted (low)' },
  },
  [`${CP}/global/firewalls/prod-allow-ssh-corp`]: { allowed: {} },
  [`${CP}/global/firewalls/prod-allow-egress-all`]: { allowed: {} },
  [`${CP}/global/firewalls/prod-allow-https-lb`]: { allowed: {} },
  [`${CP}/global/firewalls/prod-legacy-open-disabled`]: { allowed: {} },
  [`${CP}/global/firewalls/prod-deny-telnet`]: { allowed: {} },
  [`${CD}/global/firewalls/dev-allow-internal`]: { allowed: {} },
  [`${CD}/global/firewalls/dev-allow-ssh-iap`]: { allowed: {} },
  [`${CD}/zones/europe-west1-b/instances/dev-sandbox`]: { allowed: { 'gcp.compute.instance_public_ip': 'Info: it has an external IP (CIS 4.9); not exposed' } },
  [container('rg-demo-data', 'demoallowednone', 'reports')]: { allowed: {} },
  [container('rg-demo-data', 'demoallowednone', 'backups')]: {
    allowed: {
      'azure.storage.account_allows_blob_public_access': 'the account switch alone (low, CIS 3.17); not a public container',
      'azure.storage.network_default_action_allow': 'default action Allow (CIS 3.8), not discussed by SEEDED.md',
    },
  },
  [container('rg-demo-web', 'demolockedlegacy', 'legacy-cdn')]: { allowed: { 'azure.storage.network_default_action_allow': 'default action Allow (CIS 3.8)' } },
  [container('rg-demo-data', 'demoprivatepii', 'pii-exports')]: { allowed: {} },
  [container('rg-sandbox', 'sandboxscratch', 'tmp', SANDBOX)]: { allowed: { 'azure.storage.network_default_action_allow': 'default action Allow (CIS 3.8)' } },
  [`${PROD}/providers/microsoft.authorization/roledefinitions/c0c0c0c0-0000-4000-8000-00000000b22b`]: { allowed: {} },
  [`${RG}rg-demo-ops/providers/microsoft.authorization/roleassignments/f0f0f0f0-0000-4000-8000-000000000006`]: { allowed: {} },
  [assignment('05')]: { allowed: {} },
  [`${RG}rg-demo-web/providers/microsoft.authorization/roleassignments/f0f0f0f0-0000-4000-8000-000000000007`]: { allowed: {} },
  [nsg('rg-demo-ops', 'nsg-bastion-corp')]: { allowed: {} },
  [`${RG}rg-demo-data/providers/microsoft.network/networksecuritygroups/nsg-deny-ssh-internet`]: { allowed: {} },
  [vm('rg-demo-ops', 'vm-mgmt-01')]: { allowed: {} },
  [`${LV}3f2a1c0e-7b4d-4e8a-9c61-0d5e2b7a9101`]: { allowed: {} },
  [`${LV}8c4e2a17-5d3b-4f60-a1c9-2e7b90d4c302`]: { allowed: {} },
  [`${LV}b1d0c9e2-4a7f-4c35-8e12-6f9a3b5d7404`]: { allowed: {} },
  [`${LV}5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f70706`]: { allowed: {} },
};

async function demoSnapshot(): Promise<Snapshot> {
  const [gcp, azure, libvirt] = await Promise.all([
    importGcpAssets(['fixtures/worlds/demo/gcp'], { orgDomains: ['democorp.example'] }),
    importAzureJson('fixtures/worlds/demo/azure', { tenantDomains: ['contoso.example'] }),
    importLibvirtXml('fixtures/worlds/demo/libvirt/node.xml', { host: 'kvm-demo-01' }),
  ]);
  return assembleSnapshot({
    tool: { name: 'cloudwarden', version: 'test' },
    startedAt: WORLD_DATE.toISOString(),
    finishedAt: WORLD_DATE.toISOString(),
    scope: { providers: ['gcp', 'azure', 'libvirt'], accounts: [], regions: [] },
    fragments: [gcp, azure, libvirt],
    coverage: [],
  });
}

const snapshot = await demoSnapshot();
const policies = await loadPolicies([BUILTIN_POLICY_DIR]);
const evaluation = evaluateChecks(policies, snapshot, { now: WORLD_DATE });
const found = findingKeys(evaluation.findings);

demoFindingsTests({
  label: 'GCP, Azure and libvirt',
  snapshot,
  policies,
  evaluation,
  findings: evaluation.findings,
  expected: EXPECTED,
  safeAllowed: Object.fromEntries(Object.entries(SAFE_HARDENING).map(([id, { allowed }]) => [id, allowed])),
});

test('deceptive members of bad bindings are not reported', () => {
  const members = (policyId: string, resourceId: string): string[] =>
    evaluation.findings.filter((f) => f.policyId === policyId && f.resourceId === resourceId).map((f) => f.discriminator ?? '');
  const editors = `${P}/iamBindings/roles/editor`;
  // The Google APIs service agent holds editor by default: no check names it.
  for (const f of evaluation.findings.filter((x) => x.resourceId === editors)) {
    assert.notEqual(f.discriminator, 'serviceAccount:500000000001@cloudservices.gserviceaccount.com', f.policyId);
  }
  assert.deepEqual(members('gcp.iam.basic_role_granted_to_user', editors), ['user:dev-lead@democorp.example']);
  assert.deepEqual(members('gcp.iam.external_member', `${P}/iamBindings/roles/viewer`), ['user:consultant@outside-consulting.example']);
  // nsg-ssh-open-star's 443 from Internet is a web server (Info): only port 22 is reported.
  assert.deepEqual(members('common.network.admin_port_open_to_world', nsg('rg-demo-web', 'nsg-ssh-open-star')), ['22/*']);
});

test('toxic combinations carry their graph path through real nodes', () => {
  const ids = new Set(snapshot.nodes.map((n) => n.id));
  const web1 = evaluation.findings.find(
    (f) => f.policyId === 'common.compute.internet_exposed_instance_with_admin_identity' && f.resourceId === `${CP}/zones/us-central1-a/instances/web-1`,
  );
  assert.ok(web1?.path);
  assert.deepEqual(
    web1.path.map((s) => [s.nodeId, s.via]),
    [
      [`${CP}/global/firewalls/prod-allow-ssh-world`, 'protected_by'],
      [`${CP}/zones/us-central1-a/instances/web-1`, 'runs_as'],
      [`${SA}105000000000000000005`, 'member_of'],
      [`${P}/iamBindings/roles/editor`, null],
    ],
  );
  for (const f of evaluation.findings) for (const step of f.path ?? []) assert.ok(ids.has(step.nodeId), `${f.policyId}: ${step.nodeId}`);
  // vm-web-01 is exposed but runs as an identity with Reader on one resource group: no toxic finding.
  assert.ok(!found.has(key('common.compute.internet_exposed_instance_with_admin_identity', vm('rg-demo-web', 'vm-web-01'))));
});

test('facts the demo worlds cannot provide', { todo: 'libvirt autostart: the test-driver node.xml cannot set it and the offline import leaves it null, so libvirt.compute.autostart_domain_shut_off has no demo item (covered by its Rego tests)' }, () => {
  assert.ok(snapshot.nodes.every((n) => n.provider !== 'libvirt' || n.kind !== 'compute.instance' || n.attrs.autostart === null));
});
