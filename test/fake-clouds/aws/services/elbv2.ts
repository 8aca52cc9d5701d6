// Elastic Load Balancing v2 (awsQuery): load balancers, target groups, target health.
import { AwsError, listParam, num, paginate } from '../context.js';
import type { Ctx, OpHandler } from '../context.js';
import { emptyRegion } from '../model.js';
import type { AwsElbv2State } from '../model.js';

function elb(ctx: Ctx): AwsElbv2State {
  return (ctx.account.regions[ctx.region] ?? emptyRegion()).elbv2;
}

const badMarker = (): AwsError => new AwsError('ValidationError', 'Invalid Marker', 400);

function pageSize(ctx: Ctx): number | undefined {
  const n = num(ctx.form.get('PageSize'));
  if (n !== undefined && (n < 1 || n > 400)) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${n}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400`, 400);
  }
  return n;
}

const describeLoadBalancers: OpHandler = (ctx) => {
  const arns = listParam(ctx.form, 'LoadBalancerArns');
  const names = listParam(ctx.form, 'Names');
  const all = elb(ctx).loadBalancers?.LoadBalancers ?? [];
  const selected = all.filter(
    (lb) => (arns.length === 0 || arns.includes(lb.LoadBalancerArn ?? '')) && (names.length === 0 || names.includes(lb.LoadBalancerName ?? '')),
  );
  if (selected.length < arns.length + names.length) {
    throw new AwsError('LoadBalancerNotFound', 'One or more load balancers not found', 400);
  }
  const page = paginate(ctx, selected, ctx.form.get('Marker') ?? undefined, pageSize(ctx), 400, badMarker);
  return { LoadBalancers: page.items, ...(page.next !== undefined ? { NextMarker: page.next } : {}) };
};

const describeTargetGroups: OpHandler = (ctx) => {
  const lbArn = ctx.form.get('LoadBalancerArn');
  const arns = listParam(ctx.form, 'TargetGroupArns');
  const names = listParam(ctx.form, 'Names');
  if (lbArn !== null && !(elb(ctx).loadBalancers?.LoadBalancers ?? []).some((lb) => lb.LoadBalancerArn === lbArn)) {
    throw new AwsError('LoadBalancerNotFound', `Load balancer '${lbArn}' not found`, 400);
  }
  const selected = (elb(ctx).targetGroups?.TargetGroups ?? []).filter(
    (tg) =>
      (lbArn === null || (tg.LoadBalancerArns ?? []).includes(lbArn)) &&
      (arns.length === 0 || arns.includes(tg.TargetGroupArn ?? '')) &&
      (names.length === 0 || names.includes(tg.TargetGroupName ?? '')),
  );
  if (arns.length + names.length > 0 && selected.length < arns.length + names.length) {
    throw new AwsError('TargetGroupNotFound', 'One or more target groups not found', 400);
  }
  const page = paginate(ctx, selected, ctx.form.get('Marker') ?? undefined, pageSize(ctx), 400, badMarker);
  return { TargetGroups: page.items, ...(page.next !== undefined ? { NextMarker: page.next } : {}) };
};

const describeTargetHealth: OpHandler = (ctx) => {
  const arn = ctx.form.get('TargetGroupArn') ?? '';
  ctx.resource(arn);
  const tg = (elb(ctx).targetGroups?.TargetGroups ?? []).find((t) => t.TargetGroupArn === arn);
  if (!tg) throw new AwsError('TargetGroupNotFound', `Target groups '${arn}' not found`, 400);
  const stored = elb(ctx).targetHealth[tg.TargetGroupName ?? ''];
  return { TargetHealthDescriptions: stored?.TargetHealthDescriptions ?? [] };
};

export const elbv2Operations: Record<string, OpHandler> = {
  DescribeLoadBalancers: describeLoadBalancers,
  DescribeTargetGroups: describeTargetGroups,
  DescribeTargetHealth: describeTargetHealth,
};
