/**
 * `cloudwarden permissions`: the minimal read-only permission set, straight from what each
 * collector declares (so the list cannot drift from the code).
 */
import { PROVIDER_MODULES, isAvailableProvider } from '../../collectors/registry.js';
import { InputError } from '../../util/errors.js';
import { stringList, stringValue, type CommandSpec } from '../args.js';
import type { CommandContext } from './context.js';

export const permissionsSpec: CommandSpec = {
  name: 'permissions',
  summary: 'print the read-only permissions each collector needs',
  usage: 'cloudwarden permissions [--provider NAME ...] [--format table|json]',
  options: {
    provider: { type: 'string', multiple: true, short: 'p', value: 'NAME', description: 'only these providers (default all)' },
    format: { type: 'string', value: 'table|json', description: 'output format (default table)' },
  },
  examples: ['cloudwarden permissions --provider aws --format json'],
};

export async function permissionsCommand(cx: CommandContext): Promise<number> {
  const format = stringValue(cx.args.values, 'format') ?? 'table';
  if (format !== 'table' && format !== 'json') throw new InputError(`--format: expected 'table' or 'json', got '${format}'`);
  const requested = stringList(cx.args.values, 'provider');
  for (const p of requested) if (!isAvailableProvider(p)) throw new InputError(`unknown provider '${p}': expected one of ${Object.keys(PROVIDER_MODULES).join(', ')}`);
  const providers = (requested.length ? requested : Object.keys(PROVIDER_MODULES)) as (keyof typeof PROVIDER_MODULES)[];
  const rows = providers.flatMap((p) =>
    PROVIDER_MODULES[p].collectors.flatMap((c) => c.permissions.map((perm) => ({ provider: p, collector: c.id, action: perm.action, why: perm.why }))),
  );
  if (format === 'json') {
    cx.out.result(JSON.stringify(rows, null, 2));
    return 0;
  }
  const lines: string[] = [];
  for (const p of providers) {
    lines.push(`${cx.out.paint('1', p)}: ${PROVIDER_MODULES[p].description}`);
    for (const r of rows.filter((x) => x.provider === p)) lines.push(`  ${r.action.padEnd(52)} ${r.collector.padEnd(22)} ${r.why}`);
    lines.push('');
  }
  cx.out.result(lines.join('\n'));
  return 0;
}
