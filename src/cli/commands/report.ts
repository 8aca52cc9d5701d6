/** `cloudwarden report`: render a results file into report files (and optionally apply the CI gate). */
import { resolve } from 'node:path';
import { readResultsJson } from '../../results/results-io.js';
import { InputError } from '../../util/errors.js';
import { stringValue, type CommandSpec } from '../args.js';
import { EXIT_CODE_HELP, finishRun, GATE_OPTIONS, prepareCi, REPORT_FORMAT_OPTIONS } from './ci-pipeline.js';
import type { CommandContext } from './context.js';

export const reportSpec: CommandSpec = {
  name: 'report',
  summary: 'render a results file as HTML, CSV, SARIF, JUnit, Markdown or JSON (and apply the CI gate)',
  usage: 'cloudwarden report RESULTS --out DIR [--format html,csv,sarif,junit,md,json] [--fail-on SEVERITY] [--baseline FILE]',
  options: {
    ...REPORT_FORMAT_OPTIONS,
    ...GATE_OPTIONS,
    out: { type: 'string', short: 'o', value: 'DIR', description: 'folder for the report files (report.html, findings.csv, savings.csv, results.sarif, junit.xml, summary.md, results.json); each written atomically' },
  },
  positionals: { name: 'RESULTS', description: "results file written by 'scan' or 'evaluate' (results.json)", min: 1, max: 1 },
  examples: [
    'cloudwarden report out/results.json --out reports/',
    'cloudwarden report results.json --format sarif,md --out ci/ --fail-on high',
    ...EXIT_CODE_HELP,
  ],
};

export async function reportCommand(cx: CommandContext): Promise<number> {
  const out = stringValue(cx.args.values, 'out');
  if (!out) throw new InputError('report: missing --out DIR (the folder for the report files)');
  const ci = await prepareCi(cx);
  const file = cx.args.positionals[0] ?? '';
  const results = await readResultsJson(resolve(cx.cwd, file), file);
  return finishRun(cx, results, { outDir: resolve(cx.cwd, out), ci, formats: ci.formats, useHistory: false });
}
