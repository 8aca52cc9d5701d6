/**
 * Pure: hits → leaks (one per distinct secret) → findings in the results shape, correlated with an
 * inventory snapshot when one is given.
 *
 * Severity rule for AWS access keys (the key id is matched to an `iam.access_key` node):
 *   leaked and active, owner holds admin or escalation rights → critical
 *   leaked and active                                         → high
 *   leaked but inactive, or not in the inventory (unknown)    → medium
 * GCP service-account key files are matched the same way (by `private_key_id`, the last part of the
 * key node's id; admin = an unconditional roles/owner or roles/editor binding) and get the same
 * rule, except that an unmatched one stays high (the file holds the private key itself).
 * Other kinds: Azure account keys and private keys high, SAS tokens and AWS secret keys found
 * without their key id medium, AWS documentation example keys info.
 *
 * No finding holds a secret: key ids appear masked (the matched key's resource id is the owner's ARN
 * + `/access-key/` + the masked id), secret values only as their fingerprint.
 */
import type { GraphEdge, GraphNode, JsonObject, Snapshot } from '../../graph/schema.js';
import { fingerprintOf } from '../../policy/fingerprint.js';
import { compareFindings } from '../../results/build-results.js';
import type { Finding, PathStep, PolicyInfo, Severity } from '../../results/schema.js';
import type { DetectorId } from '../detectors.js';
import { secretFingerprint } from '../detectors.js';
import { maskSecret } from '../mask.js';
import { gcpServiceAccountPrivilege, principalPrivilege, type PrivilegeVerdict } from './privilege.js';
import type { Leak, LeakHit, LeakLocation } from './types.js';

/** At most this many locations are listed in a finding's evidence (all are counted). */
export const MAX_EVIDENCE_LOCATIONS = 20;

const POLICY_BY_DETECTOR: Record<DetectorId, string> = {
  'aws-access-key-id': 'secrets.aws_access_key_leaked',
  'aws-secret-access-key': 'secrets.aws_secret_key_leaked',
  'azure-sas-token': 'secrets.azure_sas_token_leaked',
  'azure-storage-connection-string': 'secrets.azure_storage_key_leaked',
  'gcp-service-account-key': 'secrets.gcp_service_account_key_leaked',
  'private-key': 'secrets.private_key_leaked',
};
export const EXAMPLE_POLICY_ID = 'secrets.documentation_example_key';

const info = (id: string, title: string, description: string, severity: Severity, provider: PolicyInfo['provider'], kinds: PolicyInfo['resourceKinds'], actions: string[]): PolicyInfo => ({
  id,
  title,
  description,
  severity,
  resourceKinds: kinds,
  provider,
  recommendedActions: actions,
  frameworks: [],
  file: 'src/secrets/scan/findings.ts',
  package: 'builtin.secrets',
});

const PURGE = 'Remove the secret from the files, and from the git history if it was committed (git filter-repo), then force-push and ask clones to re-fetch.';

/** The checks `secrets scan` stands for, as they appear in results.json (default severity = the worst it can give). */
export const SECRET_POLICIES: readonly PolicyInfo[] = [
  info(EXAMPLE_POLICY_ID, "AWS documentation example key in files", "AWS's published example key (AKIAIOSFODNN7EXAMPLE and its secret) is in the scanned files. It is not a live credential; reported so nothing that looks like a key goes unexplained.", 'info', 'aws', [], ['Nothing to rotate; replace it with an obvious placeholder if it confuses other scanners.']),
  info(POLICY_BY_DETECTOR['aws-access-key-id'], 'AWS access key leaked in files or git history', 'An AWS access key id (and possibly its secret key) is in the scanned files or their git history. Matched against the IAM inventory: critical when the key is active and its owner can administer the account or escalate, high when active, medium when inactive or not in the inventory.', 'critical', 'aws', ['iam.access_key'], ['Deactivate the key now (iam update-access-key --status Inactive), check CloudTrail for its use since the leak, then delete it and issue a new one through a secrets manager.', PURGE]),
  info(POLICY_BY_DETECTOR['aws-secret-access-key'], 'AWS secret access key leaked without its key id', 'A value assigned as an AWS secret access key is in the scanned files; its key id was not found next to it, so it cannot be matched to the inventory.', 'medium', 'aws', [], ['Find the key it belongs to (the credentials file or variable it came from), deactivate and rotate it.', PURGE]),
  info(POLICY_BY_DETECTOR['gcp-service-account-key'], 'GCP service-account key file leaked', 'A GCP service-account JSON key (with its private key) is in the scanned files. Matched against the inventory by key id: critical when the key is active and the service account holds roles/owner or roles/editor, high when active or not in the inventory, medium when disabled or expired.', 'critical', 'gcp', [], ['Delete the key (gcloud iam service-accounts keys delete), check the audit logs for its use, and move the workload to workload identity or short-lived credentials.', PURGE]),
  info(POLICY_BY_DETECTOR['azure-storage-connection-string'], 'Azure storage account key leaked', 'An Azure storage connection string with its AccountKey is in the scanned files: full access to the storage account.', 'high', 'azure', [], ['Rotate the storage account key (az storage account keys renew), then use managed identities or user-delegation SAS instead of account keys.', PURGE]),
  info(POLICY_BY_DETECTOR['azure-sas-token'], 'Azure SAS token leaked', 'A shared access signature (sig= with sv=/se=) is in the scanned files; it grants what it was signed for until it expires.', 'medium', 'azure', [], ['Rotate the account key that signed it (or revoke the stored access policy), and prefer short-lived user-delegation SAS.', PURGE]),
  info(POLICY_BY_DETECTOR['private-key'], 'Private key leaked', 'A PEM private key is in the scanned files.', 'high', 'common', [], ['Treat the key pair as compromised: replace it wherever its public key is trusted (authorized_keys, TLS certificates, signing).', PURGE]),
];
const POLICY_INFO = new Map(SECRET_POLICIES.map((p) => [p.id, p]));

