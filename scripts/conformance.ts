/**
 * OPA conformance runner: evaluates the YAML cases of OPA's `v1` test data with the
 * built-in Rego evaluator and compares results. See src/policy/rego/README.md.
 *
 * Usage: npm run conformance [-- --verbose] [-- --only <folder>] [-- --write-expected]
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Value } from '../src/policy/rego/index.js';
import { RegoCompileError, RegoEvalError, compileModules, evaluate, compare, toJSON } from '../src/policy/rego/index.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args0 = process.argv.slice(2);
/** `--v0` runs the Rego v0 folder instead (informational; the expected-failures list covers v1 only). */
const v0 = args0.includes('--v0');
const dir = process.env.OPA_CONFORMANCE_DIR ?? join(repo, '..', 'shared', 'opa-conformance', v0 ? 'v0' : 'v1');
const expectedPath = join(repo, 'test', 'conformance', 'expected-failures.yaml');

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const writeExpected = args.includes('--write-expected');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;

/** OPA builtins (or experimental features) this evaluator does not implement: cases using them are skipped. */
const UNIMPLEMENTED = [
  'graphql.',
  'net.lookup_ip_addr',
  'crypto.x509.parse_certificate_request',
  'providers.aws.sign_req',
  'rego.parse_module',
  'regex.globs_match',
  'test.sleep',
  'net.cidr_overlap',
  'time.now_ns',
];
// time.now_ns is implemented, but keep it out of the skip list:
UNIMPLEMENTED.pop();

interface Case {
  note: string;
  query: string;
  modules?: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  want_result?: Record<string, unknown>[];
  sort_bindings?: boolean;
  ignore_generated_vars?: boolean;
  want_error_code?: string;
  want_error?: string;
  strict_error?: boolean;
  experimental_keywords?: boolean;
}

interface Expected {
  folder: string;
  file: string;
  note: string;
  reason: string;
}

function canonicalJSON(x: unknown): string {
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'number') return Object.is(x, -0) ? '0' : String(x);
  if (typeof x === 'bigint') return String(Number(x));
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'boolean') return String(x);
  if (Array.isArray(x)) return '[' + x.map(canonicalJSON).join(',') + ']';
  const o = x as Record<string, unknown>;
  return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + canonicalJSON(o[k])).join(',') + '}';
}

function normalizeYaml(x: unknown): unknown {
  if (typeof x === 'bigint') return Number(x);
  if (Array.isArray(x)) return x.map(normalizeYaml);
  if (x instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of x) o[String(k)] = normalizeYaml(v);
    return o;
  }
  if (x && typeof x === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) Object.defineProperty(o, k, { value: normalizeYaml(v), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return x;
}

type Outcome = { status: 'pass' } | { status: 'fail'; why: string } | { status: 'skip'; why: string };

function runCase(c: Case): Outcome {
  const text = [c.query, ...(c.modules ?? [])].join('\n');
  for (const u of UNIMPLEMENTED) if (text.includes(u)) return { status: 'skip', why: `uses ${u}` };
  let compiled;
  try {
    compiled = compileModules(
      (c.modules ?? []).map((source, i) => ({ path: `test-${i}.rego`, source })),
      { regoVersion: v0 ? 'v0' : 'v1' },
    );
  } catch (e) {
    return { status: 'fail', why: `compile: ${(e as Error).message}` };
  }
  let input: Value | undefined = c.input === undefined ? undefined : (normalizeYaml(c.input) as Value);
  try {
    if (c.input_term !== undefined) {
      const empty = compileModules([]);
      const rs = evaluate(empty, `__input__ = ${c.input_term}`);
      input = rs[0]?.['__input__'];
    }
  } catch (e) {
    return { status: 'fail', why: `input_term: ${(e as Error).message}` };
  }
  let results: Record<string, Value>[];
  try {
    const opts: Parameters<typeof evaluate>[2] = { strictBuiltinErrors: c.strict_error === true };
    if (input !== undefined) opts.input = input;
    if (c.data !== undefined) opts.data = normalizeYaml(c.data) as Value;
    results = evaluate(compiled, c.query, opts);
  } catch (e) {
    if (!(e instanceof RegoEvalError) && !(e instanceof RegoCompileError)) {
      return { status: 'fail', why: `crash: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}` };
    }
    if (c.want_error_code === undefined && c.want_error === undefined) return { status: 'fail', why: `unexpected error: ${e.message}` };
    if (c.want_error_code !== undefined && e.code !== c.want_error_code)
      return { status: 'fail', why: `error code ${e.code}, want ${c.want_error_code}: ${e.message}` };
    if (c.want_error !== undefined && !e.message.includes(c.want_error)) return { status: 'fail', why: `error ${JSON.stringify(e.message)}, want ${JSON.stringify(c.want_error)}` };
    return { status: 'pass' };
  }
  if (c.want_error_code !== undefined || c.want_error !== undefined) {
    return { status: 'fail', why: `expected error ${c.want_error_code ?? ''} ${c.want_error ?? ''}, got ${results.length} results` };
  }
  if (c.want_result === undefined) return { status: 'pass' };
  const actual = new Set<string>();
  for (const r of results) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) {
      if (c.ignore_generated_vars && k.startsWith('__localq')) continue;
      let val = toJSON(v) as Value;
      if (c.sort_bindings && Array.isArray(val)) val = [...val].sort(compare);
      o[k] = val;
    }
    actual.add(canonicalJSON(o));
  }
  const want = new Set((normalizeYaml(c.want_result) as unknown[]).map(canonicalJSON));
  const same = actual.size === want.size && [...want].every((w) => actual.has(w));
  if (!same) {
    const a = [...actual].join(' ');
    const w = [...want].join(' ');
    return { status: 'fail', why: `result mismatch:\n      got  ${a.slice(0, 400)}\n      want ${w.slice(0, 400)}` };
  }
  return { status: 'pass' };
}

