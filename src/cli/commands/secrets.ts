/**
 * `cloudwarden secrets scan PATH`: leaked credentials in files and git history, matched against an
 * inventory snapshot. Exit 0 when nothing at or above --fail-on (default low: documentation example
 * keys, which are info, never fail) was found, 1 when something was, 2 on usage or input errors.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { atOrAbove, parseSeverity } from '../../ci/gate.js';
import { readSnapshot } from '../../graph/snapshot-io.js';
import type { Snapshot } from '../../graph/schema.js';
import type { Finding, PolicyInfo, Severity } from '../../results/schema.js';
import { buildSecretsReport, formatSecrets, loadAllowlist, scanPathForFindings, SECRET_POLICIES, SECRETS_FORMATS, type SecretsFormat } from '../../secrets/scan/index.js';
import { writeTextAtomic } from '../../util/atomic-write.js';
import { InputError } from '../../util/errors.js';
import { stringValue, type CommandSpec } from '../args.js';
import type { CommandContext } from './context.js';

export const secretsSpec: CommandSpec = {
  name: 'secrets',
  summary: 'find leaked cloud keys in files and git history, matched against the IAM inventory',
  usage: 'cloudwarden secrets scan PATH [--git-history] [--allowlist FILE] [--snapshot FILE] [--format text|json|sarif] [--out FILE] [--fail-on SEVERITY]',
  positionals: { name: 'scan PATH', description: 'the subcommand (scan) and the file or folder to scan', min: 2, max: 2 },
  options: {
    'git-history': { type: 'boolean', description: 'also scan every commit of the git repository PATH is in (git log -p --all): lines each commit added' },
    allowlist: { type: 'string', value: 'FILE', description: 'YAML allow-list: paths, patterns and fingerprints that are not leaks, each with a reason' },
    snapshot: { type: 'string', value: 'FILE', description: 'inventory snapshot: match AWS key ids to iam.access_key nodes (active, owner, admin rights) for severity' },
    format: { type: 'string', value: 'FORMAT', description: `output format: ${SECRETS_FORMATS.join(', ')} (default text)` },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'write the output to FILE (atomically) instead of stdout' },
    'fail-on': { type: 'string', value: 'SEVERITY', description: 'exit 1 when a leak at or above critical|high|medium|low|info is found (default low)' },
    'max-file-size': { type: 'string', value: 'BYTES', description: 'skip files larger than this (default 2097152)' },
  },
  examples: [
    'cloudwarden secrets scan . --git-history',
    'cloudwarden secrets scan repo/ --snapshot out/snapshot.json --format sarif --out secrets.sarif',
    'cloudwarden secrets scan . --allowlist .cloudwarden-secrets.yaml --fail-on high',
    'Exit codes: 0 no leak at or above --fail-on; 1 leaks found; 2 usage or input error. No output ever contains a secret.',
  ],
};

export async function secretsCommand(cx: CommandContext): Promise<number> {
  const [sub, path] = cx.args.positionals;
  if (sub !== 'scan') throw new InputError(`secrets: unknown subcommand '${sub ?? ''}' (expected: scan). Usage: ${secretsSpec.usage}`);
  if (path === undefined) throw new InputError(`secrets scan: missing PATH. Usage: ${secretsSpec.usage}`);
  const values = cx.args.values;
  const formatText = stringValue(values, 'format') ?? 'text';
  if (!(SECRETS_FORMATS as readonly string[]).includes(formatText)) throw new InputError(`secrets scan: --format: expected one of ${SECRETS_FORMATS.join(', ')}, got '${formatText}'`);
  const format = formatText as SecretsFormat;
  let failOn: Severity = 'low';
  const failOnText = stringValue(values, 'fail-on');
  if (failOnText !== undefined) {
    try {
      failOn = parseSeverity(failOnText, '--fail-on');
    } catch (e) {
      throw new InputError(`secrets scan: ${(e as Error).message}`);
    }
  }
  const maxText = stringValue(values, 'max-file-size');
  const maxFileBytes = maxText === undefined ? undefined : Number(maxText);
  if (maxFileBytes !== undefined && (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0)) throw new InputError(`secrets scan: --max-file-size: expected a positive number of bytes, got '${maxText}'`);
  const allowPath = stringValue(values, 'allowlist');
  const allow = allowPath === undefined ? [] : await loadAllowlist(resolve(cx.cwd, allowPath), allowPath);
  const snapshotPath = stringValue(values, 'snapshot');
  const snapshot: Snapshot | null = snapshotPath === undefined ? null : await readSnapshot(resolve(cx.cwd, snapshotPath), { displayPath: snapshotPath });
  const gitHistory = values['git-history'] === true;
  const { outcome, findings, warnings } = await scanPathForFindings(resolve(cx.cwd, path), snapshot, { gitHistory, allow, ...(maxFileBytes !== undefined ? { maxFileBytes } : {}) });
  for (const w of warnings) cx.out.warn(w);
  const report = buildSecretsReport(outcome, findings, { gitHistory, snapshot: snapshotPath ?? null });
  const text = formatSecrets(report, format);
  const out = stringValue(values, 'out');
  if (out !== undefined) {
    await writeTextAtomic(resolve(cx.cwd, out), text);
    cx.out.info(`wrote ${out}`);
    if (format !== 'text') cx.out.result(formatSecrets(report, 'text'));
  } else cx.out.result(text);
  return findings.some((f) => atOrAbove(f.severity, failOn)) ? 1 : 0;
}

/** `scan` options for leaked-key scanning beside the inventory (kept here; scan.ts only spreads them). */
export const SCAN_PATH_OPTIONS: CommandSpec['options'] = {
  'scan-path': { type: 'string', value: 'PATH', description: 'also scan PATH for leaked keys (as secrets scan does) and match AWS keys to the collected IAM inventory; the leaks join results.json' },
  'scan-path-history': { type: 'boolean', description: 'with --scan-path: also scan the git history of PATH' },
  'scan-path-allowlist': { type: 'string', value: 'FILE', description: 'with --scan-path: secrets allow-list (see secrets scan --allowlist)' },
};

