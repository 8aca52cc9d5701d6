/**
 * `aws.iam`: GetAccountAuthorizationDetails (all pages: users, groups, roles with instance
 * profiles, managed policies with their versions, inline policies), ListAccessKeys and
 * GetAccessKeyLastUsed per user and key, the credential report (generated, then polled politely),
 * GetAccountSummary and GetAccountPasswordPolicy (NoSuchEntity = no policy).
 */
import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListAccessKeysCommand,
} from '@aws-sdk/client-iam';
import type { GetAccountAuthorizationDetailsResponse } from '@aws-sdk/client-iam';
import { sleep } from '../framework/backoff.js';
import type { Collector, CollectContext } from '../types.js';
import { registerCollector } from '../types.js';
import { toCliJson } from './cli-json.js';
import { isErrorCode } from './errors.js';
import { mapIam } from './map-iam.js';
import type { IamRaw } from './map-iam.js';
import type { AwsTarget } from './options.js';
import { allPages } from './paging.js';
import type { AwsSession } from './session.js';
import { withSession } from './session.js';

const SERVICE = 'iam';
/** Credential report polling: wait between GetCredentialReport tries, and how many tries. */
export const REPORT_POLL = { delayMs: 2_000, tries: 10 };


async function credentialReport(ctx: CollectContext, s: AwsSession): Promise<string | null> {
  const iam = s.clients.iam();
  const gen = await ctx.call({ service: SERVICE, operation: 'GenerateCredentialReport' }, (signal) => iam.send(new GenerateCredentialReportCommand({}), { abortSignal: signal }));
  if (!gen.ok) return null;
  for (let i = 0; i < REPORT_POLL.tries; i++) {
    if (i > 0 || gen.value.State !== 'COMPLETE') await sleep(i === 0 ? Math.min(250, REPORT_POLL.delayMs) : REPORT_POLL.delayMs, ctx.signal);
    let notReady = false;
    const r = await ctx.call({ service: SERVICE, operation: 'GetCredentialReport' }, async (signal) => {
      try {
        return await iam.send(new GetCredentialReportCommand({}), { abortSignal: signal });
      } catch (e) {
        // Still being generated: not a failure, poll again.
        if (isErrorCode(e, 'ReportInProgress', 'ReportNotPresent', 'ReportExpired')) {
          notReady = true;
          return null;
        }
        throw e;
      }
    });
    if (!r.ok) return null;
    if (notReady || r.value === null) continue;
    return r.value.Content ? Buffer.from(r.value.Content).toString('utf8') : '';
  }
  ctx.gap({ service: SERVICE, operation: 'GetCredentialReport' }, 'error', `credential report not ready after ${REPORT_POLL.tries} polls`);
  return null;
}

