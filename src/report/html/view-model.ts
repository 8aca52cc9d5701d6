/**
 * Everything the HTML templates show, computed from the results document alone. Strings that come
 * from the document pass through `cell`/`visible` here; HTML escaping is the template's `{{…}}`.
 */
import type { CoverageRow, Provider } from '../../graph/schema.js';
import type { Finding, PolicyInfo, Results, Saving, Severity } from '../../results/schema.js';
import { SEVERITIES } from '../../results/schema.js';
import { layoutPath, type KnownResource, type PathDiagram } from './attack-path.js';
import { evaluateCompliance, type FrameworkResult } from './compliance.js';
import { formatCount, formatDateTime, formatDuration, formatMoney } from './format.js';
import { cell, clip, visible } from './text.js';

export const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

/** How many attack-path diagrams, coverage rows and chart bars are drawn; the rest are counted. */
export const LIMITS = { attackPaths: 60, coverageRows: 1000, chartBars: 10, summaryAccounts: 12 } as const;

type Count = { label: string; open: number; suppressed: number; total: number };

export type SeverityRow = { severity: Severity; label: string; open: string; suppressed: string; total: string; openN: number };

export type Bar = { label: string; title: string; value: string; y: number; width: number; textY: number; valueX: number };
export type Chart = { bars: Bar[]; height: number; more: number; empty: boolean };

export type CoverageGroup = { provider: string; account: string; service: string; rows: CoverageView[]; statusText: string };
export type CoverageView = { region: string; operation: string; status: string; statusLabel: string; resource: string; calls: string; message: string; messageFull: string };

export type AttackPathView = {
  anchor: string;
  fingerprint: string;
  title: string;
  severity: Severity;
  severityLabel: string;
  resource: string;
  account: string;
  suppressed: boolean;
  diagram: PathDiagram;
  steps: { type: string; name: string; id: string; via: string | null }[];
};

export interface ReportView {
  title: string;
  tool: string;
  generatedAt: string;
  scope: { providers: string; accounts: string; accountCount: string; regions: string; shard: string | null; resources: string; policies: string; duration: string; started: string; finished: string };
  pricingCatalog: { provider: string; date: string }[];
  totals: { findings: string; open: string; suppressed: string; findingsN: number; newN: number; new: string };
  severities: SeverityRow[];
  byProvider: { label: string; open: string; suppressed: string; total: string }[];
  byAccount: { label: string; open: string; suppressed: string; total: string }[];
  moreAccounts: string | null;
  savings: {
    count: string;
    countN: number;
    totals: { currency: string; amount: string }[];
    deduplicated: string;
    chartByRule: Chart;
    chartByAccount: Chart;
    otherCurrencies: string | null;
  };
  policyErrors: { policy: string; rule: string; message: string; messageFull: string }[];
  coverage: { gaps: string; gapsN: number; headline: string; groups: CoverageGroup[]; denied: string; error: string; skipped: string; omitted: string | null };
  policyErrorsHeadline: string;
  attackPaths: { views: AttackPathView[]; total: string; totalN: number; omitted: string | null };
  compliance: FrameworkView[];
  baseline: { present: boolean; newCount: string; existingCount: string; resolvedCount: string; resolvedN: number };
}

export type FrameworkView = {
  framework: string;
  anchor: string;
  pass: string;
  fail: string;
  notEvaluated: string;
  controls: { control: string; status: string; statusLabel: string; policies: { id: string; title: string; open: string; suppressed: string; gaps: number; errors: number }[]; open: string; suppressed: string }[];
};

const STATUS_LABELS: Record<string, string> = { denied: 'Denied', error: 'Error', skipped: 'Skipped', ok: 'OK' };
const CONTROL_LABELS: Record<string, string> = { fail: 'Fail', pass: 'Pass', 'not-evaluated': 'Not evaluated' };

function countBy(findings: Finding[], key: (f: Finding) => string): Count[] {
  const m = new Map<string, Count>();
  for (const f of findings) {
    const k = key(f);
    const c = m.get(k) ?? { label: k, open: 0, suppressed: 0, total: 0 };
    c.total++;
    if (f.suppressed) c.suppressed++;
    else c.open++;
    m.set(k, c);
  }
  return [...m.values()].sort((a, b) => b.total - a.total || (a.label < b.label ? -1 : 1));
}

