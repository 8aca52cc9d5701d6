/**
 * `cloudwarden policies list|test|build`: inspect the checks, run their Rego tests like `opa test`,
 * and build an opa-wasm bundle when OPA is installed.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadPolicies } from '../../policy/load-policies.js';
import { runTests } from '../../policy/rego/index.js';
import { entrypointOf } from '../../policy/wasm/opa-wasm-engine.js';
import { InputError } from '../../util/errors.js';
import { stringValue, type CommandSpec } from '../args.js';
import { POLICY_OPTIONS, policyFolders } from './evaluate.js';
import type { CommandContext } from './context.js';

export const policiesSpec: CommandSpec = {
  name: 'policies',
  summary: 'list the checks, run their Rego tests, or build an opa-wasm bundle',
  usage: 'cloudwarden policies (list [--framework ID] [--format table|json] | test [--run REGEX] | build --out bundle.tar.gz) [--policies DIR ...]',
  options: {
    policies: POLICY_OPTIONS.policies!,
    'no-builtin-policies': POLICY_OPTIONS['no-builtin-policies']!,
    framework: { type: 'string', value: 'ID', description: 'list: only checks mapped to this framework (e.g. cis-aws-3.0), with their controls' },
    format: { type: 'string', value: 'table|json', description: 'list: output format (default table)' },
    run: { type: 'string', value: 'REGEX', description: 'test: only tests whose name matches' },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'build: bundle to write (default bundle.tar.gz)' },
  },
  positionals: { name: 'ACTION', description: 'list, test or build', min: 1, max: 1 },
  examples: ['cloudwarden policies list --framework cis-aws-3.0', 'cloudwarden policies test --policies ./my-policies', 'cloudwarden policies build --out bundle.tar.gz'],
};

export async function policiesCommand(cx: CommandContext): Promise<number> {
  const action = cx.args.positionals[0];
  switch (action) {
    case 'list':
      return listPolicies(cx);
    case 'test':
      return testPolicies(cx);
    case 'build':
      return buildBundle(cx);
    default:
      throw new InputError(`policies: unknown action '${String(action)}': expected list, test or build`);
  }
}

async function listPolicies(cx: CommandContext): Promise<number> {
  const format = stringValue(cx.args.values, 'format') ?? 'table';
  if (format !== 'table' && format !== 'json') throw new InputError(`--format: expected 'table' or 'json', got '${format}'`);
  const framework = stringValue(cx.args.values, 'framework');
  const loaded = await loadPolicies(policyFolders(cx.args.values, cx.cwd, cx.config.policies?.folders));
  let checks = loaded.checks.map((c) => c.info);
  if (framework) checks = checks.filter((c) => c.frameworks.some((f) => f.framework === framework));
  if (format === 'json') {
    cx.out.result(JSON.stringify(checks, null, 2));
    return 0;
  }
  const lines = checks.map((c) => {
    const fw = framework ? ` ${c.frameworks.find((f) => f.framework === framework)?.controls.join(', ') ?? ''}` : '';
    return `${c.severity.padEnd(8)} ${c.id.padEnd(58)} ${c.title}${fw ? `  [${framework}:${fw.trim()}]` : ''}`;
  });
  if (framework) {
    const controls = new Set(checks.flatMap((c) => c.frameworks.find((f) => f.framework === framework)?.controls ?? []));
    lines.push('', `${checks.length} checks cover ${controls.size} ${framework} controls: ${[...controls].sort(compareControls).join(', ') || 'none'}`);
  } else lines.push('', `${checks.length} checks`);
  cx.out.result(lines.join('\n'));
  return 0;
}

function compareControls(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

async function testPolicies(cx: CommandContext): Promise<number> {
  const pattern = stringValue(cx.args.values, 'run');
  let re: RegExp | undefined;
  try {
    re = pattern ? new RegExp(pattern) : undefined;
  } catch (e) {
    throw new InputError(`--run: invalid regular expression: ${(e as Error).message}`);
  }
  const loaded = await loadPolicies(policyFolders(cx.args.values, cx.cwd, cx.config.policies?.folders), { includeTests: true });
  const results = runTests(loaded.compiled).filter((r) => !re || re.test(r.name));
  let failed = 0;
  const lines: string[] = [];
  for (const r of results) {
    const where = `${r.file.replace(`${cx.cwd}/`, '')}:${r.line}`;
    if (r.pass) lines.push(`${cx.out.paint('32', 'PASS')} ${r.name} (${r.durationMs.toFixed(1)} ms)`);
    else {
      failed++;
      lines.push(`${cx.out.paint('31', 'FAIL')} ${r.name} (${where})`);
      if (r.error) lines.push(`     error: ${r.error}`);
      else if (r.failedExpression) lines.push(`     failed: ${r.failedExpression}`);
    }
  }
  const untested = loaded.checks.filter((c) => !results.some((r) => r.name.startsWith(`${c.denyPath.slice(0, -'.deny'.length)}_test.`)));
  for (const c of untested) lines.push(`${cx.out.paint('33', 'WARN')} ${c.info.id} has no tests (${c.info.file.replace(/\.rego$/, '_test.rego')})`);
  lines.push('', `policies: ${results.length - failed} passed, ${failed} failed`);
  cx.out.result(lines.join('\n'));
  if (results.length === 0) {
    cx.out.error('no tests found (tests are test_* rules in *_test.rego files beside the checks)');
    return 1;
  }
  return failed > 0 ? 1 : 0;
}

async function buildBundle(cx: CommandContext): Promise<number> {
  const folders = policyFolders(cx.args.values, cx.cwd, cx.config.policies?.folders);
  const loaded = await loadPolicies(folders);
  const out = resolve(cx.cwd, stringValue(cx.args.values, 'out') ?? 'bundle.tar.gz');
  const probe = spawnSync('opa', ['version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new InputError(
      "policies build needs the 'opa' binary on PATH to compile Rego to WebAssembly (https://www.openpolicyagent.org/docs/latest/#running-opa). " +
        "cloudwarden's built-in engine needs no opa: use it unless you must run your own wasm bundles.",
    );
  }
  const args = ['build', '-t', 'wasm', '-o', out, ...loaded.checks.flatMap((c) => ['-e', entrypointOf(c)]), ...folders];
  cx.out.info(`opa ${args.join(' ')}`);
  const r = spawnSync('opa', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new InputError(`opa build failed:\n${r.stderr || r.stdout}`);
  cx.out.result(`wrote ${out} with ${loaded.checks.length} entrypoints`);
  return 0;
}
