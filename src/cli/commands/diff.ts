/** `cloudwarden diff A B`: findings new in B, resolved since A, and unchanged, by fingerprint. */
import { resolve } from 'node:path';
import { diffResults } from '../../ci/baseline.js';
import type { Finding } from '../../results/schema.js';
import { readResultsJson } from '../../results/results-io.js';
import { InputError } from '../../util/errors.js';
import { stringValue, type CommandSpec } from '../args.js';
import type { CommandContext } from './context.js';

export const diffSpec: CommandSpec = {
  name: 'diff',
  summary: 'compare two results files: new, resolved and unchanged findings',
  usage: 'cloudwarden diff BEFORE AFTER [--format text|json]',
  options: {
    format: { type: 'string', value: 'text|json', description: 'output on stdout: text (default) or JSON {new, resolved, unchanged}' },
  },
  positionals: { name: 'BEFORE AFTER', description: 'two results files (results.json), older first', min: 2, max: 2 },
  examples: ['cloudwarden diff last-week/results.json out/results.json', 'cloudwarden diff a.json b.json --format json > diff.json', 'Exit codes: 0 compared (whatever changed), 2 unreadable or invalid file.'],
};

function line(f: Finding): string {
  return `  ${f.severity.toUpperCase().padEnd(8)} ${f.policyId}  ${f.resourceId}  ${f.message.replace(/[\r\n]+/g, ' ')}`;
}

export async function diffCommand(cx: CommandContext): Promise<number> {
  const format = stringValue(cx.args.values, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new InputError(`--format: expected 'text' or 'json', got '${format}'`);
  const [a = '', b = ''] = cx.args.positionals;
  const before = await readResultsJson(resolve(cx.cwd, a), a);
  const after = await readResultsJson(resolve(cx.cwd, b), b);
  const d = diffResults(before, after);
  if (format === 'json') {
    cx.out.result(JSON.stringify({ before: a, after: b, counts: { new: d.new.length, resolved: d.resolved.length, unchanged: d.unchanged.length }, ...d }, null, 2));
    return 0;
  }
  const lines = [`${d.new.length} new, ${d.resolved.length} resolved, ${d.unchanged.length} unchanged (${a} → ${b})`];
  for (const [title, list] of [['New', d.new], ['Resolved', d.resolved], ['Unchanged', d.unchanged]] as const) {
    if (list.length === 0) continue;
    lines.push('', `${cx.out.paint('1', title)} (${list.length}):`, ...list.map(line));
  }
  cx.out.result(lines.join('\n'));
  return 0;
}