const countView = (c: Count) => ({ label: cell(c.label, 80), open: formatCount(c.open), suppressed: formatCount(c.suppressed), total: formatCount(c.total) });

/** A horizontal bar chart of the largest `LIMITS.chartBars` values. */
function chart(values: Map<string, number>, currency: string): Chart {
  const sorted = [...values].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = sorted.slice(0, LIMITS.chartBars);
  const max = shown[0]?.[1] ?? 0;
  const BAR_H = 22;
  const GAP = 10;
  const MAX_W = 380;
  const bars = shown.map(([label, v], i) => {
    const width = max > 0 ? Math.max(2, Math.round((v / max) * MAX_W)) : 0;
    const y = i * (BAR_H + GAP);
    return { label: clip(visible(label), 29), title: visible(label), value: formatMoney(v, currency), y, width, textY: y + 15, valueX: 230 + width + 8 };
  });
  return { bars, height: Math.max(1, shown.length * (BAR_H + GAP)), more: sorted.length - shown.length, empty: shown.length === 0 };
}

function knownResources(results: Results): Map<string, KnownResource> {
  const m = new Map<string, KnownResource>();
  for (const f of results.findings) if (!m.has(f.resourceId)) m.set(f.resourceId, { kind: f.resourceKind, name: f.resourceName });
  for (const s of results.savings) if (!m.has(s.resourceId)) m.set(s.resourceId, { kind: s.resourceKind, name: s.resourceName });
  return m;
}

