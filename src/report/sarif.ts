/**
 * SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).
 *
 * - `tool.driver.rules`: one per policy, from its METADATA: title (shortDescription), description
 *   (fullDescription), help with the recommended actions, `properties.security-severity` (GitHub
 *   ranks alerts by it: critical 9.5, high 8.0, medium 5.5, low 3.0, info 0.0), `problem.severity`
 *   and tags (provider, frameworks).
 * - `results`: level error (critical, high), warning (medium) or note (low, info); the resource as a
 *   logical location (id as fullyQualifiedName, kind, account and region); and, because GitHub
 *   rejects results without a physical location, a pseudo-artifact per provider and account,
 *   `cloud/<provider>/<account>` (relative, percent-encoded) with `region.startLine` 1. GitHub shows
 *   such alerts without a code snippet; the path is stable across runs, which its alert tracking needs.
 * - `partialFingerprints`: the finding's fingerprint (policy id, resource id, discriminator) under
 *   `cloudwarden/v1` and `primaryLocationLineHash`, so upload-sarif does not try to hash a source
 *   line that does not exist and alerts keep their identity across runs.
 * - Suppressed findings stay, with `suppressions: [{kind: external, status: accepted, justification}]`
 *   (GitHub shows them as dismissed); with a baseline, `baselineState` is `new` or `unchanged`.
 * - Coverage gaps and checks that failed to evaluate are `toolExecutionNotifications`.
 */
import type { Finding, PolicyInfo, Results, Severity } from '../results/schema.js';
import { LazyArray, stringifyChunks } from './json-chunks.js';
import type { ReportOptions } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

type Level = 'error' | 'warning' | 'note';
export const SARIF_LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const PROBLEM_SEVERITY: Record<Severity, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'recommendation', info: 'recommendation' };

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** `aws.s3.bucket_public_acl` → `BucketPublicAcl`. */
function ruleName(id: string): string {
  const last = id.split('.').pop() ?? id;
  return last
    .split(/[_-]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** The pseudo-artifact a finding is reported against. */
export function artifactUri(f: Pick<Finding, 'provider' | 'account'>): string {
  return `cloud/${encodeURIComponent(f.provider ?? 'unknown')}/${encodeURIComponent(f.account ?? 'unknown')}`;
}

function rule(p: PolicyInfo): { [k: string]: Json } {
  const actions = p.recommendedActions;
  const frameworks = p.frameworks.map((f) => `${f.framework}: ${f.controls.join(', ')}`);
  const helpText = [p.description, actions.length ? `Recommended actions:\n${actions.map((a) => `- ${a}`).join('\n')}` : '', frameworks.length ? `Frameworks:\n${frameworks.map((f) => `- ${f}`).join('\n')}` : '']
    .filter(Boolean)
    .join('\n\n');
  const tags = ['security', 'cloud', p.provider, ...p.frameworks.flatMap((f) => f.controls.map((c) => `${f.framework}/${c}`))].slice(0, 20);
  return {
    id: p.id,
    name: ruleName(p.id),
    shortDescription: { text: p.title },
    fullDescription: { text: p.description || p.title },
    help: { text: helpText || p.title },
    defaultConfiguration: { level: SARIF_LEVEL[p.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[p.severity],
      'problem.severity': PROBLEM_SEVERITY[p.severity],
      precision: 'high',
      tags,
      severity: p.severity,
      resourceKinds: p.resourceKinds,
    },
  };
}

function result(f: Finding, ruleIndex: number | undefined, withBaseline: boolean): { [k: string]: Json } {
  const logical: { [k: string]: Json } = { fullyQualifiedName: f.resourceId, kind: f.resourceKind ?? 'resource' };
  if (f.resourceName) logical.name = f.resourceName;
  logical.properties = { provider: f.provider, account: f.account, region: f.region };
  const out: { [k: string]: Json } = {
    ruleId: f.policyId,
    level: SARIF_LEVEL[f.severity],
    message: { text: `${f.message} (${f.resourceId})` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: artifactUri(f) }, region: { startLine: 1 } },
        logicalLocations: [logical],
      },
    ],
    partialFingerprints: { 'cloudwarden/v1': f.fingerprint, primaryLocationLineHash: f.fingerprint },
    properties: {
      severity: f.severity,
      'security-severity': SECURITY_SEVERITY[f.severity],
      resourceId: f.resourceId,
      firstSeen: f.firstSeen,
      evidence: (f.evidence ?? null) as Json,
    },
  };
  if (ruleIndex !== undefined) out.ruleIndex = ruleIndex;
  if (f.suppressed) {
    const justification = `${f.suppressed.reason}${f.suppressed.owner ? ` (owner: ${f.suppressed.owner})` : ''}${f.suppressed.expires ? ` (expires ${f.suppressed.expires})` : ''}`;
    out.suppressions = [{ kind: 'external', status: 'accepted', justification }];
  }
  if (withBaseline && f.baseline) out.baselineState = f.baseline === 'new' ? 'new' : 'unchanged';
  return out;
}

/** The SARIF log, its `results` made from the findings one at a time as they are written. */
function sarifLog(results: Results): { [k: string]: unknown } {
  const rules = results.policies.map(rule);
  const index = new Map(results.policies.map((p, i) => [p.id, i]));
  const withBaseline = results.resolved !== null;
  const notifications: Json[] = [
    ...results.policyErrors.map((e) => ({ level: 'error', message: { text: `check ${e.policyId} failed to evaluate (${e.rule}): ${e.message}` } })),
    ...results.coverage
      .filter((c) => c.status !== 'ok')
      .map((c) => ({
        level: c.status === 'skipped' ? 'note' : c.status === 'denied' ? 'warning' : 'error',
        message: { text: `coverage ${c.status}: ${c.provider}/${c.account}/${c.region} ${c.service} ${c.operation}${c.resource ? ` (${c.resource})` : ''}${c.message ? `: ${c.message}` : ''}` },
      })),
  ];
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cloudwarden',
            version: results.tool.version,
            semanticVersion: results.tool.version,
            informationUri: 'https://www.npmjs.com/package/cloudwarden',
            rules,
          },
        },
        automationDetails: { id: `cloudwarden/${results.snapshot.scope.providers.join('+') || 'scan'}/` },
        invocations: [
          {
            executionSuccessful: results.policyErrors.length === 0,
            startTimeUtc: results.snapshot.startedAt,
            endTimeUtc: results.generatedAt,
            toolExecutionNotifications: notifications,
          },
        ],
        results: new LazyArray(results.findings, (f) => result(f, index.get(f.policyId), withBaseline)),
        columnKind: 'unicodeCodePoints',
        properties: {
          resources: results.snapshot.resources,
          coverageGaps: results.summary.coverageGaps,
          scope: results.snapshot.scope as unknown as Json,
        },
      },
    ],
  };
}

/**
 * `JSON.stringify(log, null, 2)` and a newline, each result on its own (depth 4: log, runs, the
 * run, its results). The rules, notifications and properties are small and written whole.
 */
export function* sarifChunks(results: Results, _options: ReportOptions = {}): Generator<string, void, undefined> {
  yield* stringifyChunks(sarifLog(results), { depth: 4, space: 2 });
  yield '\n';
}

export function writeSarif(results: Results, options: ReportOptions = {}): string {
  return [...sarifChunks(results, options)].join('');
}
