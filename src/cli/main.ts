/**
 * cloudwarden's command line. One explicit, sorted command table; each command declares its options
 * once (parser and help come from the same declaration). Exit codes: 0 ok, 2 usage or input error
 * (and unexpected errors), 1 when the severity gate (or a policy test) fails.
 */
import { formatCommandHelp, parseCommandArgs, GLOBAL_OPTIONS, type CommandSpec } from './args.js';
import { collectCommand, collectSpec } from './commands/collect.js';
import type { CommandContext } from './commands/context.js';
import { diffCommand, diffSpec } from './commands/diff.js';
import { evaluateCommand, evaluateSpec } from './commands/evaluate.js';
import { historyCommand, historySpec } from './commands/history.js';
import { importCommand, importSpec } from './commands/import.js';
import { mergeCommand, mergeSpec } from './commands/merge.js';
import { permissionsCommand, permissionsSpec } from './commands/permissions.js';
import { policiesCommand, policiesSpec } from './commands/policies.js';
import { reportCommand, reportSpec } from './commands/report.js';
import { scanCommand, scanSpec } from './commands/scan.js';
import { secretsCommand, secretsSpec } from './commands/secrets.js';
import { validateCommand, validateSpec } from './commands/validate.js';
import { Output } from './output.js';
import { loadConfig, resolveLogFormat } from './settings.js';
import { InputError, GraphIntegrityError } from '../util/errors.js';
import { TOOL_INFO } from '../version.js';

export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_ERROR = 2;

interface CommandEntry {
  spec: CommandSpec;
  run(cx: CommandContext): Promise<number>;
}

/** The command table, sorted by name. */
export const COMMANDS: Record<string, CommandEntry> = {
  collect: { spec: collectSpec, run: collectCommand },
  diff: { spec: diffSpec, run: diffCommand },
  evaluate: { spec: evaluateSpec, run: evaluateCommand },
  history: { spec: historySpec, run: historyCommand },
  import: { spec: importSpec, run: importCommand },
  merge: { spec: mergeSpec, run: mergeCommand },
  permissions: { spec: permissionsSpec, run: permissionsCommand },
  policies: { spec: policiesSpec, run: policiesCommand },
  report: { spec: reportSpec, run: reportCommand },
  scan: { spec: scanSpec, run: scanCommand },
  secrets: { spec: secretsSpec, run: secretsCommand },
  validate: { spec: validateSpec, run: validateCommand },
};

export function formatMainHelp(): string {
  const lines = [
    `cloudwarden ${TOOL_INFO.version}: cloud security posture and FinOps scanner`,
    '',
    'Usage: cloudwarden COMMAND [options]',
    '',
    'Commands:',
    ...Object.values(COMMANDS).map((c) => `  ${c.spec.name.padEnd(12)} ${c.spec.summary}`),
    '',
    'Global options:',
    ...Object.entries(GLOBAL_OPTIONS).map(([n, o]) => `  --${`${n}${o.value ? ` ${o.value}` : ''}`.padEnd(26)} ${o.description}`),
    '  --version                  print the version',
    '',
    "Run 'cloudwarden COMMAND --help' for a command's options.",
    'Exit codes: 0 success; 1 the --fail-on gate failed (scan, report) or policy tests failed; 2 usage or input error,',
    '  a check that failed to evaluate, an incomplete scan (a collector call failed or was denied, unless --allow-partial),',
    '  or an unusable history database.',
    '',
    'Start here: cloudwarden scan --demo --out out/',
  ];
  return `${lines.join('\n')}\n`;
}

export interface MainIo {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
}

export async function main(argv: string[], io: MainIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    const entry = topic ? COMMANDS[topic] : undefined;
    stdout.write(entry ? formatCommandHelp(entry.spec) : formatMainHelp());
    return first === undefined ? EXIT_ERROR : EXIT_OK;
  }
  if (first === '--version' || first === '-V') {
    stdout.write(`${TOOL_INFO.version}\n`);
    return EXIT_OK;
  }
  const debug = argv.includes('--debug');
  let out = new Output({ format: env.CLOUDWARDEN_LOG_FORMAT === 'json' ? 'json' : 'text', quiet: false, debug, stdout, stderr, env });
  try {
    const entry = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!entry) {
      const known = Object.keys(COMMANDS).join(', ');
      throw new InputError(`unknown command '${first}': expected one of ${known}. Run 'cloudwarden --help'.`);
    }
    const args = parseCommandArgs(entry.spec, rest);
    if (args.values.help) {
      stdout.write(formatCommandHelp(entry.spec));
      return EXIT_OK;
    }
    const { config, path } = await loadConfig(args.values, env, cwd);
    out = new Output({ format: resolveLogFormat(args.values, env, config), quiet: args.values.quiet === true, debug, stdout, stderr, env });
    if (path) out.debug(`config: ${path}`);
    return await entry.run({ args, config, configPath: path, env, cwd, out });
  } catch (error) {
    out.clearBar();
    if (error instanceof InputError) {
      out.error(error.message);
      return EXIT_ERROR;
    }
    if (error instanceof GraphIntegrityError) {
      out.error(`internal error (a collector produced an inconsistent graph; please report it): ${error.message}`);
      return EXIT_ERROR;
    }
    const e = error instanceof Error ? error : new Error(String(error));
    out.error(`unexpected error: ${e.message}${debug ? `\n${e.stack ?? ''}` : ' (run with --debug for details)'}`);
    return EXIT_ERROR;
  }
}
