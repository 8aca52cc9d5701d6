/** Pure: IAM responses (CLI JSON) → users, groups, roles, policies, access keys, root-user facts. */
import type {
  AccessKeyMetadata,
  GetAccessKeyLastUsedResponse,
  GetAccountAuthorizationDetailsResponse,
  PasswordPolicy,
} from '@aws-sdk/client-iam';
import type { GraphNode, JsonObject, PolicyStatement } from '../../graph/schema.js';
import { maskSecret } from '../../secrets/mask.js';
import { accessKeyArn, accountArn } from './arn.js';
import type { CliJson } from './cli-json.js';
import { isoTime, tagMap } from './cli-json.js';
import { partialNode } from './partial.js';
import { normalizePolicyOrNull } from './policy.js';

export interface IamRaw {
  account: string;
  /** Collection time (ISO): key ages are relative to it. */
  collectedAt: string;
  /** GetAccountAuthorizationDetails, all pages merged; null when unreadable. */
  details: CliJson<GetAccountAuthorizationDetailsResponse> | null;
  /** ListAccessKeys per user name; null when unreadable for that user. */
  accessKeys: Record<string, CliJson<AccessKeyMetadata>[] | null>;
  /** GetAccessKeyLastUsed per key id; null when unreadable. */
  lastUsed: Record<string, CliJson<GetAccessKeyLastUsedResponse> | null>;
  /** The credential report CSV; null when unreadable. */
  credentialReport: string | null;
  /** GetAccountSummary's SummaryMap; null when unreadable. */
  summary: Record<string, number> | null;
  /** GetAccountPasswordPolicy: the policy, `'none'` (NoSuchEntity), or null when unreadable. */
  passwordPolicy: CliJson<PasswordPolicy> | 'none' | null;
}

type CredentialRow = Record<string, string>;

