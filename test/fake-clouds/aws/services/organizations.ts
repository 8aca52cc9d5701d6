// AWS Organizations (JSON 1.1): ListAccounts, callable from the management account only.
import { AwsError, paginate } from '../context.js';
import type { OpHandler } from '../context.js';

const listAccounts: OpHandler = (ctx) => {
  const mgmt = ctx.world.organization?.managementAccountId;
  const accounts = (mgmt !== undefined ? ctx.world.accounts[mgmt]?.organizationAccounts?.Accounts : undefined) ?? [];
  if (mgmt === undefined || !accounts.some((a) => a.Id === ctx.accountId)) {
    throw new AwsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.', 400);
  }
  if (ctx.accountId !== mgmt) {
    throw new AwsError('AccessDeniedException', 'You don\'t have permissions to access this resource.', 400);
  }
  const max = typeof ctx.json.MaxResults === 'number' ? ctx.json.MaxResults : undefined;
  if (max !== undefined && (max < 1 || max > 20)) {
    throw new AwsError('InvalidInputException', 'You provided a value that does not match the required pattern.', 400);
  }
  const token = typeof ctx.json.NextToken === 'string' ? ctx.json.NextToken : undefined;
  const page = paginate(ctx, accounts, token, max, 20, () =>
    new AwsError('InvalidInputException', 'The NextToken value is invalid.', 400));
  return { Accounts: page.items, ...(page.next !== undefined ? { NextToken: page.next } : {}) };
};

export const organizationsOperations: Record<string, OpHandler> = {
  ListAccounts: listAccounts,
};
