// IAM (awsQuery). Policy documents travel URL-encoded; credential reports base64.
import { AwsError, listParam, num, paginate } from '../context.js';
import type { Ctx, OpHandler } from '../context.js';
import { encodeIamPolicy } from '../wire.js';
import type { QueryXmlOptions } from '../wire.js';

const POLICY_KEYS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

export const iamXmlOptions: QueryXmlOptions = {
  maps: new Set(['SummaryMap']),
  transform: (key, value) => (POLICY_KEYS.has(key) && value !== undefined && value !== null ? encodeIamPolicy(value) : value),
};

const badMarker = (): AwsError => new AwsError('InvalidInput', 'Invalid Marker.', 400);

function maxItems(ctx: Ctx): number | undefined {
  const n = num(ctx.form.get('MaxItems'));
  if (n !== undefined && (n < 1 || n > 1000 || !Number.isInteger(n))) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${n}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`, 400);
  }
  return n;
}

function callerUserName(ctx: Ctx): string {
  const m = /^arn:aws:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(ctx.principal.arn);
  if (!m?.[1]) throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials', 400);
  return m[1];
}

function userExists(ctx: Ctx, userName: string): boolean {
  return (ctx.account.iam.authorizationDetails.UserDetailList ?? []).some((u) => u.UserName === userName);
}

type Entry = { kind: 'User' | 'Group' | 'Role' | 'Policy'; item: unknown };

const getAccountAuthorizationDetails: OpHandler = (ctx) => {
  const d = ctx.account.iam.authorizationDetails;
  const filter = new Set(listParam(ctx.form, 'Filter'));
  const want = (f: string): boolean => filter.size === 0 || filter.has(f);
  const entries: Entry[] = [];
  if (want('User')) for (const u of d.UserDetailList ?? []) entries.push({ kind: 'User', item: u });
  if (want('Group')) for (const g of d.GroupDetailList ?? []) entries.push({ kind: 'Group', item: g });
  if (want('Role')) for (const r of d.RoleDetailList ?? []) entries.push({ kind: 'Role', item: r });
  for (const p of d.Policies ?? []) {
    const awsManaged = (p.Arn ?? '').startsWith('arn:aws:iam::aws:policy/');
    if (want(awsManaged ? 'AWSManagedPolicy' : 'LocalManagedPolicy')) entries.push({ kind: 'Policy', item: p });
  }
  const page = paginate(ctx, entries, ctx.form.get('Marker') ?? undefined, maxItems(ctx), 100, badMarker);
  const pick = (k: Entry['kind']): unknown[] => page.items.filter((e) => e.kind === k).map((e) => e.item);
  return {
    UserDetailList: pick('User'),
    GroupDetailList: pick('Group'),
    RoleDetailList: pick('Role'),
    Policies: pick('Policy'),
    IsTruncated: page.next !== undefined,
    ...(page.next !== undefined ? { Marker: page.next } : {}),
  };
};

const listAccessKeys: OpHandler = (ctx) => {
  const userName = ctx.form.get('UserName') ?? callerUserName(ctx);
  ctx.resource(userName);
  if (!userExists(ctx, userName)) throw new AwsError('NoSuchEntity', `The user with name ${userName} cannot be found.`, 404);
  const all = ctx.account.iam.accessKeys[userName]?.AccessKeyMetadata ?? [];
  const page = paginate(ctx, all, ctx.form.get('Marker') ?? undefined, maxItems(ctx), 100, badMarker);
  return {
    AccessKeyMetadata: page.items,
    IsTruncated: page.next !== undefined,
    ...(page.next !== undefined ? { Marker: page.next } : {}),
  };
};

const getAccessKeyLastUsed: OpHandler = (ctx) => {
  const keyId = ctx.form.get('AccessKeyId') ?? '';
  ctx.resource(keyId);
  const stored = ctx.account.iam.accessKeyLastUsed[keyId];
  if (stored) return { ...stored };
  for (const [userName, keys] of Object.entries(ctx.account.iam.accessKeys)) {
    if ((keys.AccessKeyMetadata ?? []).some((k) => k.AccessKeyId === keyId)) {
      // A key that was never used reports N/A for service and region and no date.
      return { UserName: userName, AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } };
    }
  }
  throw new AwsError('AccessDenied', `User: ${ctx.principal.arn} is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key ${keyId}`, 403);
};

const generateCredentialReport: OpHandler = (ctx) => {
  if (ctx.state.credentialReports.has(ctx.accountId)) return { State: 'COMPLETE' };
  ctx.state.credentialReports.set(ctx.accountId, Date.parse(ctx.world.worldDate));
  return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
};

const CSV_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n';

const getCredentialReport: OpHandler = (ctx) => {
  const generated = ctx.state.credentialReports.get(ctx.accountId);
  if (generated === undefined) {
    throw new AwsError('ReportNotPresent', 'Credential report not present. Call GenerateCredentialReport first.', 410);
  }
  const csv = ctx.account.iam.credentialReportCsv ?? CSV_HEADER;
  return {
    Content: Buffer.from(csv, 'utf8').toString('base64'),
    ReportFormat: 'text/csv',
    GeneratedTime: new Date(generated).toISOString(),
  };
};

const getAccountSummary: OpHandler = (ctx) => {
  if (ctx.account.iam.accountSummary) return { ...ctx.account.iam.accountSummary };
  const d = ctx.account.iam.authorizationDetails;
  return {
    SummaryMap: {
      Users: d.UserDetailList?.length ?? 0,
      Groups: d.GroupDetailList?.length ?? 0,
      Roles: d.RoleDetailList?.length ?? 0,
      Policies: (d.Policies ?? []).filter((p) => !(p.Arn ?? '').startsWith('arn:aws:iam::aws:')).length,
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 0,
    },
  };
};

const getAccountPasswordPolicy: OpHandler = (ctx) => {
  const p = ctx.account.iam.passwordPolicy;
  if (!p) throw new AwsError('NoSuchEntity', `The Password Policy with domain name ${ctx.accountId} cannot be found.`, 404);
  return { ...p };
};

export const iamOperations: Record<string, OpHandler> = {
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  ListAccessKeys: listAccessKeys,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
  GenerateCredentialReport: generateCredentialReport,
  GetCredentialReport: getCredentialReport,
  GetAccountSummary: getAccountSummary,
  GetAccountPasswordPolicy: getAccountPasswordPolicy,
};