/** Anchor id for a finding's attack path diagram (fingerprints are hex, but never trust that). */
export const pathAnchor = (fingerprint: string): string => `path-${fingerprint.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** Findings with an attack path, open before suppressed, most severe first (stable otherwise). */
export function toxicFindings(findings: Finding[]): Finding[] {
  return findings
    .filter((f) => f.path && f.path.length > 0)
    .sort((a, b) => Number(Boolean(a.suppressed)) - Number(Boolean(b.suppressed)) || severityRank(a.severity) - severityRank(b.severity));
}

/** The attack paths the report draws. */
export const drawnAttackPaths = (findings: Finding[]): Finding[] => toxicFindings(findings).slice(0, LIMITS.attackPaths);

export function buildView(results: Results, title: string): ReportView {
  const findings = results.findings;
  const currency = results.summary.currency;
  const open = findings.filter((f) => !f.suppressed).length;

  const severities: SeverityRow[] = SEVERITIES.map((severity) => {
    const of = findings.filter((f) => f.severity === severity);
    const o = of.filter((f) => !f.suppressed).length;
    return { severity, label: SEVERITY_LABELS[severity], open: formatCount(o), suppressed: formatCount(of.length - o), total: formatCount(of.length), openN: o };
  });
  const accounts = countBy(findings, (f) => f.account ?? '(none)');

  // Savings
  const rawTotals = new Map<string, number>();
  for (const s of results.savings) if (s.monthlySavings != null) rawTotals.set(s.currency, (rawTotals.get(s.currency) ?? 0) + s.monthlySavings);
  const inCurrency = results.savings.filter((s) => s.currency === currency && s.monthlySavings != null);
  const sumBy = (key: (s: Saving) => string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const s of inCurrency) m.set(key(s), (m.get(key(s)) ?? 0) + (s.monthlySavings ?? 0));
    return m;
  };
  const otherCurrencies = [...rawTotals.keys()].filter((c) => c !== currency);

  // Coverage gaps, grouped by provider / account / service.
  const gaps = results.coverage.filter((r) => r.status !== 'ok');
  const groups = new Map<string, { provider: Provider; account: string; service: string; rows: CoverageRow[] }>();
  for (const r of gaps) {
    const k = JSON.stringify([r.provider, r.account, r.service]);
    const g = groups.get(k) ?? { provider: r.provider, account: r.account, service: r.service, rows: [] };
    g.rows.push(r);
    groups.set(k, g);
  }
  let budget: number = LIMITS.coverageRows;
  const groupViews: CoverageGroup[] = [];
  for (const g of [...groups.values()].sort((a, b) => cmp(a.provider, b.provider) || cmp(a.account, b.account) || cmp(a.service, b.service))) {
    if (budget <= 0) break;
    const rows = g.rows.slice(0, budget);
    budget -= rows.length;
    const st = ['denied', 'error', 'skipped'].map((s) => [s, g.rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
    groupViews.push({
      provider: cell(g.provider),
      account: cell(g.account),
      service: cell(g.service),
      statusText: st.map(([s, n]) => `${formatCount(n)} ${s === 'error' ? (n === 1 ? 'error' : 'errors') : s}`).join(', '),
      rows: rows.map((r) => ({
        region: cell(r.region),
        operation: cell(r.operation),
        status: r.status,
        statusLabel: STATUS_LABELS[r.status] ?? r.status,
        resource: cell(r.resource ?? ''),
        calls: formatCount(r.calls),
        message: cell(r.message ?? '', 300),
        messageFull: cell(r.message ?? '', 600),
      })),
    });
  }

  // Attack paths: toxic combinations, most severe and open first.
  const known = knownResources(results);
  const toxic = toxicFindings(findings);
  const pathViews: AttackPathView[] = toxic.slice(0, LIMITS.attackPaths).map((f) => ({
    anchor: pathAnchor(f.fingerprint),
    fingerprint: f.fingerprint,
    title: cell(f.title),
    severity: f.severity,
    severityLabel: SEVERITY_LABELS[f.severity],
    resource: cell(f.resourceName ?? f.resourceId),
    account: cell(f.account ?? ''),
    suppressed: Boolean(f.suppressed),
    diagram: layoutPath(f.path ?? [], known),
    steps: (f.path ?? []).map((s) => {
      const k = known.get(s.nodeId);
      return { type: cell(k?.kind ?? ''), name: cell(k?.name ?? s.nodeId), id: cell(s.nodeId), via: s.via == null ? null : cell(s.via) };
    }),
  }));

  const compliance: FrameworkResult[] = evaluateCompliance(results.policies, findings, results.coverage, results.policyErrors ?? []);
  const duration = Date.parse(results.snapshot.finishedAt) - Date.parse(results.snapshot.startedAt);
  const scope = results.snapshot.scope;
  const baselinePresent = results.resolved != null || findings.some((f) => f.baseline != null);
  const newN = findings.filter((f) => f.baseline === 'new').length;

  return {
    title: visible(title),
    tool: `${visible(results.tool.name)} ${visible(results.tool.version)}`,
    generatedAt: formatDateTime(results.generatedAt),
    scope: {
      providers: scope.providers.join(', ') || '—',
      accounts: cell(scope.accounts.slice(0, 8).join(', ') + (scope.accounts.length > 8 ? `, … (${scope.accounts.length} in all)` : ''), 400) || '—',
      accountCount: formatCount(scope.accounts.length),
      regions: cell(scope.regions.length === 0 ? 'not region-scoped' : scope.regions.join(', '), 300),
      shard: scope.shard ? `shard ${scope.shard.index} of ${scope.shard.count}` : null,
      resources: formatCount(results.snapshot.resources),
      policies: formatCount(results.summary.policiesEvaluated),
      duration: formatDuration(duration),
      started: formatDateTime(results.snapshot.startedAt),
      finished: formatDateTime(results.snapshot.finishedAt),
    },
    pricingCatalog: Object.entries(results.pricingCatalog ?? {})
      .sort((a, b) => cmp(a[0], b[0]))
      .map(([provider, date]) => ({ provider: cell(provider), date: cell(date) })),
    totals: { findings: formatCount(findings.length), open: formatCount(open), suppressed: formatCount(findings.length - open), findingsN: findings.length, newN, new: formatCount(newN) },
    severities,
    byProvider: countBy(findings, (f) => f.provider ?? '(none)').map(countView),
    byAccount: accounts.slice(0, LIMITS.summaryAccounts).map(countView),
    moreAccounts: accounts.length > LIMITS.summaryAccounts ? `${formatCount(accounts.length - LIMITS.summaryAccounts)} more accounts: use the account filter of the findings table.` : null,
    savings: {
      count: formatCount(results.savings.length),
      countN: results.savings.length,
      totals: [...rawTotals].sort((a, b) => cmp(a[0], b[0])).map(([c, v]) => ({ currency: cell(c), amount: formatMoney(v, c) })),
      deduplicated: formatMoney(results.summary.monthlySavingsTotal, currency),
      chartByRule: chart(sumBy((s) => s.ruleId), currency),
      chartByAccount: chart(sumBy((s) => `${s.provider} ${s.account}`), currency),
      otherCurrencies: otherCurrencies.length > 0 ? `Charts show ${cell(currency)} only; savings in ${otherCurrencies.map((c) => cell(c)).join(', ')} are in the table.` : null,
    },
    policyErrors: (results.policyErrors ?? []).map((e) => ({ policy: cell(e.policyId), rule: cell(e.rule), message: cell(e.message, 300), messageFull: cell(e.message, 600) })),
    policyErrorsHeadline: (results.policyErrors ?? []).length === 1 ? '1 check failed to evaluate' : `${formatCount((results.policyErrors ?? []).length)} checks failed to evaluate`,
    coverage: {
      headline: gaps.length === 1 ? '1 read failed or was skipped' : `${formatCount(gaps.length)} reads failed or were skipped`,
      gaps: formatCount(gaps.length),
      gapsN: gaps.length,
      groups: groupViews,
      denied: formatCount(gaps.filter((r) => r.status === 'denied').length),
      error: formatCount(gaps.filter((r) => r.status === 'error').length),
      skipped: formatCount(gaps.filter((r) => r.status === 'skipped').length),
      omitted: gaps.length > LIMITS.coverageRows ? `${formatCount(gaps.length - LIMITS.coverageRows)} more gaps are not listed (the results file has them all).` : null,
    },
    attackPaths: {
      views: pathViews,
      total: formatCount(toxic.length),
      totalN: toxic.length,
      omitted: toxic.length > LIMITS.attackPaths ? `${formatCount(toxic.length - LIMITS.attackPaths)} more attack paths: filter the findings table by "Has attack path" and open a finding to see its steps.` : null,
    },
    compliance: compliance.map((fw) => ({
      framework: cell(fw.framework),
      anchor: `fw-${fw.framework.replace(/[^A-Za-z0-9_-]/g, '_')}`,
      pass: formatCount(fw.pass),
      fail: formatCount(fw.fail),
      notEvaluated: formatCount(fw.notEvaluated),
      controls: fw.controls.map((c) => ({
        control: cell(c.control),
        status: c.status,
        statusLabel: CONTROL_LABELS[c.status] ?? c.status,
        open: formatCount(c.open),
        suppressed: formatCount(c.suppressed),
        policies: c.policies.map((p) => ({ id: cell(p.id), title: cell(p.title), open: formatCount(p.open), suppressed: formatCount(p.suppressed), gaps: p.gaps, errors: p.errors })),
      })),
    })),
    baseline: {
      present: baselinePresent,
      newCount: formatCount(newN),
      existingCount: formatCount(findings.filter((f) => f.baseline === 'existing').length),
      resolvedCount: formatCount(results.resolved?.length ?? 0),
      resolvedN: results.resolved?.length ?? 0,
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Policies as the report's client code sees them, with an entry for any policy id only a finding names. */
export function clientPolicies(policies: PolicyInfo[], findings: Finding[], resolved: Finding[] | null): PolicyInfo[] {
  const out = [...policies];
  const ids = new Set(policies.map((p) => p.id));
  for (const f of [...findings, ...(resolved ?? [])]) {
    if (ids.has(f.policyId)) continue;
    ids.add(f.policyId);
    out.push({ id: f.policyId, title: f.title, description: '', severity: f.severity, resourceKinds: [], provider: f.provider ?? 'common', recommendedActions: [], frameworks: [], file: '', package: '' });
  }
  return out;
}