export interface LeakScanResult {
  findings: Finding[];
  policies: PolicyInfo[];
}

/**
 * For `scan --scan-path`: validates the flags and loads the allow-list before collection (so a typo
 * fails at once); returns null without --scan-path, else the scan to run against the snapshot.
 */
export async function prepareLeakScan(cx: CommandContext): Promise<((snapshot: Snapshot) => Promise<LeakScanResult>) | null> {
  const values = cx.args.values;
  const path = stringValue(values, 'scan-path');
  if (path === undefined) {
    if (values['scan-path-history'] === true || stringValue(values, 'scan-path-allowlist') !== undefined) throw new InputError('scan: --scan-path-history and --scan-path-allowlist need --scan-path PATH');
    return null;
  }
  const root = resolve(cx.cwd, path);
  try {
    await stat(root);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`scan: --scan-path: cannot read ${path} (${code === 'ENOENT' ? 'no such file or folder' : code ?? String(e)})`);
  }
  const allowPath = stringValue(values, 'scan-path-allowlist');
  const allow = allowPath === undefined ? [] : await loadAllowlist(resolve(cx.cwd, allowPath), allowPath);
  const gitHistory = values['scan-path-history'] === true;
  return async (snapshot) => {
    const { outcome, findings, warnings } = await scanPathForFindings(root, snapshot, { gitHistory, allow });
    for (const w of warnings) cx.out.warn(w);
    const allowed = outcome.hits.filter((h) => h.allowed !== null).length;
    cx.out.info(`leaked-key scan of ${path}: ${outcome.filesScanned} files${outcome.commitsScanned !== null ? `, ${outcome.commitsScanned} commits` : ''}, ${findings.length} leak${findings.length === 1 ? '' : 's'}${allowed > 0 ? `, ${allowed} allowed` : ''}`);
    return { findings, policies: [...SECRET_POLICIES] };
  };
}
