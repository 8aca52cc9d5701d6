/**
 * The data the report's client code reads, embedded once as JSON. Findings and savings are rows of
 * values under one list of field names (no repeated keys), and a finding's title, framework
 * references and recommended actions are left out (null) when they are its policy's own, and
 * fields with few distinct values (severity, account, region, dates…) are indexes into one shared
 * `strings` table, which keeps a 10,000-finding report small.
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

/** Fields stored as an index into `strings` (or null). */
export const INTERNED_FIELDS = [
  'severity', 'resourceKind', 'provider', 'account', 'region', 'baseline', 'firstSeen',
  'ruleId', 'service', 'owner', 'currency', 'confidence', 'pricingSource',
] as const;

export type ClientData = {
  currency: string;
  pageSize: number;
  policies: Pick<PolicyInfo, 'id' | 'title' | 'severity' | 'provider' | 'description' | 'frameworks' | 'recommendedActions'>[];
  strings: string[];
  interned: readonly string[];
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
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    let i = stringIndex.get(v);
    if (i === undefined) {
      i = strings.push(v) - 1;
      stringIndex.set(v, i);
    }
    return i;
  };
  const interned = new Set<string>(INTERNED_FIELDS);
  const encode = (fields: readonly string[], values: unknown[]): unknown[] => values.map((v, i) => (interned.has(fields[i] ?? '') ? intern(v) : v));
  const index = new Map(policies.map((p, i) => [p.id, i]));
  const row = (f: Finding): unknown[] => {
    const i = index.get(f.policyId) ?? -1;
    const p = policies[i];
    return encode(FINDING_FIELDS, [
      f.fingerprint, i, p && p.title === f.title ? null : f.title, f.severity, f.message, f.resourceId, f.resourceKind, f.resourceName, f.provider,
      f.account, f.region, f.discriminator, f.evidence, f.path, p && same(p.frameworks, f.frameworks) ? null : f.frameworks,
      p && same(p.recommendedActions, f.recommendedActions) ? null : f.recommendedActions, f.suppressed, f.baseline, f.firstSeen,
    ]);
  };
  const saving = (s: Saving): unknown[] => encode(SAVING_FIELDS, SAVING_FIELDS.map((k) => s[k]));
  const findings = results.findings.map(row);
  const resolved = results.resolved ? results.resolved.map(row) : null;
  const savings = results.savings.map(saving);
  return {
    currency: results.summary.currency,
    pageSize,
    policies: policies.map((p) => ({ id: p.id, title: p.title, severity: p.severity, provider: p.provider, description: p.description, frameworks: p.frameworks, recommendedActions: p.recommendedActions })),
    strings,
    interned: INTERNED_FIELDS,
    findingFields: FINDING_FIELDS,
    findings,
    resolved,
    savingFields: SAVING_FIELDS,
    savings,
    pathAnchors: Object.fromEntries(drawnPaths.map((f) => [f.fingerprint, pathAnchor(f.fingerprint)])),
  };
}
