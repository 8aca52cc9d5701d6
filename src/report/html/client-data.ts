/**
 * The data the report's client code reads, embedded once as JSON. Findings and savings are rows of
 * values under one list of field names (no repeated keys), and a finding's title, framework
 * references and recommended actions are left out (null) when they are its policy's own, which
 * keeps a 10,000-finding report small.
 */
import type { Finding, PolicyInfo, Results, Saving } from '../../results/schema.js';
import { clientPolicies, pathAnchor } from './view-model.js';

export const FINDING_FIELDS = [
  'fingerprint', 'policy', 'title', 'severity', 'message', 'resourceId', 'resourceKind', 'resourceName', 'provider', 'account',
  'region', 'discriminator', 'evidence', 'path', 'frameworks', 'recommendedActions', 'suppressed', 'baseline', 'firstSeen',
] as const;

export const SAVING_FIELDS = [
  'fingerprint', 'ruleId', 'resourceId', 'resourceKind', 'resourceName', 'provider', 'account', 'region', 'service', 'tags', 'owner',
  'recommendation', 'monthlyCost', 'monthlySavings', 'currency', 'confidence', 'pricingSource', 'evidence',
] as const;

export type ClientData = {
  currency: string;
  pageSize: number;
  policies: Pick<PolicyInfo, 'id' | 'title' | 'severity' | 'provider' | 'description' | 'frameworks' | 'recommendedActions'>[];
  findingFields: readonly string[];
  findings: unknown[][];
  resolved: unknown[][] | null;
  savingFields: readonly string[];
  savings: unknown[][];
  /** Fingerprint → id of the attack path diagram drawn in the report. */
  pathAnchors: Record<string, string>;
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function buildClientData(results: Results, pageSize: number, drawnPaths: Finding[]): ClientData {
  const policies = clientPolicies(results.policies, results.findings, results.resolved);
  const index = new Map(policies.map((p, i) => [p.id, i]));
  const row = (f: Finding): unknown[] => {
    const i = index.get(f.policyId) ?? -1;
    const p = policies[i];
    return [
      f.fingerprint, i, p && p.title === f.title ? null : f.title, f.severity, f.message, f.resourceId, f.resourceKind, f.resourceName, f.provider,
      f.account, f.region, f.discriminator, f.evidence, f.path, p && same(p.frameworks, f.frameworks) ? null : f.frameworks,
      p && same(p.recommendedActions, f.recommendedActions) ? null : f.recommendedActions, f.suppressed, f.baseline, f.firstSeen,
    ];
  };
  const saving = (s: Saving): unknown[] => SAVING_FIELDS.map((k) => s[k]);
  return {
    currency: results.summary.currency,
    pageSize,
    policies: policies.map((p) => ({ id: p.id, title: p.title, severity: p.severity, provider: p.provider, description: p.description, frameworks: p.frameworks, recommendedActions: p.recommendedActions })),
    findingFields: FINDING_FIELDS,
    findings: results.findings.map(row),
    resolved: results.resolved ? results.resolved.map(row) : null,
    savingFields: SAVING_FIELDS,
    savings: results.savings.map(saving),
    pathAnchors: Object.fromEntries(drawnPaths.map((f) => [f.fingerprint, pathAnchor(f.fingerprint)])),
  };
}
