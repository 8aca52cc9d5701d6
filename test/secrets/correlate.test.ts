import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { awsKeySeverity, awsPrivileges, groupLeaks, indexInventory, leakFindings, scanText } from '../../src/secrets/scan/index.js';
import { secretFingerprint } from '../../src/secrets/index.js';
import type { Snapshot } from '../../src/graph/schema.js';
import { assertNoSecret, fakeAwsKeyId, fakeAwsSecret, fakeGcpKeyFile } from './fake-keys.js';
import { ACCOUNT, inventorySnapshot, KEYS, type UserName } from './inventory.js';

function findingFor(keyId: string, withSecret = false, snapshot = inventorySnapshot()) {
  const text = `AWS_ACCESS_KEY_ID=${keyId}\n${withSecret ? `AWS_SECRET_ACCESS_KEY=${fakeAwsSecret(keyId)}\n` : ''}`;
  const hits = scanText(text, { file: 'deploy/.env', commit: null, authorDate: null }, []);
  const findings = leakFindings(groupLeaks(hits), indexInventory(snapshot));
  assert.equal(findings.length, 1, 'one finding per key (the secret folds into it)');
  return findings[0]!;
}

test('the severity rule: active + admin/escalation critical, active high, inactive or unknown medium', () => {
  assert.equal(awsKeySeverity('active', true), 'critical');
  assert.equal(awsKeySeverity('active', false), 'high');
  assert.equal(awsKeySeverity('inactive', true), 'medium');
  assert.equal(awsKeySeverity('unknown', true), 'medium');
});

test('the inventory is indexed by the fingerprint of the key id the collector keeps in the node id', () => {
  const index = indexInventory(inventorySnapshot());
  assert.equal(index.size, Object.keys(KEYS).length);
  const admin = index.get(secretFingerprint(KEYS.admin));
  assert.equal(admin?.principal?.id, `arn:aws:iam::${ACCOUNT}:user/admin`);
  assert.equal(admin?.privilege?.level, 'admin');
});

test('leaked keys matched to the inventory get their severity from status and the owner’s rights', () => {
  const expected: Record<UserName, [string, string, string | null]> = {
    admin: ['critical', 'active', 'admin'],
    escalate: ['critical', 'active', 'escalation'],
    groupadmin: ['critical', 'active', 'admin'],
    plain: ['high', 'active', 'none'],
    conditional: ['high', 'active', 'none'],
    dormant: ['medium', 'inactive', 'admin'],
  };
  for (const [name, [severity, status, privilege]] of Object.entries(expected) as [UserName, [string, string, string | null]][]) {
    const f = findingFor(KEYS[name], true);
    assert.equal(f.severity, severity, name);
    assert.equal(f.evidence?.keyStatus, status, name);
    assert.equal(f.evidence?.privilege, privilege, name);
    assert.equal(f.evidence?.matchedPrincipal, `arn:aws:iam::${ACCOUNT}:user/${name}`, name);
    assert.equal(f.evidence?.secretKeyExposed, true, name);
    assert.equal(f.resourceKind, 'iam.access_key');
    assert.equal(f.account, ACCOUNT);
    assert.equal(f.resourceId, `arn:aws:iam::${ACCOUNT}:user/${name}/access-key/${KEYS[name].slice(0, 4)}…${KEYS[name].slice(-4)}`);
    assertNoSecret(JSON.stringify(f), [KEYS[name], fakeAwsSecret(KEYS[name])], name);
  }
});

test('the path runs key → principal → (group →) policy', () => {
  const masked = (k: string): string => `${k.slice(0, 4)}…${k.slice(-4)}`;
  const u = (n: string): string => `arn:aws:iam::${ACCOUNT}:user/${n}`;
  assert.deepEqual(findingFor(KEYS.admin).path, [
    { nodeId: `${u('admin')}/access-key/${masked(KEYS.admin)}`, via: 'has_key' },
    { nodeId: u('admin'), via: 'attached_policy' },
    { nodeId: 'arn:aws:iam::aws:policy/AdministratorAccess', via: null },
  ]);
  assert.deepEqual(findingFor(KEYS.groupadmin).path, [
    { nodeId: `${u('groupadmin')}/access-key/${masked(KEYS.groupadmin)}`, via: 'has_key' },
    { nodeId: u('groupadmin'), via: 'member_of' },
    { nodeId: `arn:aws:iam::${ACCOUNT}:group/ops`, via: 'attached_policy' },
    { nodeId: `arn:aws:iam::${ACCOUNT}:policy/ops-admin`, via: null },
  ]);
  assert.deepEqual(findingFor(KEYS.escalate).path, [
    { nodeId: `${u('escalate')}/access-key/${masked(KEYS.escalate)}`, via: 'has_key' },
    { nodeId: u('escalate'), via: null },
  ]);
  assert.equal(findingFor(KEYS.escalate).evidence?.privilegeAction, 'iam:PutUserPolicy');
  assert.equal(findingFor(KEYS.admin).evidence?.keyLastUsedAt, '2026-11-19T08:00:00.000Z');
});

test('a key not in the inventory, or with no inventory, is medium (status unknown)', () => {
  const stranger = findingFor(fakeAwsKeyId('not-in-inventory'));
  assert.equal(stranger.severity, 'medium');
  assert.equal(stranger.evidence?.keyStatus, 'unknown');
  assert.equal(stranger.evidence?.matchedPrincipal, null);
  assert.equal(stranger.path, null);
  const hits = scanText(`k=${KEYS.admin}`, { file: 'a', commit: null, authorDate: null }, []);
  const [noInventory] = leakFindings(groupLeaks(hits), null);
  assert.equal(noInventory?.severity, 'medium');
  assert.equal(noInventory?.evidence?.inventoryChecked, false);
});

