/** CSV of findings, one row per finding (suppressed ones included and marked), in report order. */
import type { Finding, Results } from '../results/schema.js';
import { csvChunks, type CsvCell } from './csv.js';
import type { ReportOptions } from './types.js';

export const FINDINGS_CSV_COLUMNS = [
  'Severity',
  'PolicyId',
  'Title',
  'Provider',
  'Account',
  'Region',
  'ResourceId',
  'ResourceName',
  'ResourceKind',
  'Message',
  'Frameworks',
  'Suppressed',
  'BaselineStatus',
  'FirstSeen',
  'Fingerprint',
] as const;

function findingRow(f: Finding): CsvCell[] {
  return [
    f.severity,
    f.policyId,
    f.title,
    f.provider ?? '',
    f.account ?? '',
    f.region ?? '',
    f.resourceId,
    f.resourceName ?? '',
    f.resourceKind ?? '',
    f.message,
    f.frameworks.map((fw) => `${fw.framework}:${fw.controls.join('+')}`).join('; '),
    f.suppressed ? `yes: ${f.suppressed.reason}` : '',
    f.baseline ?? '',
    f.firstSeen ?? '',
    f.fingerprint,
  ];
}

function* findingRows(findings: readonly Finding[]): Generator<CsvCell[], void, undefined> {
  for (const f of findings) yield findingRow(f);
}

/** The findings CSV one record at a time. */
export function findingsCsvChunks(results: Results, options: ReportOptions = {}): Generator<string, void, undefined> {
  return csvChunks(FINDINGS_CSV_COLUMNS, findingRows(results.findings), options);
}

export function writeFindingsCsv(results: Results, options: ReportOptions = {}): string {
  return [...findingsCsvChunks(results, options)].join('');
}
