/**
 * `aws.ce`: Cost Explorer GetCostAndUsage for the last full month and the month to date, monthly,
 * grouped by SERVICE and USAGE_TYPE → `costs[]` (cost rows and, where returned, usage rows).
 * Egress is recognisable by usage type (`isEgressUsageType`).
 */
import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import type { ResultByTime } from '@aws-sdk/client-cost-explorer';
import type { CostRecord } from '../../graph/schema.js';
import type { Collector } from '../types.js';
import { registerCollector } from '../types.js';
import type { CliJson } from './cli-json.js';
import { toCliJson } from './cli-json.js';
import type { AwsTarget } from './options.js';
import { allPages } from './paging.js';
import { withSession } from './session.js';

export interface CeRaw {
  account: string;
  /** The requested window, `YYYY-MM-DD`, end exclusive. */
  period: { start: string; end: string };
  results: CliJson<ResultByTime>[] | null;
}

const ymd = (d: Date): string => d.toISOString().slice(0, 10);

/** From the first day of the last full month to today (exclusive): last month + month to date. */
export function costWindow(now: Date): { start: string; end: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { start: ymd(start), end: ymd(end) };
}

/** Data transfer out of AWS (to the internet or another region), and NAT gateway processing. */
export function isEgressUsageType(usageType: string): boolean {
  return /DataTransfer-Out-Bytes|DataTransfer-Regional-Bytes|-AWS-Out-Bytes|NatGateway-Bytes|CloudFront-Out-Bytes/.test(usageType);
}

export function mapCosts(raw: CeRaw): CostRecord[] {
  const out: CostRecord[] = [];
  for (const r of raw.results ?? []) {
    const period = { start: r.TimePeriod?.Start ?? '', end: r.TimePeriod?.End ?? '' };
    if (period.start < raw.period.start || period.end > raw.period.end) continue;
    for (const g of r.Groups ?? []) {
      const [service = '', usageType = null] = g.Keys ?? [];
      const cost = g.Metrics?.UnblendedCost;
      const usage = g.Metrics?.UsageQuantity;
      const row = { provider: 'aws' as const, account: raw.account, period, service, usageType, region: null };
      if (cost?.Amount !== undefined) out.push({ ...row, amount: Number(cost.Amount), unit: cost.Unit ?? 'USD', metric: 'cost', source: 'aws-cost-explorer:UnblendedCost' });
      if (usage?.Amount !== undefined) out.push({ ...row, amount: Number(usage.Amount), unit: usage.Unit ?? '', metric: 'usage', source: 'aws-cost-explorer:UsageQuantity' });
    }
  }
  return out;
}

export const ceCollector: Collector<AwsTarget, CeRaw> = {
  id: 'aws.ce',
  provider: 'aws',
  service: 'ce',
  description: 'Actual spend and usage by service and usage type (last full month and month to date), from Cost Explorer',
  permissions: [{ action: 'ce:GetCostAndUsage', why: 'cost and usage by service and usage type (egress, NAT processing); each request costs $0.01' }],
  get: (ctx, target) => {
    const empty = (now: Date): CeRaw => ({ account: target.account, period: costWindow(now), results: null });
    if (target.options.collectCosts === false) {
      ctx.skip({ service: 'ce', operation: 'GetCostAndUsage', region: 'us-east-1' }, 'cost collection disabled (collectCosts: false)');
      return withSession(ctx, target, empty(new Date(0)), async (s) => empty(s.now));
    }
    return withSession(ctx, target, empty(new Date(0)), async (s) => {
      const period = costWindow(s.now);
      if (period.start >= period.end) return { account: target.account, period, results: [] };
      const { pages } = await allPages(
        ctx,
        { service: 'ce', operation: 'GetCostAndUsage', region: 'us-east-1' },
        (token, signal) =>
          s.clients.ce().send(
            new GetCostAndUsageCommand({
              TimePeriod: { Start: period.start, End: period.end },
              Granularity: 'MONTHLY',
              Metrics: ['UnblendedCost', 'UsageQuantity'],
              GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
              ...(token ? { NextPageToken: token } : {}),
            }),
            { abortSignal: signal },
          ),
        (p) => p.NextPageToken,
      );
      if (pages.length === 0) return { account: target.account, period, results: null };
      // Pages split one period's groups: merge them back by period.
      const byPeriod = new Map<string, ResultByTime>();
      for (const p of pages) {
        for (const r of p.ResultsByTime ?? []) {
          const key = `${r.TimePeriod?.Start ?? ''}/${r.TimePeriod?.End ?? ''}`;
          const seen = byPeriod.get(key);
          if (seen) seen.Groups = [...(seen.Groups ?? []), ...(r.Groups ?? [])];
          else byPeriod.set(key, { ...r, Groups: [...(r.Groups ?? [])] });
        }
      }
      return { account: target.account, period, results: toCliJson([...byPeriod.values()]) };
    });
  },
  transform: (raw) => ({ nodes: [], edges: [], costs: mapCosts(raw) }),
};

export const ce = registerCollector(ceCollector);
