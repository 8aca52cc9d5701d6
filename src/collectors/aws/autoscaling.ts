/**
 * `aws.autoscaling`, per region: DescribeAutoScalingGroups. Members become `replaceable: true`
 * (a partial instance node the link step merges into the EC2 instance).
 */
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import type { GraphNode } from '../../graph/schema.js';
import type { Collector } from '../types.js';
import { registerCollector } from '../types.js';
import { instanceArn } from './arn.js';
import type { CliJson } from './cli-json.js';
import { toCliJson } from './cli-json.js';
import type { AwsTarget } from './options.js';
import { allPages } from './paging.js';
import { partialNode } from './partial.js';
import { withSession } from './session.js';

export interface AutoScalingRaw {
  account: string;
  regions: { region: string; groups: CliJson<AutoScalingGroup>[] | null }[];
}

export function mapAutoScaling(raw: AutoScalingRaw): GraphNode[] {
  const nodes: GraphNode[] = [];
  for (const r of raw.regions) {
    for (const g of r.groups ?? []) {
      for (const i of g.Instances ?? []) {
        if (!i.InstanceId) continue;
        nodes.push(
          partialNode(
            { id: instanceArn(r.region, raw.account, i.InstanceId), provider: 'aws', account: raw.account, region: r.region, kind: 'compute.instance', nativeType: 'AWS::EC2::Instance', name: i.InstanceId, tags: {} },
            'aws.autoscaling',
            { replaceable: true, autoScalingGroup: g.AutoScalingGroupName ?? null },
          ),
        );
      }
    }
  }
  return nodes;
}

export const autoscalingCollector: Collector<AwsTarget, AutoScalingRaw> = {
  id: 'aws.autoscaling',
  provider: 'aws',
  service: 'autoscaling',
  description: 'Auto Scaling groups: which instances can be replaced at will',
  permissions: [{ action: 'autoscaling:DescribeAutoScalingGroups', why: 'group members (replaceable instances)' }],
  get: (ctx, target) =>
    withSession<AutoScalingRaw>(ctx, target, { account: target.account, regions: [] }, async (s) => ({
      account: target.account,
      regions: await Promise.all(
        s.regions.map(async (region) => {
          const { pages } = await allPages(
            ctx,
            { service: 'autoscaling', operation: 'DescribeAutoScalingGroups', region },
            (t, signal) => s.clients.autoscaling(region).send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 100, ...(t ? { NextToken: t } : {}) }), { abortSignal: signal }),
            (p) => p.NextToken,
          );
          return { region, groups: pages.length === 0 ? null : toCliJson(pages.flatMap((p) => p.AutoScalingGroups ?? [])) };
        }),
      ),
    })),
  transform: (raw) => ({ nodes: mapAutoScaling(raw), edges: [] }),
};

export const autoscaling = registerCollector(autoscalingCollector);
