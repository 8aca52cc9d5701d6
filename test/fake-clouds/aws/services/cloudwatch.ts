// CloudWatch GetMetricData. The pinned SDK speaks JSON 1.0 (awsQueryCompatible); the form-encoded
// awsQuery variant is served from the same handler. Up to 500 queries per call; datapoint paging
// with NextToken (MaxDatapoints, or a forced page size, bounds the datapoints per response).
import { AwsError, decodeToken, encodeToken, num } from '../context.js';
import type { Ctx, OpHandler } from '../context.js';
import type { MetricSeries } from '../model.js';
import { isRecord } from '../wire.js';

interface Query {
  Id: string;
  Label?: string;
  ReturnData: boolean;
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: string }[];
  Period: number;
  Stat: string;
  hasExpression: boolean;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function fromJson(q: unknown): Query {
  const r = isRecord(q) ? q : {};
  const ms = isRecord(r.MetricStat) ? r.MetricStat : {};
  const m = isRecord(ms.Metric) ? ms.Metric : {};
  const dims = Array.isArray(m.Dimensions) ? m.Dimensions : [];
  return {
    Id: str(r.Id),
    ...(typeof r.Label === 'string' ? { Label: r.Label } : {}),
    ReturnData: r.ReturnData !== false,
    Namespace: str(m.Namespace),
    MetricName: str(m.MetricName),
    Dimensions: dims.map((d: unknown) => ({ Name: str(isRecord(d) ? d.Name : ''), Value: str(isRecord(d) ? d.Value : '') })),
    Period: typeof ms.Period === 'number' ? ms.Period : 0,
    Stat: str(ms.Stat),
    hasExpression: typeof r.Expression === 'string',
  };
}

function fromForm(form: URLSearchParams): Query[] {
  const out: Query[] = [];
  for (let i = 1; form.has(`MetricDataQueries.member.${i}.Id`); i++) {
    const p = `MetricDataQueries.member.${i}.`;
    const dims: { Name: string; Value: string }[] = [];
    for (let j = 1; form.has(`${p}MetricStat.Metric.Dimensions.member.${j}.Name`); j++) {
      dims.push({
        Name: form.get(`${p}MetricStat.Metric.Dimensions.member.${j}.Name`) ?? '',
        Value: form.get(`${p}MetricStat.Metric.Dimensions.member.${j}.Value`) ?? '',
      });
    }
    const label = form.get(`${p}Label`);
    out.push({
      Id: form.get(`${p}Id`) ?? '',
      ...(label !== null ? { Label: label } : {}),
      ReturnData: form.get(`${p}ReturnData`) !== 'false',
      Namespace: form.get(`${p}MetricStat.Metric.Namespace`) ?? '',
      MetricName: form.get(`${p}MetricStat.Metric.MetricName`) ?? '',
      Dimensions: dims,
      Period: num(form.get(`${p}MetricStat.Period`)) ?? 0,
      Stat: form.get(`${p}MetricStat.Stat`) ?? '',
      hasExpression: form.has(`${p}Expression`),
    });
  }
  return out;
}

function timeParam(v: unknown): number {
  if (typeof v === 'number') return v * 1000;
  if (typeof v === 'string') return /^\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : Date.parse(v);
  return Number.NaN;
}

function sameDims(a: Query['Dimensions'], b: MetricSeries['Dimensions']): boolean {
  const bb = b ?? [];
  return a.length === bb.length && a.every((d) => bb.some((e) => e.Name === d.Name && e.Value === d.Value));
}

function aggregate(stat: string, vs: number[]): number {
  switch (stat) {
    case 'Maximum': return Math.max(...vs);
    case 'Minimum': return Math.min(...vs);
    case 'Sum':
    case 'SampleCount': return vs.reduce((s, v) => s + v, 0);
    default: return vs.reduce((s, v) => s + v, 0) / vs.length;
  }
}

