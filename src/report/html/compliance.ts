/**
 * Compliance view: per framework and control, pass / fail / not evaluated.
 *
 * A control fails when any unsuppressed finding of a policy mapped to it exists (mapping from the
 * policies' metadata and from the findings' own framework references). Otherwise it is "not
 * evaluated" when one of its policies failed to evaluate (a policy error) or a coverage gap touches
 * it (same provider, a service that lists the policy's resource kinds), and passes when its
 * policies ran with no open finding.
 */
import type { CoverageRow } from '../../graph/schema.js';
import type { Finding, PolicyError, PolicyInfo } from '../../results/schema.js';
import { compareControls } from './format.js';

export type ControlStatus = 'fail' | 'not-evaluated' | 'pass';

export type ControlPolicy = { id: string; title: string; open: number; suppressed: number; gaps: number; errors: number };

export type ControlResult = {
  control: string;
  status: ControlStatus;
  policies: ControlPolicy[];
  open: number;
  suppressed: number;
};

export type FrameworkResult = {
  framework: string;
  controls: ControlResult[];
  pass: number;
  fail: number;
  notEvaluated: number;
};

/**
 * Which resource kind families a collector service reads (service names as collectors write them
 * in coverage rows). A service missing here (billing, metrics) reads no resource a policy checks.
 */
const SERVICE_KIND_FAMILIES: Record<string, readonly string[]> = {
  authorization: ['iam'],
  compute: ['compute', 'network'],
  domains: ['compute'],
  ec2: ['compute', 'network'],
  elbv2: ['network'],
  host: ['account', 'compute'],
  iam: ['iam'],
  network: ['network'],
  networks: ['network'],
  organizations: ['account'],
  resourcemanager: ['account', 'iam'],
  s3: ['storage'],
  storage: ['storage'],
  sts: ['account'],
};

/** Whether the coverage gap `row` may hide resources `policy` would check. */
export function gapTouchesPolicy(row: CoverageRow, policy: PolicyInfo): boolean {
  if (row.status === 'ok') return false;
  if (policy.provider !== 'common' && policy.provider !== row.provider) return false;
  const families = SERVICE_KIND_FAMILIES[row.service.toLowerCase()];
  if (!families) return false;
  return policy.resourceKinds.some((k) => families.includes(k.split('.')[0] ?? k));
}

export function evaluateCompliance(policies: PolicyInfo[], findings: Finding[], coverage: CoverageRow[], policyErrors: PolicyError[] = []): FrameworkResult[] {
  const gaps = coverage.filter((r) => r.status !== 'ok');
  const byPolicy = new Map<string, { open: number; suppressed: number }>();
  for (const f of findings) {
    const c = byPolicy.get(f.policyId) ?? { open: 0, suppressed: 0 };
    if (f.suppressed) c.suppressed++;
    else c.open++;
    byPolicy.set(f.policyId, c);
  }
  const policyById = new Map(policies.map((p) => [p.id, p]));
  // framework → control → policy ids
  const map = new Map<string, Map<string, Set<string>>>();
  const add = (framework: string, control: string, policyId: string): void => {
    let controls = map.get(framework);
    if (!controls) map.set(framework, (controls = new Map()));
    let ids = controls.get(control);
    if (!ids) controls.set(control, (ids = new Set()));
    ids.add(policyId);
  };
  for (const p of policies) for (const ref of p.frameworks) for (const c of ref.controls) add(ref.framework, c, p.id);
  for (const f of findings) for (const ref of f.frameworks) for (const c of ref.controls) add(ref.framework, c, f.policyId);

  const gapCount = new Map<string, number>();
  for (const p of policies) gapCount.set(p.id, gaps.filter((g) => gapTouchesPolicy(g, p)).length);

  const out: FrameworkResult[] = [];
  for (const [framework, controls] of [...map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const results: ControlResult[] = [];
    for (const [control, ids] of [...controls].sort((a, b) => compareControls(a[0], b[0]))) {
      const cps: ControlPolicy[] = [...ids].sort().map((id) => {
        const c = byPolicy.get(id) ?? { open: 0, suppressed: 0 };
        const errors = policyErrors.filter((e) => e.policyId === id).length;
        return { id, title: policyById.get(id)?.title ?? id, open: c.open, suppressed: c.suppressed, gaps: gapCount.get(id) ?? 0, errors };
      });
      const open = cps.reduce((s, p) => s + p.open, 0);
      const suppressed = cps.reduce((s, p) => s + p.suppressed, 0);
      const status: ControlStatus = open > 0 ? 'fail' : cps.some((p) => p.gaps > 0 || p.errors > 0) ? 'not-evaluated' : 'pass';
      results.push({ control, status, policies: cps, open, suppressed });
    }
    out.push({
      framework,
      controls: results,
      pass: results.filter((r) => r.status === 'pass').length,
      fail: results.filter((r) => r.status === 'fail').length,
      notEvaluated: results.filter((r) => r.status === 'not-evaluated').length,
    });
  }
  return out;
}
