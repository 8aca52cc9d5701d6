/**
 * Argument parsing on Node's `util.parseArgs`, with errors that say which command and option were
 * wrong and how to get help. Every command declares its options once; help text is generated from
 * the same declarations so `--help` cannot drift from the parser.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../util/errors.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Value placeholder in help, e.g. `FILE`. */
  value?: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  /** Names of positional arguments in help, e.g. `SNAPSHOT`; undefined means none allowed. */
  positionals?: { name: string; description: string; min: number; max: number };
  examples?: string[];
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  config: { type: 'string', value: 'FILE', description: 'config file (default: ./cloudwarden.yaml when present; env CLOUDWARDEN_CONFIG)' },
  'log-format': { type: 'string', value: 'text|json', description: 'log lines on stderr as text or JSON (env CLOUDWARDEN_LOG_FORMAT)' },
  quiet: { type: 'boolean', short: 'q', description: 'print only warnings, errors and results' },
  debug: { type: 'boolean', description: 'print debug details and stack traces' },
  help: { type: 'boolean', short: 'h', description: 'show help for the command' },
};

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseCommandArgs(spec: CommandSpec, argv: string[]): ParsedArgs {
  const options = { ...GLOBAL_OPTIONS, ...spec.options };
  const config: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const [name, o] of Object.entries(options)) config[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: config, allowPositionals: true, strict: true });
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e);
    throw new InputError(`${spec.name}: ${lowerFirst(message)}. Run 'cloudwarden ${spec.name} --help' for the options.`);
  }
  const values = parsed.values as ParsedArgs['values'];
  if (values.help) return { values, positionals: parsed.positionals };
  const pos = spec.positionals;
  const count = parsed.positionals.length;
  if (!pos && count > 0) throw new InputError(`${spec.name}: unexpected argument '${parsed.positionals[0]}'. Run 'cloudwarden ${spec.name} --help'.`);
  if (pos && count < pos.min) throw new InputError(`${spec.name}: missing ${pos.name}. Usage: ${spec.usage}`);
  if (pos && count > pos.max) throw new InputError(`${spec.name}: too many arguments (expected at most ${pos.max} ${pos.name}). Usage: ${spec.usage}`);
  return { values, positionals: parsed.positionals };
}

export function formatCommandHelp(spec: CommandSpec): string {
  const lines = [`cloudwarden ${spec.name}: ${spec.summary}`, '', `Usage: ${spec.usage}`, ''];
  if (spec.positionals) lines.push('Arguments:', `  ${spec.positionals.name.padEnd(28)} ${spec.positionals.description}`, '');
  const fmt = (name: string, o: OptionSpec): string => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}${o.multiple ? ' ...' : ''}`;
    return `  ${flag.padEnd(30)} ${o.description}`;
  };
  if (Object.keys(spec.options).length) {
    lines.push('Options:');
    for (const [name, o] of Object.entries(spec.options)) lines.push(fmt(name, o));
    lines.push('');
  }
  lines.push('Global options:');
  for (const [name, o] of Object.entries(GLOBAL_OPTIONS)) lines.push(fmt(name, o));
  if (spec.examples?.length) lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export function stringValue(values: ParsedArgs['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function stringList(values: ParsedArgs['values'], name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  return typeof v === 'string' ? [v] : [];
}
