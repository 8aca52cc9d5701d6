/** Pure: utilization summaries from metric datapoints. */
import type { InstanceUtilization, MetricSummary } from '../../graph/schema.js';

const round = (n: number): number => Math.round(n * 100) / 100;

/** p95 by nearest rank, max and mean; null when there are no datapoints. */
export function summarize(values: readonly number[], maxima?: readonly number[]): MetricSummary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(0.95 * sorted.length));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const max = maxima === undefined ? (sorted[sorted.length - 1] ?? null) : maxima.length > 0 ? Math.max(...maxima) : null;
  return { p95: round(sorted[rank - 1] ?? 0), max: max === null ? null : round(max), avg: round(mean), samples: values.length };
}

/** The series read for one instance. */
export interface InstanceSeries {
  /** CPUUtilization Average per period. */
  cpuAvg: number[];
  /** CPUUtilization Maximum per period. */
  cpuMax: number[];
  /** NetworkOut Sum per period (bytes). */
  networkOut: number[];
}

export function utilization(series: InstanceSeries, windowDays: number, periodSeconds: number): InstanceUtilization {
  return {
    windowDays,
    periodSeconds,
    cpu: summarize(series.cpuAvg, series.cpuMax),
    networkOutBytes: summarize(series.networkOut),
  };
}
