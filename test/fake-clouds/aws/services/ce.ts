// Cost Explorer (JSON 1.1): GetCostAndUsage. The world stores CLI outputs of get-cost-and-usage;
// the fake answers from the one whose GroupDefinitions and granularity match the request, keeps
// the periods inside TimePeriod and the requested metrics, and pages groups with NextPageToken.
import { AwsError, decodeToken, encodeToken } from '../context.js';
import type { OpHandler } from '../context.js';
import { isRecord } from '../wire.js';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function granularityOf(periods: { TimePeriod?: { Start?: string; End?: string } }[]): string {
  const p = periods[0]?.TimePeriod;
  if (!p?.Start || !p.End) return 'MONTHLY';
  const days = (Date.parse(p.End) - Date.parse(p.Start)) / 86_400_000;
  return days < 1 ? 'HOURLY' : days === 1 ? 'DAILY' : 'MONTHLY';
}

function pickMetrics(m: unknown, wanted: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isRecord(m)) for (const k of wanted) if (m[k] !== undefined) out[k] = m[k];
  return out;
}

const getCostAndUsage: OpHandler = (ctx) => {
  const b = ctx.json;
  const tp = isRecord(b.TimePeriod) ? b.TimePeriod : {};
  const start = str(tp.Start);
  const end = str(tp.End);
  if (!start || !end) throw new AwsError('ValidationException', 'TimePeriod is required', 400);
  if (Date.parse(end) <= Date.parse(start)) {
    throw new AwsError('ValidationException', 'Start date (and hour) should be before end date (and hour)', 400);
  }
  const metrics = Array.isArray(b.Metrics) ? b.Metrics.map(str) : [];
  if (metrics.length === 0) throw new AwsError('ValidationException', 'Metrics is required', 400);
  const granularity = str(b.Granularity) || 'MONTHLY';
  const groupBy = (Array.isArray(b.GroupBy) ? b.GroupBy : []).map((g: unknown) => ({
    Type: str(isRecord(g) ? g.Type : ''),
    Key: str(isRecord(g) ? g.Key : ''),
  }));
  const doc = ctx.account.costAndUsage.find((d) => {
    const defs = d.GroupDefinitions ?? [];
    return (
      defs.length === groupBy.length &&
      defs.every((g, i) => g.Type === groupBy[i]?.Type && g.Key === groupBy[i]?.Key) &&
      granularityOf(d.ResultsByTime ?? []) === granularity
    );
  });
  const periods = (doc?.ResultsByTime ?? []).filter(
    (r) => (r.TimePeriod?.Start ?? '') >= start && (r.TimePeriod?.End ?? '') <= end,
  );
  // Page over (period, group) pairs; ungrouped periods count as one entry each.
  const flat = periods.flatMap((r, pi) =>
    groupBy.length === 0 ? [{ pi, gi: -1 }] : (r.Groups ?? []).map((_g, gi) => ({ pi, gi })),
  );
  const token = typeof b.NextPageToken === 'string' ? b.NextPageToken : undefined;
  const offset = decodeToken(ctx.operation, token, () => new AwsError('InvalidNextTokenException', 'The pagination token is invalid. Try again without a pagination token.', 400));
  const size = ctx.pageSize(undefined, 5000);
  const slice = flat.slice(offset, offset + size);
  const results = periods
    .map((r, pi) => {
      const mine = slice.filter((s) => s.pi === pi);
      if (mine.length === 0 && !(groupBy.length > 0 && (r.Groups ?? []).length === 0 && offset === 0)) return undefined;
      return {
        TimePeriod: r.TimePeriod,
        Total: pickMetrics(r.Total, metrics),
        Groups: mine.filter((s) => s.gi >= 0).map((s) => {
          const g = r.Groups?.[s.gi];
          return { Keys: g?.Keys ?? [], Metrics: pickMetrics(g?.Metrics, metrics) };
        }),
        Estimated: r.Estimated ?? false,
      };
    })
    .filter((r) => r !== undefined);
  const next = offset + slice.length < flat.length ? encodeToken(ctx.operation, offset + slice.length) : undefined;
  return {
    ...(groupBy.length > 0 ? { GroupDefinitions: groupBy } : {}),
    ResultsByTime: results,
    DimensionValueAttributes: doc?.DimensionValueAttributes ?? [],
    ...(next !== undefined ? { NextPageToken: next } : {}),
  };
};

export const ceOperations: Record<string, OpHandler> = {
  GetCostAndUsage: getCostAndUsage,
};
