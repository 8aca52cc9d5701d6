/**
 * Targets: the account of the base credentials (STS GetCallerIdentity), plus, for an organization
 * or a list of accounts, one target per member account reached through AssumeRole (done lazily by
 * each target's session, so one member's failure is one coverage row and the others go on).
 *
 * Resolution runs before any collector, outside `ctx.call`: its two calls use the SDK's own
 * standard retries (3 attempts).
 */
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { InputError } from '../../util/errors.js';
import type { ResolveContext } from '../types.js';
import { describeError } from '../framework/context.js';
import type { AwsOptions, AwsTarget } from './options.js';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@/-]{1,128}$/;

function check(options: AwsOptions): void {
  const bad = (msg: string): never => {
    throw new InputError(`aws: ${msg}`);
  };
  if (options.region !== undefined && !REGION.test(options.region)) bad(`invalid region '${options.region}' (expected e.g. us-east-1)`);
  for (const r of options.regions ?? []) if (!REGION.test(r)) bad(`invalid region '${r}' in regions (expected e.g. eu-west-1)`);
  if (options.metricsDays !== undefined && (!Number.isInteger(options.metricsDays) || options.metricsDays < 1 || options.metricsDays > 455)) {
    bad(`metricsDays must be an integer from 1 to 455 (CloudWatch keeps hourly data 455 days), got ${String(options.metricsDays)}`);
  }
  const org = options.organization;
  if (org) {
    if (!ROLE_NAME.test(org.roleName)) bad(`invalid role name '${org.roleName}' for organization.roleName (e.g. OrganizationAccountAccessRole)`);
    for (const a of org.accounts ?? []) if (!ACCOUNT.test(a)) bad(`invalid account id '${a}' in organization.accounts (12 digits)`);
  }
  if (options.endpoint !== undefined) {
    try {
      new URL(options.endpoint);
    } catch {
      bad(`invalid endpoint '${options.endpoint}' (expected a URL such as http://localhost:4566)`);
    }
  }
}

function baseConfig(options: AwsOptions, region: string | undefined) {
  return {
    ...(region !== undefined ? { region } : {}),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : options.profile !== undefined ? { profile: options.profile } : {}),
  };
}

/** The home region: the option, else the SDK chain's (AWS_REGION, the profile's region), else us-east-1. */
async function homeRegion(options: AwsOptions): Promise<string> {
  if (options.region !== undefined) return options.region;
  const probe = new STSClient(baseConfig(options, undefined));
  try {
    const r = await probe.config.region();
    return typeof r === 'string' && r !== '' ? r : 'us-east-1';
  } catch {
    return 'us-east-1';
  } finally {
    probe.destroy();
  }
}

export async function resolveAwsTargets(options: AwsOptions, ctx: ResolveContext): Promise<AwsTarget[]> {
  check(options);
  const region = await homeRegion(options);
  const sts = new STSClient(baseConfig(options, region));
  let caller: string;
  try {
    const id = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: ctx.signal });
    caller = id.Account ?? '';
    ctx.debug(`aws: credentials are ${id.Arn ?? '?'} in account ${caller}`);
  } catch (error) {
    throw new InputError(`aws: cannot identify the account of the credentials (STS GetCallerIdentity: ${describeError(error)}); check the profile, AWS_PROFILE / AWS_ACCESS_KEY_ID, SSO login, or the endpoint`, { cause: error });
  } finally {
    sts.destroy();
  }
  const make = (account: string, extra: Partial<AwsTarget> = {}): AwsTarget => ({
    provider: 'aws',
    account,
    region,
    assumeRoleArn: null,
    externalId: null,
    accountName: null,
    organizationManagementAccount: null,
    options,
    ...extra,
  });
  const org = options.organization;
  if (!org) return [make(caller)];

  let members: { id: string; name: string | null }[];
  if (org.accounts !== undefined && org.accounts.length > 0) {
    members = org.accounts.map((id) => ({ id, name: null }));
  } else {
    const client = new OrganizationsClient(baseConfig(options, region));
    members = [];
    try {
      let token: string | undefined;
      do {
        const page = await client.send(new ListAccountsCommand({ ...(token ? { NextToken: token } : {}) }), { abortSignal: ctx.signal });
        for (const a of page.Accounts ?? []) if (a.Id && (a.State ?? a.Status) === 'ACTIVE') members.push({ id: a.Id, name: a.Name ?? null });
        token = page.NextToken;
      } while (token);
    } catch (error) {
      throw new InputError(
        `aws: cannot list the organization's accounts (Organizations ListAccounts: ${describeError(error)}); run from the management or a delegated administrator account, or list the accounts in organization.accounts`,
        { cause: error },
      );
    } finally {
      client.destroy();
    }
  }
  const callerName = members.find((m) => m.id === caller)?.name ?? null;
  const targets = [make(caller, { accountName: callerName })];
  for (const m of members) {
    if (m.id === caller || targets.some((t) => t.account === m.id)) continue;
    targets.push(
      make(m.id, {
        assumeRoleArn: `arn:aws:iam::${m.id}:role/${org.roleName.replace(/^\/+/, '')}`,
        externalId: org.externalId ?? null,
        accountName: m.name,
        organizationManagementAccount: caller,
      }),
    );
  }
  return targets;
}