async function get(ctx: CollectContext, target: AwsTarget, s: AwsSession): Promise<IamRaw> {
  const iam = s.clients.iam();
  const call = <T>(operation: string, fn: (signal: AbortSignal) => Promise<T>, resource?: string) =>
    ctx.call({ service: SERVICE, operation, ...(resource !== undefined ? { resource } : {}) }, fn);

  const detailsP = allPages(
    ctx,
    { service: SERVICE, operation: 'GetAccountAuthorizationDetails' },
    (token, signal) => iam.send(new GetAccountAuthorizationDetailsCommand({ ...(token ? { Marker: token } : {}) }), { abortSignal: signal }),
    (p) => (p.IsTruncated ? p.Marker : undefined),
  );
  const reportP = credentialReport(ctx, s);
  const summaryP = call('GetAccountSummary', (signal) => iam.send(new GetAccountSummaryCommand({}), { abortSignal: signal }));
  const policyP = call('GetAccountPasswordPolicy', async (signal) => {
    try {
      return toCliJson((await iam.send(new GetAccountPasswordPolicyCommand({}), { abortSignal: signal })).PasswordPolicy ?? {});
    } catch (e) {
      if (isErrorCode(e, 'NoSuchEntity', 'NoSuchEntityException')) return 'none' as const;
      throw e;
    }
  });

  const { pages } = await detailsP;
  const merged: GetAccountAuthorizationDetailsResponse = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  for (const p of pages) {
    merged.UserDetailList?.push(...(p.UserDetailList ?? []));
    merged.GroupDetailList?.push(...(p.GroupDetailList ?? []));
    merged.RoleDetailList?.push(...(p.RoleDetailList ?? []));
    merged.Policies?.push(...(p.Policies ?? []));
  }
  const details = pages.length === 0 ? null : toCliJson(merged);

  const accessKeys: IamRaw['accessKeys'] = {};
  const lastUsed: IamRaw['lastUsed'] = {};
  await Promise.all(
    (details?.UserDetailList ?? []).map(async (u) => {
      const name = u.UserName ?? '';
      const listing = await allPages(
        ctx,
        { service: SERVICE, operation: 'ListAccessKeys', resource: u.Arn ?? name },
        (token, signal) => iam.send(new ListAccessKeysCommand({ UserName: name, ...(token ? { Marker: token } : {}) }), { abortSignal: signal }),
        (p) => (p.IsTruncated ? p.Marker : undefined),
      );
      const keys = listing.pages.length === 0 ? null : toCliJson(listing.pages.flatMap((p) => p.AccessKeyMetadata ?? []));
      accessKeys[name] = keys;
      await Promise.all(
        (keys ?? []).map(async (k) => {
          const id = k.AccessKeyId ?? '';
          const r = await call('GetAccessKeyLastUsed', (signal) => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id }), { abortSignal: signal }), u.Arn ?? name);
          lastUsed[id] = r.ok ? toCliJson(r.value) : null;
        }),
      );
    }),
  );

  const [report, summary, policy] = await Promise.all([reportP, summaryP, policyP]);
  const summaryMap: Record<string, number> | null = summary.ok ? (summary.value.SummaryMap ?? {}) : null;
  return {
    account: target.account,
    collectedAt: s.now.toISOString(),
    details,
    accessKeys,
    lastUsed,
    credentialReport: report,
    summary: summaryMap,
    passwordPolicy: policy.ok ? policy.value : null,
  };
}

const EMPTY = (target: AwsTarget): IamRaw => ({
  account: target.account,
  collectedAt: new Date(0).toISOString(),
  details: null,
  accessKeys: {},
  lastUsed: {},
  credentialReport: null,
  summary: null,
  passwordPolicy: null,
});

export const iamCollector: Collector<AwsTarget, IamRaw> = {
  id: 'aws.iam',
  provider: 'aws',
  service: SERVICE,
  description: 'IAM users, groups, roles (trust policies, instance profiles), managed and inline policies, access keys, credential report, account summary and password policy',
  permissions: [
    { action: 'iam:GetAccountAuthorizationDetails', why: 'users, groups, roles, managed policies (default version) and inline policies in one paginated read' },
    { action: 'iam:ListAccessKeys', why: 'access keys of each user' },
    { action: 'iam:GetAccessKeyLastUsed', why: 'when and with which service each key was last used' },
    { action: 'iam:GenerateCredentialReport', why: 'ask IAM to (re)build the credential report (AWS classifies it as a read)' },
    { action: 'iam:GetCredentialReport', why: 'console passwords, MFA and root-user facts' },
    { action: 'iam:GetAccountSummary', why: 'root MFA and root access keys when the credential report is unavailable' },
    { action: 'iam:GetAccountPasswordPolicy', why: 'the account password policy (none is a fact, not an error)' },
  ],
  get: (ctx, target) => withSession(ctx, target, EMPTY(target), (s) => get(ctx, target, s)),
  transform: (raw) => ({ nodes: raw.details === null && raw.summary === null && raw.credentialReport === null ? [] : mapIam(raw), edges: [] }),
};

export const iam = registerCollector(iamCollector);