function main(): void {
  if (!existsSync(dir)) {
    console.log(`conformance: test data not found at ${dir} (set OPA_CONFORMANCE_DIR); nothing to run`);
    console.log('conformance: 0 passed, 0 failed, 0 skipped');
    return;
  }
  const expected: Expected[] = existsSync(expectedPath) && !v0 ? ((parseYaml(readFileSync(expectedPath, 'utf8')) as { failures?: Expected[] })?.failures ?? []) : [];
  const expectedKey = (e: { folder: string; file: string; note: string }): string => `${e.folder}/${e.file}#${e.note}`;
  const expectedMap = new Map(expected.map((e) => [expectedKey(e), e]));
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const unexpectedFailures: string[] = [];
  const unexpectedPasses: string[] = [];
  const newFailures: Expected[] = [];
  const seenKeys = new Set<string>();
  const t0 = Date.now();
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const folder of folders) {
    if (only && folder !== only) continue;
    let fp = 0;
    let ff = 0;
    let fs = 0;
    const files = readdirSync(join(dir, folder)).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
    for (const file of files) {
      const doc = parseYaml(readFileSync(join(dir, folder, file), 'utf8'), { version: '1.1', intAsBigInt: true }) as { cases?: Case[] };
      for (const c of doc?.cases ?? []) {
        const key = expectedKey({ folder, file, note: c.note });
        seenKeys.add(key);
        let out: Outcome;
        try {
          out = runCase(c);
        } catch (e) {
          out = { status: 'fail', why: `runner crash: ${(e as Error).message}` };
        }
        const listed = expectedMap.get(key);
        if (out.status === 'pass') {
          fp++;
          if (listed) unexpectedPasses.push(key);
        } else if (out.status === 'skip') {
          fs++;
          if (verbose) console.log(`  SKIP ${key}: ${out.why}`);
        } else {
          ff++;
          newFailures.push({ folder, file, note: c.note, reason: listed?.reason ?? out.why.split('\n')[0]!.slice(0, 200) });
          if (!listed) unexpectedFailures.push(`${key}: ${out.why}`);
          if (verbose) console.log(`  FAIL ${key}: ${out.why}`);
        }
      }
    }
    passed += fp;
    failed += ff;
    skipped += fs;
    console.log(`${folder}: ${fp} passed, ${ff} failed, ${fs} skipped`);
  }
  if (writeExpected) {
    const body = stringifyYaml({ failures: newFailures }, { lineWidth: 0 });
    writeFileSync(
      expectedPath,
      '# Known failures of the OPA v1 conformance cases (folder + file + note, with a reason).\n' +
        '# The runner fails if a case fails that is not listed here, or if a listed case passes.\n' +
        body,
    );
    console.log(`wrote ${newFailures.length} expected failures to ${expectedPath}`);
  }
  const ran = passed + failed;
  console.log(`time: ${((Date.now() - t0) / 1000).toFixed(1)}s; pass rate over cases with implemented builtins: ${ran ? ((100 * passed) / ran).toFixed(1) : '0'}%`);
  let bad = false;
  if (!writeExpected && !only && !v0) {
    for (const u of unexpectedFailures) {
      console.log(`UNEXPECTED FAILURE ${u}`);
      bad = true;
    }
    for (const u of unexpectedPasses) {
      console.log(`UNEXPECTED PASS (remove from expected-failures.yaml) ${u}`);
      bad = true;
    }
    for (const k of expectedMap.keys()) {
      if (!seenKeys.has(k)) {
        console.log(`STALE expected failure (case not found) ${k}`);
        bad = true;
      }
    }
  }
  console.log(`conformance: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (bad) process.exitCode = 1;
}

main();
