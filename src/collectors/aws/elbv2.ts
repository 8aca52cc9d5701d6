/**
 * `aws.elbv2`, per region: DescribeLoadBalancers, DescribeTargetGroups, DescribeTargetHealth per
 * target group → `network.load_balancer` with its target groups, targets and healthy count. The
 * `routes_to` edges to instances are made in the link step (only to instances that were collected).
 */
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LoadBalancer, TargetGroup, TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { GraphNode } from '../../graph/schema.js';
import type { Collector, CollectContext } from '../types.js';
import { registerCollector } from '../types.js';
import { instanceArn, securityGroupArn, vpcArn } from './arn.js';
import type { CliJson } from './cli-json.js';
import { isoTime, toCliJson } from './cli-json.js';
import type { AwsTarget } from './options.js';
import { allPages } from './paging.js';
import type { AwsSession } from './session.js';
import { withSession } from './session.js';

const SERVICE = 'elbv2';

export interface Elbv2RegionRaw {
  region: string;
  loadBalancers: CliJson<LoadBalancer>[] | null;
  targetGroups: CliJson<TargetGroup>[] | null;
  /** DescribeTargetHealth per target group ARN; null when unreadable. */
  targetHealth: Record<string, CliJson<TargetHealthDescription>[] | null>;
}

export interface Elbv2Raw {
  account: string;
  regions: Elbv2RegionRaw[];
}

export function mapElbv2(raw: Elbv2Raw): GraphNode[] {
  const nodes: GraphNode[] = [];
  for (const r of raw.regions) {
    for (const lb of r.loadBalancers ?? []) {
      const arn = lb.LoadBalancerArn ?? '';
      const groups = (r.targetGroups ?? []).filter((tg) => (tg.LoadBalancerArns ?? []).includes(arn));
      let healthy: number | null = r.targetGroups === null ? null : 0;
      const targetGroups = groups.map((tg) => {
        const health = r.targetHealth[tg.TargetGroupArn ?? ''];
        if (health === null || health === undefined) healthy = null;
        else if (healthy !== null) healthy += health.filter((h) => h.TargetHealth?.State === 'healthy').length;
        return {
          arn: tg.TargetGroupArn ?? '',
          name: tg.TargetGroupName ?? '',
          protocol: tg.Protocol ?? null,
          port: tg.Port ?? null,
          targetType: tg.TargetType ?? null,
          targets:
            health === null || health === undefined
              ? null
              : health.map((h) => ({
                  id: tg.TargetType === 'instance' && h.Target?.Id ? instanceArn(r.region, raw.account, h.Target.Id) : (h.Target?.Id ?? ''),
                  port: h.Target?.Port ?? null,
                  state: h.TargetHealth?.State ?? null,
                })),
        };
      });
      const scheme = lb.Scheme === 'internet-facing' || lb.Scheme === 'internal' ? lb.Scheme : null;
      nodes.push({
        id: arn,
        provider: 'aws',
        account: raw.account,
        region: r.region,
        kind: 'network.load_balancer',
        nativeType: lb.Type === 'network' ? 'AWS::ElasticLoadBalancingV2::LoadBalancer/network' : lb.Type === 'gateway' ? 'AWS::ElasticLoadBalancingV2::LoadBalancer/gateway' : 'AWS::ElasticLoadBalancingV2::LoadBalancer/application',
        name: lb.LoadBalancerName ?? arn,
        tags: {},
        createdAt: isoTime(lb.CreatedTime),
        attrs: {
          scheme,
          healthyTargets: healthy,
          type: lb.Type ?? null,
          state: lb.State?.Code ?? null,
          dnsName: lb.DNSName ?? null,
          vpcId: lb.VpcId ? vpcArn(r.region, raw.account, lb.VpcId) : null,
          securityGroupIds: (lb.SecurityGroups ?? []).map((g) => securityGroupArn(r.region, raw.account, g)),
          targetGroups,
        },
      });
    }
  }
  return nodes;
}

async function regionRaw(ctx: CollectContext, s: AwsSession, region: string): Promise<Elbv2RegionRaw> {
  const elb = s.clients.elbv2(region);
  const [lbs, tgs] = await Promise.all([
    allPages(ctx, { service: SERVICE, operation: 'DescribeLoadBalancers', region }, (t, signal) => elb.send(new DescribeLoadBalancersCommand({ PageSize: 400, ...(t ? { Marker: t } : {}) }), { abortSignal: signal }), (p) => p.NextMarker),
    allPages(ctx, { service: SERVICE, operation: 'DescribeTargetGroups', region }, (t, signal) => elb.send(new DescribeTargetGroupsCommand({ PageSize: 400, ...(t ? { Marker: t } : {}) }), { abortSignal: signal }), (p) => p.NextMarker),
  ]);
  const targetGroups = tgs.pages.length === 0 ? null : toCliJson(tgs.pages.flatMap((p) => p.TargetGroups ?? []));
  const targetHealth: Elbv2RegionRaw['targetHealth'] = {};
  await Promise.all(
    (targetGroups ?? []).map(async (tg) => {
      const arn = tg.TargetGroupArn ?? '';
      const r = await ctx.call({ service: SERVICE, operation: 'DescribeTargetHealth', region, resource: arn }, (signal) => elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }), { abortSignal: signal }));
      targetHealth[arn] = r.ok ? toCliJson(r.value.TargetHealthDescriptions ?? []) : null;
    }),
  );
  return { region, loadBalancers: lbs.pages.length === 0 ? null : toCliJson(lbs.pages.flatMap((p) => p.LoadBalancers ?? [])), targetGroups, targetHealth };
}

export const elbv2Collector: Collector<AwsTarget, Elbv2Raw> = {
  id: 'aws.elbv2',
  provider: 'aws',
  service: SERVICE,
  description: 'Application/network load balancers: scheme, target groups, target health',
  permissions: [
    { action: 'elasticloadbalancing:DescribeLoadBalancers', why: 'load balancers' },
    { action: 'elasticloadbalancing:DescribeTargetGroups', why: 'their target groups' },
    { action: 'elasticloadbalancing:DescribeTargetHealth', why: 'targets and how many are healthy' },
  ],
  get: (ctx, target) => withSession<Elbv2Raw>(ctx, target, { account: target.account, regions: [] }, async (s) => ({ account: target.account, regions: await Promise.all(s.regions.map((r) => regionRaw(ctx, s, r))) })),
  transform: (raw) => ({ nodes: mapElbv2(raw), edges: [] }),
};

export const elbv2 = registerCollector(elbv2Collector);
