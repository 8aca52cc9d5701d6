/**
 * JUnit XML for CI test dashboards (GitLab, Jenkins, Azure DevOps): one `<testcase>` per check,
 * classname `provider.service` (from the policy id), name the policy id.
 * - `<failure>` when the check has open (unsuppressed) findings, listing the failing resources;
 * - `<error>` when the check failed to evaluate;
 * - `<skipped>` when it has no open finding but the scan has `denied`/`error` coverage for the
 *   check's provider and service (e.g. `aws.s3.*` and a denied `s3` call): it could not be judged.
 *   Provider-neutral (`common.*`) checks cannot be tied to one service and are never marked skipped.
 */
import type { Finding, PolicyInfo, Results } from '../results/schema.js';
import type { ReportOptions } from './types.js';
import { xmlAttr, xmlText } from './xml.js';

function classname(p: PolicyInfo): string {
  const parts = p.id.split('.');
  return parts.length >= 3 ? parts.slice(0, 2).join('.') : p.provider;
}

export function writeJunit(results: Results, _options: ReportOptions = {}): string {
  const open = new Map<string, Finding[]>();
  const suppressed = new Map<string, number>();
  for (const f of results.findings) {
    if (f.suppressed) suppressed.set(f.policyId, (suppressed.get(f.policyId) ?? 0) + 1);
    else open.set(f.policyId, [...(open.get(f.policyId) ?? []), f]);
  }
  const errors = new Map(results.policyErrors.map((e) => [e.policyId, e]));
  const gaps = results.coverage.filter((c) => c.status === 'denied' || c.status === 'error');
  let failures = 0;
  let errorCount = 0;
  let skipped = 0;
  const cases: string[] = [];
  for (const p of results.policies) {
    const head = `    <testcase classname="${xmlAttr(classname(p))}" name="${xmlAttr(p.id)}" time="0">`;
    const error = errors.get(p.id);
    const found = open.get(p.id) ?? [];
    const sup = suppressed.get(p.id) ?? 0;
    const props = `      <properties><property name="title" value="${xmlAttr(p.title)}"/><property name="severity" value="${xmlAttr(p.severity)}"/>${sup ? `<property name="suppressed" value="${sup}"/>` : ''}</properties>`;
    if (error) {
      errorCount++;
      cases.push(`${head}\n${props}\n      <error message="${xmlAttr(`failed to evaluate: ${error.message}`)}" type="policy-error">${xmlText(`${error.rule}: ${error.message}`)}</error>\n    </testcase>`);
    } else if (found.length > 0) {
      failures++;
      const lines = found.map((f) => `[${f.severity}] ${f.resourceId}${f.account ? ` (account ${f.account}${f.region ? `, ${f.region}` : ''})` : ''}: ${f.message}`);
      const message = `${found.length} open finding(s): ${p.title}`;
      cases.push(`${head}\n${props}\n      <failure message="${xmlAttr(message)}" type="${xmlAttr(p.severity)}">${xmlText(lines.join('\n'))}</failure>\n    </testcase>`);
    } else {
      const [provider, service] = p.id.split('.');
      const related = p.provider === 'common' ? [] : gaps.filter((g) => g.provider === provider && g.service === service);
      if (related.length > 0) {
        skipped++;
        const why = related.map((g) => `${g.account}/${g.region} ${g.service} ${g.operation}: ${g.status}${g.message ? ` (${g.message})` : ''}`);
        cases.push(`${head}\n${props}\n      <skipped message="${xmlAttr(`coverage gaps for ${provider}.${service}: ${why.slice(0, 5).join('; ')}${why.length > 5 ? ` and ${why.length - 5} more` : ''}`)}"/>\n    </testcase>`);
      } else {
        cases.push(`${head}\n${props}\n    </testcase>`);
      }
    }
  }
  const counts = `tests="${results.policies.length}" failures="${failures}" errors="${errorCount}" skipped="${skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cloudwarden" ${counts} time="0">`,
    `  <testsuite name="cloudwarden" ${counts} time="0" timestamp="${xmlAttr(results.generatedAt)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
