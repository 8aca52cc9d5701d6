/** `cloudwarden history`: trends from the run history database. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_HISTORY_FILE, HistoryDb, HistoryError } from '../../history/history-db.js';
import { InputError } from '../../util/errors.js';
import { stringValue, type CommandSpec } from '../args.js';
import type { CommandContext } from './context.js';

export const historySpec: CommandSpec = {
  name: 'history',
  summary: 'show trends from the run history: open findings by severity, new and resolved, savings per run',
  usage: 'cloudwarden history [--history FILE] [--limit N] [--format text|json]',
  options: {
    history: { type: 'string', value: 'FILE', description: `run history database (default ./${DEFAULT_HISTORY_FILE})` },
    limit: { type: 'string', value: 'N', description: 'show the last N runs (default 20)' },
    format: { type: 'string', value: 'text|json', description: 'output on stdout: a table (default) or JSON' },
  },
  examples: ['cloudwarden history', 'cloudwarden history --history nightly/history.db --limit 5 --format json', 'Exit codes: 0 shown, 2 missing, corrupt or locked database.'],
};

export async function historyCommand(cx: CommandContext): Promise<number> {
  const file = stringValue(cx.args.values, 'history') ?? DEFAULT_HISTORY_FILE;
  const path = resolve(cx.cwd, file);
  const format = stringValue(cx.args.values, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new InputError(`--format: expected 'text' or 'json', got '${format}'`);
  const limitText = stringValue(cx.args.values, 'limit') ?? '20';
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) throw new InputError(`--limit: expected a positive integer, got '${limitText}'`);
  if (!existsSync(path)) throw new InputError(`${file}: no run history yet (run 'cloudwarden scan' first, or pass --history FILE)`);
  let db: HistoryDb;
  try {
    db = HistoryDb.open(path, { readonly: true });
  } catch (e) {
    if (e instanceof HistoryError) throw new InputError(e.message);
    throw e;
  }
  try {
    const runs = db.trends(limit);
    if (format === 'json') {
      cx.out.result(JSON.stringify({ history: file, runs }, null, 2));
      return 0;
    }
    const header = ['run', 'date', 'critical', 'high', 'medium', 'low', 'info', 'suppr', 'new', 'resolved', 'gaps', 'savings/month'];
    const rows = runs.map((r) => [
      String(r.runId),
      r.generatedAt.slice(0, 16).replace('T', ' '),
      String(r.open.critical),
      String(r.open.high),
      String(r.open.medium),
      String(r.open.low),
      String(r.open.info),
      String(r.suppressed),
      String(r.newFindings),
      String(r.resolvedFindings),
      String(r.coverageGaps),
      `${r.monthlySavingsTotal.toFixed(2)} ${r.currency}`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const fmt = (cells: string[]): string => cells.map((c, i) => (i === 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
    cx.out.result([`Run history (${file}, last ${runs.length} run(s); open findings by severity)`, fmt(header), ...rows.map(fmt)].join('\n'));
    return 0;
  } catch (e) {
    if (e instanceof HistoryError) throw new InputError(e.message);
    throw e;
  } finally {
    db.close();
  }
}
