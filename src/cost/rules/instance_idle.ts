/** Running instances whose CPU stayed near zero over the whole metric window. */
import type { Saving } from '../../results/schema.js';
import { instanceMonthly } from '../price.js';
import { wholeCostSaving } from '../saving.js';
import type { CostRule } from '../types.js';

export interface InstanceIdleParams {
  /** Idle when the CPU p95 is below this percentage. */
  maxCpuP95: number;
  /** Only when the metrics cover at least this many days. */
  minWindowDays: number;
  [k: string]: number;
}

export const rule: CostRule<InstanceIdleParams> = {
  id: 'instance_idle',
  title: 'Idle instance',
  description: 'A running instance whose CPU p95 stayed under the threshold for the whole window (from the utilization the collectors record). Stop or terminate it, or schedule it.',
  providers: ['aws', 'gcp', 'azure', 'libvirt'],
  kinds: ['compute.instance'],
  defaults: { maxCpuP95: 5, minWindowDays: 14 },
  run(snapshot, pricing, params, env) {
    const out: Saving[] = [];
    let noMetrics = 0;
    for (const n of snapshot.nodes) {
      if (n.kind !== 'compute.instance' || n.attrs.state !== 'running') continue;
      const u = n.attrs.utilization;
      const p95 = u?.cpu?.p95 ?? null;
      if (!u || p95 === null) {
        noMetrics++;
        continue;
      }
      if (u.windowDays < params.minWindowDays || p95 >= params.maxCpuP95) continue;
      out.push(
        wholeCostSaving(this.id, n, env.common, `Instance ${n.name} (${n.attrs.instanceType ?? `${n.attrs.vcpus ?? '?'} vCPU`}) is idle: CPU p95 ${p95}% over ${u.windowDays} days (threshold ${params.maxCpuP95}%). Stop or terminate it, or schedule it`, instanceMonthly(env.index, pricing, n), {
          instanceType: n.attrs.instanceType,
          cpuP95: p95,
          cpuMax: u.cpu?.max ?? null,
          cpuAvg: u.cpu?.avg ?? null,
          samples: u.cpu?.samples ?? 0,
          windowDays: u.windowDays,
          periodSeconds: u.periodSeconds,
          maxCpuP95: params.maxCpuP95,
        }),
      );
    }
    if (noMetrics > 0) env.note(`instance_idle, instance_rightsize: ${noMetrics} running instance(s) have no CPU metrics in the snapshot (the collector read none): idle and oversized instances among them cannot be found`);
    return out;
  },
};
