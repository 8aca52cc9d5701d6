/**
 * The report formats: one explicit, sorted table of format name → file name and pure writer
 * (a generator of the file's text in pieces; each format also has a whole-string function).
 * `csv` on the command line means both CSV files, and `md` means `markdown`.
 */
import type { Results } from '../results/schema.js';
import { findingsCsvChunks } from './csv-findings.js';
import { savingsCsvChunks } from './csv-savings.js';
import { htmlReportChunks } from './html/index.js';
import { jsonChunks } from './json.js';
import { junitChunks } from './junit.js';
import { markdownChunks } from './markdown.js';
import { sarifChunks } from './sarif.js';
import type { ReportOptions, ReportWriter } from './types.js';

export interface ReportFormat {
  /** File written into the output folder. */
  file: string;
  description: string;
  write: ReportWriter;
}

export const REPORT_FORMATS = {
  'csv-findings': { file: 'findings.csv', description: 'findings, one row each (RFC 4180, formulas neutralised)', write: findingsCsvChunks },
  'csv-savings': { file: 'savings.csv', description: 'cost recommendations with FinOps FOCUS column names, largest saving first', write: savingsCsvChunks },
  html: { file: 'report.html', description: 'self-contained HTML report', write: (results: Results, _options: ReportOptions) => htmlReportChunks(results) },
  json: { file: 'results.json', description: 'the results document (schemas/results.schema.json)', write: jsonChunks },
  junit: { file: 'junit.xml', description: 'JUnit XML, one test case per check', write: junitChunks },
  markdown: { file: 'summary.md', description: 'Markdown summary for CI job pages ($GITHUB_STEP_SUMMARY)', write: markdownChunks },
  sarif: { file: 'results.sarif', description: 'SARIF 2.1.0 for GitHub code scanning', write: sarifChunks },
} as const satisfies Record<string, ReportFormat>;

export type ReportFormatName = keyof typeof REPORT_FORMATS;

/** Names accepted by `--format`, with the registry formats each stands for. */
export const FORMAT_ALIASES: Record<string, readonly ReportFormatName[]> = {
  csv: ['csv-findings', 'csv-savings'],
  md: ['markdown'],
};

export const ALL_FORMATS = Object.keys(REPORT_FORMATS) as ReportFormatName[];

export function isReportFormat(name: string): name is ReportFormatName {
  return Object.hasOwn(REPORT_FORMATS, name);
}

/** Expands `--format` values (comma-separated, aliases allowed) into registry names, in table order. */
export function resolveFormats(names: readonly string[]): ReportFormatName[] {
  const chosen = new Set<ReportFormatName>();
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    if (name === 'all') ALL_FORMATS.forEach((f) => chosen.add(f));
    else if (isReportFormat(name)) chosen.add(name);
    else if (Object.hasOwn(FORMAT_ALIASES, name)) (FORMAT_ALIASES[name] ?? []).forEach((f) => chosen.add(f));
    else throw new Error(`unknown report format '${raw}': expected ${[...ALL_FORMATS, ...Object.keys(FORMAT_ALIASES), 'all'].sort().join(', ')}`);
  }
  return ALL_FORMATS.filter((f) => chosen.has(f));
}