test('fingerprints are stable and one leak lists every place it was found', () => {
  const a = scanText(`k=${KEYS.plain}`, { file: 'a.env', commit: null, authorDate: null }, []);
  const b = scanText(`\n\nk=${KEYS.plain}`, { file: 'b.env', commit: 'c0ffee', authorDate: '2026-01-01T00:00:00Z' }, []);
  const [f] = leakFindings(groupLeaks([...b, ...a]), indexInventory(inventorySnapshot()));
  assert.equal(f?.evidence?.locationCount, 2);
  assert.deepEqual((f?.evidence?.locations as { file: string }[]).map((l) => l.file), ['a.env', 'b.env']);
  assert.equal(f?.fingerprint, findingFor(KEYS.plain).fingerprint);
});

test('owners’ rights come from the policy pack’s Rego helpers (aws_iam.rego) and agree with the statements read directly', () => {
  const snapshot = inventorySnapshot();
  const rights = awsPrivileges(snapshot);
  assert.equal(rights.warning, null);
  assert.ok(rights.privileges !== null);
  const viaRego = indexInventory(snapshot, rights.privileges);
  const direct = indexInventory(snapshot);
  for (const name of Object.keys(KEYS) as UserName[]) {
    const fp = secretFingerprint(KEYS[name]);
    const a = viaRego.get(fp);
    const b = direct.get(fp);
    assert.equal(a?.privilegeSource, 'rego');
    assert.equal(b?.privilegeSource, 'statements');
    assert.equal(a?.privilege?.level, b?.privilege?.level, name);
    if (a?.privilege?.level === 'admin') assert.deepEqual(a.privilege.path, b?.privilege?.path, name);
  }
  const hits = scanText(`k=${KEYS.groupadmin}`, { file: 'a', commit: null, authorDate: null }, []);
  const [f] = leakFindings(groupLeaks(hits), viaRego);
  assert.equal(f?.severity, 'critical');
  assert.equal(f?.evidence?.privilegeSource, 'rego');
  assert.equal(f?.evidence?.privilegeGrantedBy, `arn:aws:iam::${ACCOUNT}:policy/ops-admin`);
});

test('an unusable Rego library falls back to the statements, with a warning', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-secrets-lib-'));
  try {
    writeFileSync(join(dir, 'aws_iam.rego'), 'package cloudwarden.lib.aws_iam\n\nadmin_entries := {\n');
    const rights = awsPrivileges(inventorySnapshot(), dir);
    assert.equal(rights.privileges, null);
    assert.match(rights.warning ?? '', /unusable, admin and escalation rights read from the statements directly/);
    const empty = mkdtempSync(join(dir, 'empty-'));
    assert.match(awsPrivileges(inventorySnapshot(), empty).warning ?? '', /aws_iam\.rego not found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a leaked GCP key file is matched to its service-account key node: owner with roles/owner and active → critical', () => {
  const gcp = fakeGcpKeyFile('correlate');
  const sa = '//iam.googleapis.com/projects/p1/serviceAccounts/1001';
  const keyNode = `${sa}/keys/${gcp.keyId}`;
  const base = { provider: 'gcp' as const, account: 'p1', region: 'global', tags: {} };
  const snapshot = (active: boolean, role: string): Pick<Snapshot, 'nodes' | 'edges'> => ({
    nodes: [
      { ...base, id: sa, kind: 'iam.service_account', nativeType: 'iam.googleapis.com/ServiceAccount', name: 'app@p1.iam.gserviceaccount.com', attrs: {} },
      { ...base, id: keyNode, kind: 'iam.access_key', nativeType: 'iam.googleapis.com/ServiceAccountKey', name: 'k', attrs: { keyIdMasked: 'k', active, lastUsedAt: null } },
      {
        ...base,
        id: '//cloudresourcemanager.googleapis.com/projects/p1#binding/x',
        kind: 'iam.binding',
        nativeType: 'iam-binding',
        name: role,
        attrs: { role, scope: '//cloudresourcemanager.googleapis.com/projects/p1', scopeType: 'project', members: [{ id: 'serviceAccount:app@p1.iam.gserviceaccount.com', type: 'service_account', external: false, principalId: sa }] },
      },
    ],
    edges: [{ from: sa, to: keyNode, kind: 'has_key' }],
  });
  const leak = groupLeaks(scanText(gcp.text, { file: 'sa.json', commit: null, authorDate: null }, []));
  const [critical] = leakFindings(leak, indexInventory(snapshot(true, 'roles/owner')));
  assert.equal(critical?.severity, 'critical');
  assert.equal(critical?.evidence?.matchedPrincipal, sa);
  assert.equal(critical?.evidence?.privilege, 'admin');
  assert.equal(critical?.resourceId, `${sa}/keys/${gcp.keyId.slice(0, 4)}…${gcp.keyId.slice(-4)}`);
  assert.deepEqual(critical?.path?.map((s) => s.via), ['has_key', 'member_of', null]);
  assert.equal(leakFindings(leak, indexInventory(snapshot(true, 'roles/viewer')))[0]?.severity, 'high');
  assert.equal(leakFindings(leak, indexInventory(snapshot(false, 'roles/owner')))[0]?.severity, 'medium');
  assert.equal(leakFindings(leak, null)[0]?.severity, 'high', 'unmatched GCP key files stay high');
  assertNoSecret(JSON.stringify(critical), [gcp.keyId, gcp.privateKey], 'gcp finding');
});
