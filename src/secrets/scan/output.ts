/**
 * The outputs of `secrets scan`: text for people, JSON (findings in the results shape), SARIF 2.1.0
 * with file and line locations (for GitHub code scanning). Each is built from findings and masked
 * allow-list entries only: there is no secret in their input, so there can be none in their output.
 */
import type { Finding, Severity } from '../../results/schema.js';
import { SARIF_LEVEL, SECURITY_SEVERITY } from '../../report/sarif.js';
import { TOOL_INFO } from '../../version.js';
import { SECRET_POLICIES } from './findings.js';
import type { LeakHit, ScanOutcome, SkippedPath } from './types.js';

export const SECRETS_FORMATS = ['text', 'json', 'sarif'] as const;
export type SecretsFormat = (typeof SECRETS_FORMATS)[number];

export interface SecretsReport {
  schemaVersion: '1.0';
  tool: { name: string; version: string };
  generatedAt: string;
  root: string;
  gitHistory: boolean;
  filesScanned: number;
  commitsScanned: number | null;
  /** Snapshot the AWS keys were matched against, or null. */
  snapshot: string | null;
  findings: Finding[];
  /** Matches the allow-list accepted: masked, with the entry's reason. */
  allowed: { detector: string; masked: string; fingerprint: string; file: string; line: number; commit: string | null; reason: string; source: string }[];
  skipped: SkippedPath[];
}

export function buildSecretsReport(outcome: ScanOutcome, findings: Finding[], options: { gitHistory: boolean; snapshot: string | null; now?: Date }): SecretsReport {
  return {
    schemaVersion: '1.0',
    tool: { name: TOOL_INFO.name, version: TOOL_INFO.version },
    generatedAt: (options.now ?? new Date()).toISOString(),
    root: outcome.root,
    gitHistory: options.gitHistory,
    filesScanned: outcome.filesScanned,
    commitsScanned: outcome.commitsScanned,
    snapshot: options.snapshot,
    findings,
    allowed: outcome.hits.filter((h): h is LeakHit & { allowed: NonNullable<LeakHit['allowed']> } => h.allowed !== null).map((h) => ({
      detector: h.detector,
      masked: h.masked,
      fingerprint: h.fingerprint,
      file: h.location.file,
      line: h.location.line,
      commit: h.location.commit,
      reason: h.allowed.reason,
      source: h.allowed.source,
    })),
    skipped: outcome.skipped,
  };
}

export function formatSecretsText(r: SecretsReport): string {
  const lines: string[] = [];
  const scope = `${r.filesScanned} file${r.filesScanned === 1 ? '' : 's'}${r.commitsScanned !== null ? ` and ${r.commitsScanned} commit${r.commitsScanned === 1 ? '' : 's'}` : ''}`;
  lines.push(`secrets scan of ${r.root}: ${scope} scanned${r.snapshot ? `, AWS keys matched against ${r.snapshot}` : ''}`);
  for (const f of r.findings) {
    lines.push(`  ${f.severity.toUpperCase().padEnd(8)} ${f.policyId}  ${f.message}`);
    const ev = f.evidence ?? {};
    const locs = Array.isArray(ev.locations) ? ev.locations : [];
    for (const l of locs.slice(0, 5)) {
      if (l === null || typeof l !== 'object' || Array.isArray(l)) continue;
      const commit = typeof l.commit === 'string' ? ` commit ${l.commit.slice(0, 12)}${typeof l.authorDate === 'string' ? ` (${l.authorDate})` : ''}` : '';
      lines.push(`           ${String(l.file)}:${String(l.line)}${commit}`);
    }
    if (locs.length > 5 || (typeof ev.locationCount === 'number' && ev.locationCount > locs.length)) lines.push(`           … ${Number(ev.locationCount) - Math.min(5, locs.length)} more`);
    lines.push(`           fingerprint ${String(ev.secretFingerprint ?? f.discriminator)}`);
  }
  const counts = new Map<Severity, number>();
  for (const f of r.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const bySeverity = [...counts.entries()].map(([s, n]) => `${n} ${s}`).join(', ');
  lines.push(r.findings.length === 0 ? 'no leaked secrets found' : `${r.findings.length} leaked secret${r.findings.length === 1 ? '' : 's'}: ${bySeverity}`);
  if (r.allowed.length > 0) lines.push(`${r.allowed.length} match${r.allowed.length === 1 ? '' : 'es'} allowed by the allow-list`);
  const skipped = r.skipped.length;
  if (skipped > 0) lines.push(`${skipped} path${skipped === 1 ? '' : 's'} skipped (binary, too large, symlinks leaving the folder, unreadable); see --format json`);
  return `${lines.join('\n')}\n`;
}

export function formatSecretsJson(r: SecretsReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** SARIF 2.1.0: one rule per secret check, one result per finding with a location per place it was found. */
export function formatSecretsSarif(r: SecretsReport): string {
  const rules = SECRET_POLICIES.map((p) => ({
    id: p.id,
    name: p.id,
    shortDescription: { text: p.title },
    fullDescription: { text: p.description },
    help: { text: p.recommendedActions.join('\n') },
    defaultConfiguration: { level: SARIF_LEVEL[p.severity] },
    properties: { tags: ['security', 'secrets'], 'security-severity': SECURITY_SEVERITY[p.severity] },
  }));
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const results = r.findings.map((f) => {
    const ev = f.evidence ?? {};
    const locs = (Array.isArray(ev.locations) ? ev.locations : []).flatMap((l) => (l !== null && typeof l === 'object' && !Array.isArray(l) ? [l] : []));
    return {
      ruleId: f.policyId,
      ruleIndex: ruleIndex.get(f.policyId) ?? 0,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: locs.slice(0, 10).map((l) => ({
        physicalLocation: {
          artifactLocation: { uri: encodeURI(String(l.file)), uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, Number(l.line) || 1) },
        },
        ...(typeof l.commit === 'string' ? { message: { text: `added in commit ${l.commit}` } } : {}),
      })),
      partialFingerprints: { 'cloudwarden/v1': f.fingerprint },
      properties: { severity: f.severity, 'security-severity': SECURITY_SEVERITY[f.severity], secretFingerprint: ev.secretFingerprint ?? null, keyStatus: ev.keyStatus ?? null, matchedPrincipal: ev.matchedPrincipal ?? null },
    };
  });
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cloudwarden', semanticVersion: r.tool.version, informationUri: 'https://www.npmjs.com/package/cloudwarden', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${encodeURI(r.root.endsWith('/') ? r.root : `${r.root}/`)}` } },
        results,
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function formatSecrets(r: SecretsReport, format: SecretsFormat): string {
  return format === 'json' ? formatSecretsJson(r) : format === 'sarif' ? formatSecretsSarif(r) : formatSecretsText(r);
}
