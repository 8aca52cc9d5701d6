// STS (awsQuery): GetCallerIdentity and AssumeRole with a small trust-policy evaluation
// (principal match and the sts:ExternalId condition), enough for cross-account scanning.
import { AwsError, num } from '../context.js';
import type { Ctx, OpHandler, Session } from '../context.js';
import { isRecord } from '../wire.js';

const getCallerIdentity: OpHandler = (ctx) => ({
  UserId: ctx.principal.userId,
  Account: ctx.principal.accountId,
  Arn: ctx.principal.arn,
});

function asList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function parseDoc(doc: unknown): Record<string, unknown> | undefined {
  if (isRecord(doc)) return doc;
  if (typeof doc !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(doc.startsWith('%') ? decodeURIComponent(doc) : doc);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The identities a trust policy principal may name for this caller. */
function callerNames(p: Ctx['principal']): Set<string> {
  const names = new Set([p.arn, p.accountId, `arn:aws:iam::${p.accountId}:root`]);
  const assumed = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(p.arn);
  if (assumed) names.add(`arn:aws:iam::${assumed[1]}:role/${assumed[2]}`);
  return names;
}

function actionAllows(action: unknown): boolean {
  return asList(action).some((a) => a === '*' || a === 'sts:*' || a.toLowerCase() === 'sts:assumerole');
}

function conditionsHold(cond: unknown, externalId: string | null): boolean {
  if (cond === undefined) return true;
  if (!isRecord(cond)) return false;
  for (const [op, body] of Object.entries(cond)) {
    if (!isRecord(body)) return false;
    for (const [key, values] of Object.entries(body)) {
      if (key.toLowerCase() !== 'sts:externalid') return false; // conditions the fake cannot evaluate deny
      if (externalId === null) return false;
      const vs = asList(values);
      const ok = op === 'StringLike'
        ? vs.some((v) => new RegExp(`^${v.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(externalId))
        : op === 'StringEquals' && vs.includes(externalId);
      if (!ok) return false;
    }
  }
  return true;
}

export function trustAllows(doc: unknown, caller: Ctx['principal'], externalId: string | null): boolean {
  const policy = parseDoc(doc);
  if (!policy) return false;
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const names = callerNames(caller);
  return statements.some((s: unknown) => {
    if (!isRecord(s) || s.Effect !== 'Allow' || !actionAllows(s.Action)) return false;
    const principal = s.Principal;
    const named = principal === '*' || (isRecord(principal) && asList(principal.AWS).some((n) => n === '*' || names.has(n)));
    return named && conditionsHold(s.Condition, externalId);
  });
}

const assumeRole: OpHandler = (ctx) => {
  const roleArn = ctx.form.get('RoleArn') ?? '';
  const sessionName = ctx.form.get('RoleSessionName') ?? '';
  const externalId = ctx.form.get('ExternalId');
  const duration = num(ctx.form.get('DurationSeconds')) ?? 3600;
  ctx.resource(roleArn);
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`, 400);
  }
  const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  const denied = new AwsError('AccessDenied', `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  if (!m?.[1] || !m[2]) throw denied;
  const [, accountId, roleName] = m;
  const role = (ctx.world.accounts[accountId]?.iam.authorizationDetails.RoleDetailList ?? []).find((r) => r.Arn === roleArn);
  if (!role || !trustAllows(role.AssumeRolePolicyDocument, ctx.principal, externalId)) throw denied;
  const n = ++ctx.state.sessionCounter;
  const accessKeyId = `ASIAFAKE${String(n).padStart(12, '0')}`;
  const roleId = role.RoleId ?? 'AROAFAKEROLEID000000';
  const session: Session = {
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    userId: `${roleId}:${sessionName}`,
    sessionToken: Buffer.from(`fake-aws-session-${n}-${roleArn}`).toString('base64'),
    // Credentials expire on the real clock so that SDK credential providers accept them.
    expiration: Date.now() + duration * 1000,
  };
  ctx.state.sessions.set(accessKeyId, session);
  return {
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretAccessKey: `fakeSecret/${String(n).padStart(8, '0')}/EXAMPLEKEYEXAMPLEKEY`,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiration).toISOString(),
    },
    AssumedRoleUser: { AssumedRoleId: session.userId, Arn: session.arn },
  };
};

export const stsOperations: Record<string, OpHandler> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
};
