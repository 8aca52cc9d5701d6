// Auto Scaling (awsQuery): DescribeAutoScalingGroups with MaxRecords / NextToken.
import { AwsError, listParam, num, paginate } from '../context.js';
import type { OpHandler } from '../context.js';

const describeAutoScalingGroups: OpHandler = (ctx) => {
  const names = listParam(ctx.form, 'AutoScalingGroupNames');
  const max = num(ctx.form.get('MaxRecords'));
  if (max !== undefined && (max < 1 || max > 100)) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${max}' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100`, 400);
  }
  const all = (ctx.account.regions[ctx.region]?.autoscaling?.AutoScalingGroups ?? []).filter(
    (g) => names.length === 0 || names.includes(g.AutoScalingGroupName ?? ''),
  );
  const page = paginate(ctx, all, ctx.form.get('NextToken') ?? undefined, max, 50, () =>
    new AwsError('InvalidNextToken', 'The token is invalid.', 400));
  return { AutoScalingGroups: page.items, ...(page.next !== undefined ? { NextToken: page.next } : {}) };
};

export const autoscalingOperations: Record<string, OpHandler> = {
  DescribeAutoScalingGroups: describeAutoScalingGroups,
};
