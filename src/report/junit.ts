/**
 * JUnit XML for CI test dashboards (GitLab, Jenkins, Azure DevOps): one `<testcase>` per check,
 * classname `provider.service` (from the policy id), name the policy id.
 * - `<failure>` when the check has open (unsuppressed) findings, listing the failing resources;
 * - `<error>` when the check failed to evaluate;
 * - `<skipped>` when it has no open finding but the scan has `denied`/`error` coverage for the
 *   check's provider and service (e.g. `aws.s3.*` and a denied `s3` call): it could not be judged.
 *   Provider-neutral (`common.*`) checks cannot be tied to one service and are never marked skipped.
 */
import type { CoverageRow } from '../graph/schema.js';
import type { Finding, PolicyError, PolicyInfo, Results } from '../results/schema.js';
import type { ReportOptions } from './types.js';
import { xmlAttr, xmlText } from './xml.js';

function classname(p: PolicyInfo): string {
  const parts = p.id.split('.');
  return parts.length >= 3 ? parts.slice(0, 2).join('.') : p.provider;
}

/** What a check's testcase says, decided before any is written (the suite's counts come first). */
type Verdict =
  | { kind: 'error'; error: PolicyError }
  | { kind: 'failure'; open: readonly Finding[] }
  | { kind: 'skipped'; gaps: readonly CoverageRow[] }
  | { kind: 'passed' };

interface CheckCase {
  policy: PolicyInfo;
  suppressed: number;
  verdict: Verdict;
}

function checkCases(results: Results): CheckCase[] {
  const open = new Map<string, Finding[]>();
  const suppressed = new Map<string, number>();
  for (const f of results.findings) {
    if (f.suppressed) suppressed.set(f.policyId, (suppressed.get(f.policyId) ?? 0) + 1);
    else {
      const list = open.get(f.policyId);
      if (list) list.push(f);
      else open.set(f.policyId, [f]);
    }
  }
  const errors = new Map(results.policyErrors.map((e) => [e.policyId, e]));
  const gaps = results.coverage.filter((c) => c.status === 'denied' || c.status === 'error');
  return results.policies.map((policy) => ({ policy, suppressed: suppressed.get(policy.id) ?? 0, verdict: verdictOf(policy, errors, open, gaps) }));
}

function verdictOf(p: PolicyInfo, errors: ReadonlyMap<string, PolicyError>, open: ReadonlyMap<string, readonly Finding[]>, gaps: readonly CoverageRow[]): Verdict {
  const error = errors.get(p.id);
  if (error) return { kind: 'error', error };
  const found = open.get(p.id) ?? [];
  if (found.length > 0) return { kind: 'failure', open: found };
  const [provider, service] = p.id.split('.');
  const related = p.provider === 'common' ? [] : gaps.filter((g) => g.provider === provider && g.service === service);
  return related.length > 0 ? { kind: 'skipped', gaps: related } : { kind: 'passed' };
}

function failingLine(f: Finding): string {
  return `[${f.severity}] ${f.resourceId}${f.account ? ` (account ${f.account}${f.region ? `, ${f.region}` : ''})` : ''}: ${f.message}`;
}

/** One testcase, each line ending in a newline; a failure's list of resources one finding at a time. */
function* testcaseChunks({ policy: p, suppressed: sup, verdict }: CheckCase): Generator<string, void, undefined> {
  const head = `    <testcase classname="${xmlAttr(classname(p))}" name="${xmlAttr(p.id)}" time="0">`;
  const props = `      <properties><property name="title" value="${xmlAttr(p.title)}"/><property name="severity" value="${xmlAttr(p.severity)}"/>${sup ? `<property name="suppressed" value="${sup}"/>` : ''}</properties>`;
  const tail = '\n    </testcase>\n';
  switch (verdict.kind) {
    case 'error': {
      const { error } = verdict;
      yield `${head}\n${props}\n      <error message="${xmlAttr(`failed to evaluate: ${error.message}`)}" type="policy-error">${xmlText(`${error.rule}: ${error.message}`)}</error>${tail}`;
      return;
    }
    case 'failure': {
      const message = `${verdict.open.length} open finding(s): ${p.title}`;
      yield `${head}\n${props}\n      <failure message="${xmlAttr(message)}" type="${xmlAttr(p.severity)}">`;
      // xmlText of the lines joined by "\n" equals the lines escaped one by one and joined: it
      // replaces single characters, and "\n", like a string's edge, is no surrogate half.
      for (const [i, f] of verdict.open.entries()) yield `${i === 0 ? '' : '\n'}${xmlText(failingLine(f))}`;
      yield `</failure>${tail}`;
      return;
    }
    case 'skipped': {
      const [provider, service] = p.id.split('.');
      const why = verdict.gaps.map((g) => `${g.account}/${g.region} ${g.service} ${g.operation}: ${g.status}${g.message ? ` (${g.message})` : ''}`);
      yield `${head}\n${props}\n      <skipped message="${xmlAttr(`coverage gaps for ${provider}.${service}: ${why.slice(0, 5).join('; ')}${why.length > 5 ? ` and ${why.length - 5} more` : ''}`)}"/>${tail}`;
      return;
    }
    case 'passed':
      yield `${head}\n${props}${tail}`;
  }
}

/**
 * The JUnit document one testcase at a time, and a failing one resource by resource (one check may
 * fail on hundreds of thousands of them).
 */
export function* junitChunks(results: Results, _options: ReportOptions = {}): Generator<string, void, undefined> {
  const cases = checkCases(results);
  const count = (kind: Verdict['kind']): number => cases.filter((c) => c.verdict.kind === kind).length;
  const counts = `tests="${results.policies.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}"`;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="cloudwarden" ${counts} time="0">\n`;
  yield `  <testsuite name="cloudwarden" ${counts} time="0" timestamp="${xmlAttr(results.generatedAt)}">\n`;
  for (const c of cases) yield* testcaseChunks(c);
  yield '  </testsuite>\n</testsuites>\n';
}

export function writeJunit(results: Results, options: ReportOptions = {}): string {
  return [...junitChunks(results, options)].join('');
}
