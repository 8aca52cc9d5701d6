import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { parse } from 'yaml';
import { parseCommandArgs } from '../../src/cli/args.js';
import { COMMANDS } from '../../src/cli/main.js';
import { REPORT_FORMATS } from '../../src/report/registry.js';

const docs = new URL('../../docs/ci/', import.meta.url);

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string };

/** Every `cloudwarden …` command line in a shell snippet must parse with the real CLI declarations. */
function checkCommands(script: string): number {
  const lines = script.replace(/\\\n/g, ' ').split('\n');
  let count = 0;
  for (const line of lines) {
    const m = /cloudwarden\s+(.*)$/.exec(line.replace(/\s+/g, ' ').trim());
    if (!m || !/\bnpx\b/.test(line)) continue;
    const [name = '', ...args] = (m[1] ?? '').split(' ').filter(Boolean);
    const entry = COMMANDS[name];
    assert.ok(entry, `unknown command in docs: cloudwarden ${name}`);
    parseCommandArgs(entry.spec, args); // throws on an unknown option
    count++;
  }
  return count;
}

const outputFile = (file: string): void => {
  const name = file.replace(/^cloudwarden-out\//, '');
  assert.ok(Object.values(REPORT_FORMATS).some((f) => f.file === name), `docs refer to ${file}, which scan does not write`);
};

test('GitHub Actions example: nightly schedule, scan, SARIF upload, artifacts, step summary', async () => {
  const wf = parse(await readFile(new URL('github-actions.yml', docs), 'utf8')) as { on: { schedule: { cron: string }[] }; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  assert.ok(wf.on.schedule[0]?.cron, 'a schedule');
  assert.equal(wf.permissions['security-events'], 'write');
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  const runs = steps.map((s) => s.run ?? '').join('\n');
  assert.ok(checkCommands(runs) >= 1);
  assert.match(runs, /npx --yes cloudwarden scan /);
  assert.match(runs, /summary\.md >> "\$GITHUB_STEP_SUMMARY"/);
  const sarif = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(sarif, 'upload-sarif step');
  assert.equal(sarif.if, 'always()');
  outputFile(String(sarif.with?.sarif_file));
  const artifacts = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  const paths = String(artifacts?.with?.path).trim().split('\n');
  assert.ok(paths.includes('cloudwarden-out/report.html') && paths.includes('cloudwarden-out/findings.csv') && paths.includes('cloudwarden-out/savings.csv'));
  paths.forEach(outputFile);
});

test('GitLab CI example: schedule rule, scan, artifacts, JUnit report', async () => {
  const wf = parse(await readFile(new URL('gitlab-ci.yml', docs), 'utf8')) as Record<string, { rules?: { if: string }[]; script?: string[]; artifacts?: { paths: string[]; reports: { junit: string } } }>;
  const job = wf.cloudwarden;
  assert.ok(job?.rules?.some((r) => r.if.includes('"schedule"')));
  assert.ok(checkCommands((job?.script ?? []).join('\n')) >= 1);
  assert.equal(job?.artifacts?.reports.junit, 'cloudwarden-out/junit.xml');
  outputFile(job?.artifacts?.reports.junit ?? '');
  job?.artifacts?.paths.forEach(outputFile);
  assert.ok(job?.artifacts?.paths.includes('cloudwarden-out/report.html'));
});