/** Datapoints of one query in [start, end), at the requested period (aggregating finer series). */
function points(series: MetricSeries[], q: Query, start: number, end: number): [number, number][] {
  const s = series.find((m) => m.Namespace === q.Namespace && m.MetricName === q.MetricName && m.Stat === q.Stat && sameDims(q.Dimensions, m.Dimensions));
  if (!s || q.Period < s.Period || q.Period % s.Period !== 0) return [];
  const buckets = new Map<number, number[]>();
  s.Timestamps.forEach((ts, i) => {
    const t = Date.parse(ts);
    const v = s.Values[i];
    if (v === undefined || t < start || t >= end) return;
    const b = Math.floor(t / (q.Period * 1000)) * q.Period * 1000;
    buckets.set(b, [...(buckets.get(b) ?? []), v]);
  });
  return [...buckets.entries()].map(([t, vs]) => [t, aggregate(q.Stat, vs)]);
}

const getMetricData: OpHandler = (ctx: Ctx) => {
  const body = ctx.protocol === 'query' ? undefined : ctx.json;
  const queries = body ? (Array.isArray(body.MetricDataQueries) ? body.MetricDataQueries.map(fromJson) : []) : fromForm(ctx.form);
  if (queries.length === 0) throw new AwsError('ValidationError', 'The parameter MetricDataQueries is required.', 400);
  if (queries.length > 500) {
    throw new AwsError('ValidationError', 'The collection MetricDataQueries must not have a size greater than 500.', 400);
  }
  if (queries.some((q) => q.hasExpression)) throw new AwsError('ValidationError', 'fake AWS: metric math expressions are not supported', 400);
  const start = timeParam(body ? body.StartTime : ctx.form.get('StartTime'));
  const end = timeParam(body ? body.EndTime : ctx.form.get('EndTime'));
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
    throw new AwsError('ValidationError', 'The parameter StartTime must be less than the parameter EndTime.', 400);
  }
  const ascending = (body ? body.ScanBy : ctx.form.get('ScanBy')) === 'TimestampAscending';
  const maxDatapoints = body ? (typeof body.MaxDatapoints === 'number' ? body.MaxDatapoints : undefined) : num(ctx.form.get('MaxDatapoints'));
  const token = body ? (typeof body.NextToken === 'string' ? body.NextToken : undefined) : ctx.form.get('NextToken') ?? undefined;

  const series = ctx.account.regions[ctx.region]?.cloudwatch.metrics ?? [];
  const returned = queries.filter((q) => q.ReturnData);
  const perQuery = returned.map((q) => {
    const ps = points(series, q, start, end).sort((a, b) => (ascending ? a[0] - b[0] : b[0] - a[0]));
    return { q, ps };
  });
  const flat = perQuery.flatMap(({ ps }, qi) => ps.map((p) => ({ qi, p })));
  const offset = decodeToken(ctx.operation, token, () => new AwsError('InvalidNextToken', 'The service cannot return the NextToken.', 400));
  const size = ctx.pageSize(maxDatapoints, 100800);
  const slice = flat.slice(offset, offset + size);
  const endOffset = offset + slice.length;
  const more = endOffset < flat.length;
  const results = perQuery
    .map(({ q, ps }, qi) => {
      const mine = slice.filter((s) => s.qi === qi);
      const remaining = flat.slice(endOffset).some((s) => s.qi === qi);
      const empty = ps.length === 0;
      if (mine.length === 0 && !(empty && !more)) return undefined;
      return {
        Id: q.Id,
        Label: q.Label ?? q.MetricName,
        Timestamps: mine.map((s) => new Date(s.p[0]).toISOString()),
        Values: mine.map((s) => s.p[1]),
        StatusCode: remaining ? 'PartialData' : 'Complete',
      };
    })
    .filter((r) => r !== undefined);
  return { MetricDataResults: results, Messages: [], ...(more ? { NextToken: encodeToken(ctx.operation, endOffset) } : {}) };
};

export const cloudwatchOperations: Record<string, OpHandler> = {
  GetMetricData: getMetricData,
};
