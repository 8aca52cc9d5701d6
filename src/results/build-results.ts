/** Assembles the results document from a snapshot, the evaluated checks and the cost savings. */
import type { Snapshot } from '../graph/schema.js';
import { TOOL_INFO } from '../version.js';
import type { Finding, PolicyError, PolicyInfo, Results, ResultsSummary, Saving, Severity } from './schema.js';
import { RESULTS_SCHEMA_VERSION, SEVERITIES } from './schema.js';

export interface BuildResultsInput {
  snapshot: Snapshot;
  policies: PolicyInfo[];
  findings: Finding[];
  savings?: Saving[];
  policyErrors?: PolicyError[];
  pricingCatalog?: Record<string, string> | null;
  generatedAt?: Date;
}

const severityRank = new Map<Severity, number>(SEVERITIES.map((s, i) => [s, i]));

/** Findings in report order: severity, then policy, then resource. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (severityRank.get(a.severity) ?? 9) - (severityRank.get(b.severity) ?? 9) ||
    (a.policyId < b.policyId ? -1 : a.policyId > b.policyId ? 1 : 0) ||
    (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0) ||
    ((a.discriminator ?? '') < (b.discriminator ?? '') ? -1 : (a.discriminator ?? '') > (b.discriminator ?? '') ? 1 : 0)
  );
}

/**
 * Monthly savings counted once per resource: a resource's savings add up to at most its monthly
 * cost (an unattached gp2 disk is not saved twice by deleting it and by converting it to gp3).
 */
export function deduplicatedSavingsTotal(savings: readonly Saving[]): number {
  const byResource = new Map<string, { sum: number; cost: number | null }>();
  for (const s of savings) {
    if (s.monthlySavings === null) continue;
    const r = byResource.get(s.resourceId) ?? { sum: 0, cost: null };
    r.sum += s.monthlySavings;
    if (s.monthlyCost !== null) r.cost = Math.max(r.cost ?? 0, s.monthlyCost);
    byResource.set(s.resourceId, r);
  }
  let total = 0;
  for (const r of byResource.values()) total += r.cost === null ? r.sum : Math.min(r.sum, r.cost);
  return Math.round(total * 100) / 100;
}

export function summarize(results: Pick<Results, 'findings' | 'savings' | 'coverage' | 'policies'>, resources: number): ResultsSummary {
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  for (const f of results.findings) {
    if (f.suppressed) suppressed++;
    else findingsBySeverity[f.severity]++;
  }
  return {
    findingsBySeverity,
    openFindings: results.findings.length - suppressed,
    suppressedFindings: suppressed,
    resources,
    policiesEvaluated: results.policies.length,
    coverageGaps: results.coverage.filter((r) => r.status !== 'ok').length,
    monthlySavingsTotal: deduplicatedSavingsTotal(results.savings),
    currency: results.savings[0]?.currency ?? 'USD',
  };
}

export function buildResults(input: BuildResultsInput): Results {
  const findings = [...input.findings].sort(compareFindings);
  const savings = [...(input.savings ?? [])].sort((a, b) => (b.monthlySavings ?? 0) - (a.monthlySavings ?? 0) || (a.resourceId < b.resourceId ? -1 : 1));
  const policies = [...input.policies].sort((a, b) => (a.id < b.id ? -1 : 1));
  const base = { findings, savings, coverage: input.snapshot.coverage, policies };
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: TOOL_INFO,
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    snapshot: {
      startedAt: input.snapshot.startedAt,
      finishedAt: input.snapshot.finishedAt,
      scope: input.snapshot.scope,
      resources: input.snapshot.nodes.length,
    },
    policies,
    findings,
    savings,
    coverage: input.snapshot.coverage,
    pricingCatalog: input.pricingCatalog ?? null,
    summary: summarize(base, input.snapshot.nodes.length),
    resolved: null,
    policyErrors: input.policyErrors ?? [],
  };
}