const locationOrder = (a: LeakLocation, b: LeakLocation): number =>
  (a.commit === null ? 0 : 1) - (b.commit === null ? 0 : 1) ||
  (a.authorDate ?? '').localeCompare(b.authorDate ?? '') ||
  a.file.localeCompare(b.file) ||
  a.line - b.line ||
  (a.commit ?? '').localeCompare(b.commit ?? '');

/**
 * Distinct secrets. AWS secret keys found next to a key id fold into that key's leak (one finding
 * per key pair); allowed hits are left out (the caller lists them separately).
 */
export function groupLeaks(hits: readonly LeakHit[]): Leak[] {
  const open = hits.filter((h) => h.allowed === null);
  const idAt = new Set(open.filter((h) => h.detector === 'aws-access-key-id' && h.pairedSecret).map((h) => `${h.location.commit ?? ''}\u0000${h.location.file}`));
  const byKey = new Map<string, Leak>();
  for (const h of open) {
    // A secret key beside a key id in the same file (and commit) belongs to that key's finding.
    if (h.detector === 'aws-secret-access-key' && idAt.has(`${h.location.commit ?? ''}\u0000${h.location.file}`)) continue;
    const key = `${h.detector}\u0000${h.fingerprint}`;
    let leak = byKey.get(key);
    if (!leak) {
      leak = { detector: h.detector, masked: h.masked, fingerprint: h.fingerprint, example: h.example, locations: [], secretExposed: false };
      byKey.set(key, leak);
    }
    if (!leak.locations.some((l) => l.file === h.location.file && l.line === h.location.line && l.commit === h.location.commit)) leak.locations.push(h.location);
    if (h.pairedSecret) leak.secretExposed = true;
  }
  const leaks = [...byKey.values()];
  for (const l of leaks) l.locations.sort(locationOrder);
  return leaks.sort((a, b) => a.detector.localeCompare(b.detector) || a.fingerprint.localeCompare(b.fingerprint));
}

/** An access key of the inventory, by the fingerprint of its id. */
export interface InventoryKey {
  node: GraphNode;
  principal: GraphNode | null;
  privilege: PrivilegeVerdict | null;
  /** How the owner's rights were decided: the policy pack's Rego helpers, or the statements read directly. */
  privilegeSource: PrivilegeSource;
}

/** `rego`: `data.cloudwarden.lib.aws_iam` (admin_entries, escalations); `statements`: `privilege.ts`. */
export type PrivilegeSource = 'rego' | 'statements';

/**
 * Indexes a snapshot's AWS access keys by `secretFingerprint(key id)`. The AWS collector keeps the
 * full key id as the last part of the node id (`<user ARN>/access-key/<key id>`, AWS's own id for
 * the key), so no hash needs recording in the snapshot; a node may also carry `attrs.keyIdSha256`
 * (hex SHA-256 of the id), matched on its prefix, for inventories that keep only a hash.
 */
