/** CSV of findings, one row per finding (suppressed ones included and marked), in report order. */
import type { Results } from '../results/schema.js';
import { csvDocument, type CsvCell } from './csv.js';
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

export function writeFindingsCsv(results: Results, options: ReportOptions = {}): string {
  const rows: CsvCell[][] = results.findings.map((f) => [
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
  ]);
  return csvDocument(FINDINGS_CSV_COLUMNS, rows, options);
}