/** Parses the credential report CSV (no quoted fields in practice; quotes handled anyway). */
export function parseCredentialReport(csv: string): CredentialRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (ch === '"') {
        if (quoted && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = !quoted;
      } else if (ch === ',' && !quoted) {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const [header, ...rows] = lines;
  if (header === undefined) return [];
  const keys = split(header);
  return rows.map((r) => {
    const cells = split(r);
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}

const bool = (v: string | undefined): boolean | null => (v === 'true' ? true : v === 'false' ? false : null);
/** A report date, or null for `N/A`, `no_information`, `not_supported`. */
const reportTime = (v: string | undefined): string | null => (v !== undefined && /^\d{4}-/.test(v) ? isoTime(v) : null);

const DAY_MS = 86_400_000;
/** Calendar days between the UTC dates of two times (as the console and credential-report tools count). */
export function ageDays(from: string | null, to: string): number | null {
  if (from === null) return null;
  const day = (t: string): number => Math.floor(Date.parse(t) / DAY_MS);
  const d = day(to) - day(from);
  return Number.isFinite(d) ? d : null;
}

function statementsOf(list: readonly { PolicyDocument?: unknown }[] | undefined): PolicyStatement[] {
  return (list ?? []).flatMap((p) => normalizePolicyOrNull(p.PolicyDocument) ?? []);
}

const attached = (list: readonly { PolicyArn?: string }[] | undefined): string[] => (list ?? []).map((p) => p.PolicyArn ?? '').filter((a) => a !== '');

export function mapIam(raw: IamRaw): GraphNode[] {
  const { account } = raw;
  const nodes: GraphNode[] = [];
  const base = { provider: 'aws' as const, account, region: 'global' };
  const report = raw.credentialReport !== null ? parseCredentialReport(raw.credentialReport) : null;
  const reportByArn = new Map((report ?? []).map((r) => [r.arn ?? '', r]));
  const d = raw.details;
  const groupArn = new Map((d?.GroupDetailList ?? []).map((g) => [g.GroupName ?? '', g.Arn ?? '']));

  for (const u of d?.UserDetailList ?? []) {
    const arn = u.Arn ?? '';
    const row = reportByArn.get(arn);
    nodes.push({
      ...base,
      id: arn,
      kind: 'iam.user',
      nativeType: 'AWS::IAM::User',
      name: u.UserName ?? arn,
      tags: tagMap(u.Tags),
      createdAt: isoTime(u.CreateDate),
      attrs: {
        inlineStatements: statementsOf(u.UserPolicyList),
        attachedPolicyArns: attached(u.AttachedManagedPolicies),
        groupArns: (u.GroupList ?? []).map((g) => groupArn.get(g) || `arn:aws:iam::${account}:group/${g}`),
        passwordEnabled: report === null ? null : row ? bool(row.password_enabled) : null,
        passwordLastUsed: row ? reportTime(row.password_last_used) : null,
        mfaActive: report === null ? null : row ? bool(row.mfa_active) : null,
        permissionsBoundaryArn: u.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
      },
      raw: { UserId: u.UserId ?? null, Path: u.Path ?? null },
    });
    const keys = raw.accessKeys[u.UserName ?? ''];
    for (const k of keys ?? []) {
      const keyId = k.AccessKeyId ?? '';
      if (keyId === '') continue;
      const used = raw.lastUsed[keyId];
      const created = isoTime(k.CreateDate);
      const service = used?.AccessKeyLastUsed?.ServiceName;
      nodes.push({
        ...base,
        id: accessKeyArn(arn, keyId),
        kind: 'iam.access_key',
        nativeType: 'AWS::IAM::AccessKey',
        name: maskSecret(keyId),
        tags: {},
        createdAt: created,
        attrs: {
          keyIdMasked: maskSecret(keyId),
          active: k.Status === 'Active',
          lastUsedAt: used === undefined || used === null ? null : isoTime(used.AccessKeyLastUsed?.LastUsedDate),
          ageDays: ageDays(created, raw.collectedAt),
          lastUsedService: service !== undefined && service !== 'N/A' ? service : null,
          userArn: arn,
        },
      });
    }
  }

  for (const g of d?.GroupDetailList ?? []) {
    nodes.push({
      ...base,
      id: g.Arn ?? '',
      kind: 'iam.group',
      nativeType: 'AWS::IAM::Group',
      name: g.GroupName ?? '',
      tags: {},
      createdAt: isoTime(g.CreateDate),
      attrs: { inlineStatements: statementsOf(g.GroupPolicyList), attachedPolicyArns: attached(g.AttachedManagedPolicies) },
      raw: { GroupId: g.GroupId ?? null, Path: g.Path ?? null },
    });
  }

  for (const r of d?.RoleDetailList ?? []) {
    nodes.push({
      ...base,
      id: r.Arn ?? '',
      kind: 'iam.role',
      nativeType: 'AWS::IAM::Role',
      name: r.RoleName ?? '',
      tags: tagMap(r.Tags),
      createdAt: isoTime(r.CreateDate),
      attrs: {
        inlineStatements: statementsOf(r.RolePolicyList),
        attachedPolicyArns: attached(r.AttachedManagedPolicies),
        trustStatements: normalizePolicyOrNull(r.AssumeRolePolicyDocument),
        instanceProfileArns: (r.InstanceProfileList ?? []).map((p) => p.Arn ?? '').filter((a) => a !== ''),
        lastUsedAt: isoTime(r.RoleLastUsed?.LastUsedDate),
        permissionsBoundaryArn: r.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
      },
      raw: { RoleId: r.RoleId ?? null, Path: r.Path ?? null },
    });
  }

  for (const p of d?.Policies ?? []) {
    const arn = p.Arn ?? '';
    const awsManaged = arn.startsWith('arn:aws:iam::aws:policy/');
    const version = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true || v.VersionId === p.DefaultVersionId);
    nodes.push({
      provider: 'aws',
      // AWS-managed policies are the same in every account: one node, account `aws`, no per-account facts.
      account: awsManaged ? 'aws' : account,
      region: 'global',
      id: arn,
      kind: 'iam.policy',
      nativeType: 'AWS::IAM::ManagedPolicy',
      name: p.PolicyName ?? arn,
      tags: {},
      createdAt: isoTime(p.CreateDate),
      attrs: {
        statements: (version ? normalizePolicyOrNull(version.Document) : null) ?? [],
        managedBy: awsManaged ? 'provider' : 'customer',
        defaultVersionId: p.DefaultVersionId ?? null,
        ...(awsManaged ? {} : { attachmentCount: p.AttachmentCount ?? null }),
      },
    });
  }

  const root = report?.find((r) => r.user === '<root_account>');
  const policy: JsonObject | null | undefined = raw.passwordPolicy === 'none' ? null : raw.passwordPolicy === null ? undefined : (raw.passwordPolicy as JsonObject);
  const s = raw.summary;
  nodes.push(
    partialNode({ ...base, id: accountArn(account), kind: 'account', nativeType: 'AWS::::Account', name: account, tags: {} }, 'aws.iam', {
      rootMfaActive: root ? bool(root.mfa_active) : s && s.AccountMFAEnabled !== undefined ? s.AccountMFAEnabled === 1 : null,
      rootAccessKeysActive: root
        ? bool(root.access_key_1_active) === true || bool(root.access_key_2_active) === true
        : s && s.AccountAccessKeysPresent !== undefined ? s.AccountAccessKeysPresent > 0 : null,
      rootPasswordLastUsed: root ? reportTime(root.password_last_used) : null,
      ...(policy !== undefined ? { passwordPolicy: policy } : {}),
      ...(s !== null ? { iamSummary: s } : {}),
    }),
  );
  return nodes;
}