export function indexInventory(snapshot: Pick<Snapshot, 'nodes' | 'edges'>, fromRego: ReadonlyMap<string, PrivilegeVerdict> | null = null): Map<string, InventoryKey> {
  const nodes = new Map<string, GraphNode>();
  for (const n of snapshot.nodes) nodes.set(n.id, n);
  const edgesFrom = new Map<string, GraphEdge[]>();
  const ownerOf = new Map<string, string>();
  for (const e of snapshot.edges) {
    let list = edgesFrom.get(e.from);
    if (!list) edgesFrom.set(e.from, (list = []));
    list.push(e);
    if (e.kind === 'has_key') ownerOf.set(e.to, e.from);
  }
  const out = new Map<string, InventoryKey>();
  const privileges = new Map<string, PrivilegeVerdict>();
  // GCP service-account keys: node id `…/serviceAccounts/<id>/keys/<private_key_id>`, rights from bindings.
  const bindingsByPrincipal = new Map<string, GraphNode[]>();
  for (const n of snapshot.nodes) {
    if (n.kind !== 'iam.binding' || n.provider !== 'gcp' || !Array.isArray(n.attrs.members)) continue;
    for (const m of n.attrs.members) {
      if (typeof m.principalId !== 'string') continue;
      let list = bindingsByPrincipal.get(m.principalId);
      if (!list) bindingsByPrincipal.set(m.principalId, (list = []));
      list.push(n);
    }
  }
  for (const n of snapshot.nodes) {
    if (n.kind !== 'iam.access_key' || n.provider !== 'gcp') continue;
    const keyId = /\/keys\/([0-9a-f]{40})$/.exec(n.id)?.[1];
    if (keyId === undefined) continue;
    const ownerId = ownerOf.get(n.id) ?? (typeof n.attrs.serviceAccountId === 'string' ? n.attrs.serviceAccountId : undefined);
    const principal = ownerId !== undefined ? (nodes.get(ownerId) ?? null) : null;
    const privilege = principal ? gcpServiceAccountPrivilege(principal, bindingsByPrincipal) : null;
    out.set(secretFingerprint(keyId), { node: n, principal, privilege, privilegeSource: 'statements' });
  }
  for (const n of snapshot.nodes) {
    if (n.kind !== 'iam.access_key' || n.provider !== 'aws') continue;
    const keyId = /\/access-key\/((?:AKIA|ASIA)[A-Z2-7]{16})$/.exec(n.id)?.[1];
    const hashed = typeof n.attrs.keyIdSha256 === 'string' && /^[0-9a-f]{24,64}$/.test(n.attrs.keyIdSha256) ? n.attrs.keyIdSha256.slice(0, secretFingerprint('').length) : undefined;
    const fp = keyId !== undefined ? secretFingerprint(keyId) : hashed;
    if (fp === undefined) continue;
    const ownerId = ownerOf.get(n.id) ?? (typeof n.attrs.userArn === 'string' ? n.attrs.userArn : undefined);
    const principal = ownerId !== undefined ? (nodes.get(ownerId) ?? null) : null;
    let privilege: PrivilegeVerdict | null = null;
    if (principal) {
      privilege = fromRego !== null ? (fromRego.get(principal.id) ?? { level: 'none', action: null, grantedBy: null, path: [{ nodeId: principal.id, via: null }] }) : (privileges.get(principal.id) ?? principalPrivilege(principal, nodes, edgesFrom));
      privileges.set(principal.id, privilege);
    }
    out.set(fp, { node: n, principal, privilege, privilegeSource: fromRego !== null ? 'rego' : 'statements' });
  }
  return out;
}

export type KeyStatus = 'active' | 'inactive' | 'unknown';

/** The severity rule for a leaked AWS access key. */
export function awsKeySeverity(status: KeyStatus, privileged: boolean): Severity {
  if (status === 'active') return privileged ? 'critical' : 'high';
  return 'medium';
}

const where = (l: LeakLocation): string => `${l.file}:${l.line}${l.commit !== null ? ` (commit ${l.commit.slice(0, 12)})` : ''}`;

function locationEvidence(leak: Leak): JsonObject {
  return {
    locations: leak.locations.slice(0, MAX_EVIDENCE_LOCATIONS).map((l) => ({ file: l.file, line: l.line, commit: l.commit, authorDate: l.authorDate })),
    locationCount: leak.locations.length,
    inGitHistoryOnly: leak.locations.every((l) => l.commit !== null),
  };
}

/** The key node's id with its last part (the key id) masked. */
const maskedResource = (keyNodeId: string): string => {
  const i = keyNodeId.lastIndexOf('/');
  return i < 0 ? maskSecret(keyNodeId) : `${keyNodeId.slice(0, i + 1)}${maskSecret(keyNodeId.slice(i + 1))}`;
};

/** One finding per leak. `inventory` is null when no snapshot was given (AWS keys are then `unknown`). */
export function leakFindings(leaks: readonly Leak[], inventory: ReadonlyMap<string, InventoryKey> | null): Finding[] {
  return leaks.map((leak) => leakFinding(leak, inventory)).sort(compareFindings);
}

