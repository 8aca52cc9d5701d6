/**
 * A Markdown summary for CI job pages (`$GITHUB_STEP_SUMMARY`, GitLab notes): gate verdict,
 * counts by severity, top open findings, coverage gaps, suppression warnings, savings total.
 * Every value from the results is escaped: Markdown punctuation (pipes, backticks, emphasis,
 * links) gets a backslash, `<`, `>` and `&` become entities so no HTML reaches the page, and line
 * breaks and control characters become spaces so a value cannot break a table row.
 */
import type { Results, Severity } from '../results/schema.js';
import { SEVERITIES } from '../results/schema.js';
import type { ReportOptions } from './types.js';

/** Escapes text for a Markdown table cell or paragraph. */
export function mdEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]|~]/g, '\\$&')
  );
}

const ICON: Record<string, string> = { passed: 'passed', failed: 'FAILED', error: 'ERROR (incomplete run)' };

function amount(value: number, currency: string): string {
  return `${value.toFixed(2)} ${currency}`;
}

/**
 * The summary's lines. It is bounded by design (top findings, the first 20 gaps, warnings), so it
 * is built whole; only the full reports need streaming.
 */
function markdownLines(results: Results, options: ReportOptions): string[] {
  const s = results.summary;
  const lines: string[] = ['## cloudwarden scan summary', ''];
  const gate = options.gate;
  if (gate) {
    const threshold = gate.failOn ? `fail on ${gate.failOn}${gate.newOnly ? ' (new findings only)' : ''}` : 'no severity threshold';
    lines.push(`**Gate: ${ICON[gate.status] ?? gate.status}** (${mdEscape(threshold)}, exit code ${gate.exitCode})`, '');
    for (const r of gate.reasons) lines.push(`- ${mdEscape(r)}`);
    lines.push('');
  }
  for (const w of options.runWarnings ?? []) lines.push(`**Warning:** ${mdEscape(w)}`, '');
  lines.push(
    `${s.openFindings} open finding(s), ${s.suppressedFindings} suppressed, from ${s.policiesEvaluated} checks over ${s.resources} resources.`,
    '',
    '| Severity | Open |',
    '| --- | ---: |',
    ...SEVERITIES.map((sev: Severity) => `| ${sev} | ${s.findingsBySeverity[sev]} |`),
    '',
  );
  if (results.resolved !== null) {
    const fresh = results.findings.filter((f) => f.baseline === 'new' && !f.suppressed).length;
    lines.push(`Against the baseline: ${fresh} new open finding(s), ${results.resolved.length} resolved.`, '');
  }
  const top = results.findings.filter((f) => !f.suppressed).slice(0, options.topFindings ?? 10);
  if (top.length > 0) {
    lines.push('### Top findings', '', '| Severity | Check | Resource | Account | Message |', '| --- | --- | --- | --- | --- |');
    for (const f of top) {
      lines.push(`| ${f.severity}${f.baseline === 'new' ? ' (new)' : ''} | ${mdEscape(f.policyId)} | ${mdEscape(f.resourceName ?? f.resourceId)} | ${mdEscape(f.account ?? '')} | ${mdEscape(f.message)} |`);
    }
    if (s.openFindings > top.length) lines.push('', `… and ${s.openFindings - top.length} more open finding(s) in the full report.`);
    lines.push('');
  }
  if (results.policyErrors.length > 0) {
    lines.push('### Checks that failed to evaluate', '');
    for (const e of results.policyErrors) lines.push(`- ${mdEscape(e.policyId)}: ${mdEscape(e.message)}`);
    lines.push('');
  }
  const gaps = results.coverage.filter((c) => c.status !== 'ok');
  if (gaps.length > 0) {
    lines.push(`### Coverage gaps (${gaps.length})`, '', 'What could not be read is not known to be compliant.', '', '| Status | Provider | Account | Region | Service | Operation | Message |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const c of gaps.slice(0, 20)) {
      lines.push(`| ${c.status} | ${mdEscape(c.provider)} | ${mdEscape(c.account)} | ${mdEscape(c.region)} | ${mdEscape(c.service)} | ${mdEscape(c.operation)} | ${mdEscape(c.message ?? '')} |`);
    }
    if (gaps.length > 20) lines.push('', `… and ${gaps.length - 20} more.`);
    lines.push('');
  }
  if (options.suppressionWarnings && options.suppressionWarnings.length > 0) {
    lines.push('### Suppression warnings', '');
    for (const w of options.suppressionWarnings) lines.push(`- ${mdEscape(w)}`);
    lines.push('');
  }
  if (results.savings.length > 0) {
    lines.push('### Savings', '', `Estimated monthly savings: **${amount(s.monthlySavingsTotal, mdEscape(s.currency))}** from ${results.savings.length} recommendation(s).`, '');
  }
  return lines;
}

/** The summary one line at a time. */
export function* markdownChunks(results: Results, options: ReportOptions = {}): Generator<string, void, undefined> {
  for (const line of markdownLines(results, options)) yield `${line}\n`;
}

export function writeMarkdown(results: Results, options: ReportOptions = {}): string {
  return [...markdownChunks(results, options)].join('');
}
