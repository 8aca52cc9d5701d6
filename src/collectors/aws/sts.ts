/** `aws.sts`: GetCallerIdentity → the account node (with its organization name and parent when known). */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { GraphNode } from '../../graph/schema.js';
import type { Collector } from '../types.js';
import { registerCollector } from '../types.js';
import { accountArn } from './arn.js';
import type { AwsTarget } from './options.js';
import { withSession } from './session.js';

export interface StsRaw {
  /** The account id; null when the account could not be reached (AssumeRole failed). */
  account: string | null;
  callerArn: string | null;
  /** Regions the scan covers. */
  regions: string[];
}

export function mapAccount(raw: StsRaw, target: Pick<AwsTarget, 'account' | 'accountName' | 'organizationManagementAccount'>): GraphNode[] {
  if (raw.account === null) return [];
  return [
    {
      id: accountArn(raw.account),
      provider: 'aws',
      account: raw.account,
      region: 'global',
      kind: 'account',
      nativeType: 'AWS::::Account',
      name: target.accountName ?? raw.account,
      tags: {},
      attrs: {
        displayName: target.accountName,
        parent: target.organizationManagementAccount !== null ? accountArn(target.organizationManagementAccount) : null,
        scannedRegions: raw.regions,
      },
    },
  ];
}

export const stsCollector: Collector<AwsTarget, StsRaw> = {
  id: 'aws.sts',
  provider: 'aws',
  service: 'sts',
  description: 'The account: caller identity, organization name and parent, regions scanned',
  permissions: [
    { action: 'sts:GetCallerIdentity', why: 'confirm which account the credentials reach (needs no permission, listed for completeness)' },
    { action: 'sts:AssumeRole', why: 'organization scans only: assume the audit role in each member account (on the management account credentials)' },
    { action: 'ec2:DescribeRegions', why: 'the regions enabled in the account, intersected with the allow-list' },
    { action: 'organizations:ListAccounts', why: 'organization scans without an explicit account list: the active member accounts (management or delegated administrator account)' },
  ],
  get: (ctx, target) =>
    withSession<StsRaw>(ctx, target, { account: null, callerArn: null, regions: [] }, async (s) => {
      const r = await ctx.call({ service: 'sts', operation: 'GetCallerIdentity' }, (signal) => s.clients.sts().send(new GetCallerIdentityCommand({}), { abortSignal: signal }));
      return { account: r.ok ? (r.value.Account ?? target.account) : target.account, callerArn: r.ok ? (r.value.Arn ?? null) : null, regions: s.regions };
    }),
  transform: (raw, target) => ({ nodes: mapAccount(raw, target), edges: [] }),
};

export const sts = registerCollector(stsCollector);