function leakFinding(leak: Leak, inventory: ReadonlyMap<string, InventoryKey> | null): Finding {
  const first = leak.locations[0] ?? { file: '?', line: 0, commit: null, authorDate: null };
  const policyId = leak.example ? EXAMPLE_POLICY_ID : POLICY_BY_DETECTOR[leak.detector];
  const policy = POLICY_INFO.get(policyId);
  const more = leak.locations.length > 1 ? ` and ${leak.locations.length - 1} more place${leak.locations.length > 2 ? 's' : ''}` : '';
  const base: Finding = {
    fingerprint: fingerprintOf(policyId, leak.detector, leak.fingerprint),
    policyId,
    title: policy?.title ?? policyId,
    severity: policy?.severity ?? 'high',
    message: '',
    resourceId: first.commit !== null ? `${first.file}@${first.commit.slice(0, 12)}` : first.file,
    resourceKind: null,
    resourceName: leak.masked,
    provider: policy && policy.provider !== 'common' ? policy.provider : null,
    account: null,
    region: null,
    discriminator: leak.fingerprint,
    evidence: null,
    path: null,
    frameworks: [],
    recommendedActions: policy?.recommendedActions ?? [],
    suppressed: null,
    baseline: null,
    firstSeen: null,
  };
  const evidence: JsonObject = { detector: leak.detector, masked: leak.masked, secretFingerprint: leak.fingerprint, ...locationEvidence(leak) };
  if (leak.example) {
    return { ...base, severity: 'info', evidence: { ...evidence, example: true }, message: `AWS documentation example key ${leak.masked} in ${where(first)}${more} (not a live credential)` };
  }
  const provider = leak.detector === 'aws-access-key-id' ? 'aws' : leak.detector === 'gcp-service-account-key' ? 'gcp' : null;
  if (provider === null) {
    return { ...base, evidence, message: `${policy?.title ?? leak.detector}: ${leak.masked} in ${where(first)}${more}` };
  }
  const found = inventory?.get(leak.fingerprint) ?? null;
  const match = found !== null && found.node.provider === provider ? found : null;
  const status: KeyStatus = match === null ? 'unknown' : match.node.attrs.active === true ? 'active' : match.node.attrs.active === false ? 'inactive' : 'unknown';
  const privilege = match?.privilege ?? null;
  const privileged = privilege !== null && privilege.level !== 'none';
  // GCP key files hold the private key itself: without an inventory match they stay high.
  const severity: Severity = provider === 'gcp' && match === null ? 'high' : awsKeySeverity(status, privileged);
  const keyEvidence: JsonObject = {
    ...evidence,
    maskedKeyId: leak.masked,
    secretKeyExposed: provider === 'gcp' ? true : leak.secretExposed,
    inventoryChecked: inventory !== null,
    keyStatus: status,
    matchedPrincipal: match?.principal?.id ?? null,
    keyLastUsedAt: match ? (typeof match.node.attrs.lastUsedAt === 'string' ? match.node.attrs.lastUsedAt : null) : null,
    privilege: privilege?.level ?? null,
    privilegeAction: privilege?.action ?? null,
    privilegeGrantedBy: privilege?.grantedBy ?? null,
    privilegeSource: match ? match.privilegeSource : null,
  };
  const secretNote = provider === 'aws' && leak.secretExposed ? ' with its secret key' : '';
  const what = provider === 'aws' ? 'AWS access key' : 'GCP service-account key';
  if (match === null) {
    const why = inventory === null ? 'no inventory snapshot given' : 'not in the inventory snapshot';
    return { ...base, severity, evidence: keyEvidence, message: `${what} ${leak.masked}${secretNote} in ${where(first)}${more} (${why}: status unknown)` };
  }
  const keyId = maskedResource(match.node.id);
  const path: PathStep[] | null = match.principal
    ? [{ nodeId: keyId, via: 'has_key' }, ...(privileged && privilege ? privilege.path : [{ nodeId: match.principal.id, via: null }])]
    : null;
  const owner = match.principal?.id ?? 'an unknown owner';
  const rights = privilege?.level === 'admin' ? `, which administers the ${provider === 'aws' ? 'account' : 'scope'} (${privilege.action} via ${privilege.grantedBy})` : privilege?.level === 'escalation' ? `, which can escalate its privileges (${privilege.action} via ${privilege.grantedBy})` : '';
  return {
    ...base,
    severity,
    resourceId: keyId,
    resourceKind: 'iam.access_key',
    provider,
    account: match.node.account,
    region: match.node.region,
    evidence: keyEvidence,
    path: path === null ? null : fixVia(path),
    message: `${status === 'active' ? 'Active' : status === 'inactive' ? 'Inactive' : 'Status-unknown'} ${what} ${leak.masked} of ${owner}${rights} is exposed${secretNote} in ${where(first)}${more}`,
  };
}

/** The last step of a path has no outgoing edge. */
function fixVia(path: PathStep[]): PathStep[] {
  return path.map((s, i) => (i === path.length - 1 ? { ...s, via: null } : s));
}
