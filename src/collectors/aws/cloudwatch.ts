/**
 * `aws.cloudwatch`, per region: GetMetricData for every instance of the (shared) DescribeInstances
 * listing, batched at 500 queries per call: CPUUtilization Average and Maximum and NetworkOut Sum,
 * hourly, over the last `metricsDays` → a utilization summary merged into each instance.
 */
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { GraphNode } from '../../graph/schema.js';
import type { Collector, CollectContext } from '../types.js';
import { registerCollector } from '../types.js';
import { instanceArn } from './arn.js';
import type { InstanceSeries } from './metrics.js';
import { utilization } from './metrics.js';
import type { AwsTarget } from './options.js';
import { DEFAULT_METRICS_DAYS } from './options.js';
import { partialNode } from './partial.js';
import type { AwsSession } from './session.js';
import { withSession } from './session.js';

const SERVICE = 'cloudwatch';
export const METRIC_PERIOD_SECONDS = 3600;
/** GetMetricData accepts at most 500 queries per call. */
export const MAX_QUERIES_PER_CALL = 500;
const QUERIES_PER_INSTANCE = 3;

export interface CloudWatchRaw {
  account: string;
  windowDays: number;
  periodSeconds: number;
  /** Series per instance id, per region; a region whose listing or metric reads failed has null. */
  regions: { region: string; series: Record<string, InstanceSeries> | null }[];
}

export function mapCloudWatch(raw: CloudWatchRaw): GraphNode[] {
  const nodes: GraphNode[] = [];
  for (const r of raw.regions) {
    for (const [id, s] of Object.entries(r.series ?? {})) {
      nodes.push(
        partialNode(
          { id: instanceArn(r.region, raw.account, id), provider: 'aws', account: raw.account, region: r.region, kind: 'compute.instance', nativeType: 'AWS::EC2::Instance', name: id, tags: {} },
          'aws.cloudwatch',
          { utilization: utilization(s, raw.windowDays, raw.periodSeconds) },
        ),
      );
    }
  }
  return nodes;
}

function queries(ids: string[], offset: number): MetricDataQuery[] {
  return ids.flatMap((id, i) => {
    const metric = (name: string) => ({ Namespace: 'AWS/EC2', MetricName: name, Dimensions: [{ Name: 'InstanceId', Value: id }] });
    const n = offset + i;
    return [
      { Id: `c${n}`, MetricStat: { Metric: metric('CPUUtilization'), Period: METRIC_PERIOD_SECONDS, Stat: 'Average' }, ReturnData: true },
      { Id: `m${n}`, MetricStat: { Metric: metric('CPUUtilization'), Period: METRIC_PERIOD_SECONDS, Stat: 'Maximum' }, ReturnData: true },
      { Id: `n${n}`, MetricStat: { Metric: metric('NetworkOut'), Period: METRIC_PERIOD_SECONDS, Stat: 'Sum' }, ReturnData: true },
    ];
  });
}

async function regionSeries(ctx: CollectContext, s: AwsSession, region: string, days: number): Promise<Record<string, InstanceSeries> | null> {
  const reservations = await s.instances(region);
  if (reservations === null) return null;
  const ids = reservations.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId ?? '').filter((x) => x !== '');
  const out: Record<string, InstanceSeries> = {};
  for (const id of ids) out[id] = { cpuAvg: [], cpuMax: [], networkOut: [] };
  const end = new Date(Math.floor(s.now.getTime() / 3_600_000) * 3_600_000);
  const start = new Date(end.getTime() - days * 86_400_000);
  const perCall = Math.floor(MAX_QUERIES_PER_CALL / QUERIES_PER_INSTANCE);
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += perCall) batches.push(ids.slice(i, i + perCall));
  let failed = false;
  await Promise.all(
    batches.map(async (batch, b) => {
      const offset = b * perCall;
      let token: string | undefined;
      for (;;) {
        const r = await ctx.call({ service: SERVICE, operation: 'GetMetricData', region }, (signal) =>
          s.clients.cloudwatch(region).send(
            new GetMetricDataCommand({ MetricDataQueries: queries(batch, offset), StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', ...(token ? { NextToken: token } : {}) }),
            { abortSignal: signal },
          ),
        );
        if (!r.ok) {
          failed = true;
          return;
        }
        for (const res of r.value.MetricDataResults ?? []) {
          const m = /^([cmn])(\d+)$/.exec(res.Id ?? '');
          const id = m ? batch[Number(m[2]) - offset] : undefined;
          const series = id !== undefined ? out[id] : undefined;
          if (!m || !series) continue;
          const values = res.Values ?? [];
          if (m[1] === 'c') series.cpuAvg.push(...values);
          else if (m[1] === 'm') series.cpuMax.push(...values);
          else series.networkOut.push(...values);
        }
        token = r.value.NextToken;
        if (!token) return;
      }
    }),
  );
  return failed ? null : out;
}

export const cloudwatchCollector: Collector<AwsTarget, CloudWatchRaw> = {
  id: 'aws.cloudwatch',
  provider: 'aws',
  service: SERVICE,
  description: 'Instance utilization: CPU (p95, max, average) and network out over the last metricsDays, from CloudWatch',
  permissions: [{ action: 'cloudwatch:GetMetricData', why: 'CPUUtilization and NetworkOut of every instance, 500 queries per call' }],
  get: (ctx, target) => {
    const days = target.options.metricsDays ?? DEFAULT_METRICS_DAYS;
    const empty: CloudWatchRaw = { account: target.account, windowDays: days, periodSeconds: METRIC_PERIOD_SECONDS, regions: [] };
    return withSession(ctx, target, empty, async (s) => ({ ...empty, regions: await Promise.all(s.regions.map(async (region) => ({ region, series: await regionSeries(ctx, s, region, days) }))) }));
  },
  transform: (raw) => ({ nodes: mapCloudWatch(raw), edges: [] }),
};

export const cloudwatch = registerCollector(cloudwatchCollector);
