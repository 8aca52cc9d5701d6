/**
 * CSV of savings for FinOps tools: one row per recommendation, largest saving first. Columns
 * carry the FinOps FOCUS names where FOCUS has one (BillingAccountId, SubAccountId, ProviderName,
 * RegionId, ResourceId, ResourceName, ResourceType, ServiceName, Tags as a JSON object,
 * BillingCurrency); the rest are cloudwarden's. Amounts have two decimals and no separators.
 */
import type { Results, Saving } from '../results/schema.js';
import { csvChunks, money, type CsvCell } from './csv.js';
import type { ReportOptions } from './types.js';

export const SAVINGS_CSV_COLUMNS = [
  'BillingAccountId',
  'SubAccountId',
  'ProviderName',
  'RegionId',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceName',
  'Tags',
  'RuleId',
  'Recommendation',
  'MonthlyCost',
  'EstimatedMonthlySavings',
  'BillingCurrency',
  'Confidence',
  'PricingSource',
  'Owner',
] as const;

/** The billing account above the sub-account, when the data has one (AWS payer, Azure billing account). */
function billingAccount(s: Saving): string {
  const ev = s.evidence as Record<string, unknown> | null;
  const v = ev?.billingAccountId;
  return typeof v === 'string' ? v : '';
}

export function compareSavings(a: Saving, b: Saving): number {
  return (b.monthlySavings ?? -1) - (a.monthlySavings ?? -1) || (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

function savingRow(s: Saving): CsvCell[] {
  return [
    billingAccount(s),
    s.account,
    s.provider,
    s.region,
    s.resourceId,
    s.resourceName ?? '',
    s.resourceKind ?? '',
    s.service ?? '',
    JSON.stringify(Object.fromEntries(Object.entries(s.tags).sort(([a], [b]) => (a < b ? -1 : 1)))),
    s.ruleId,
    s.recommendation,
    money(s.monthlyCost),
    money(s.monthlySavings),
    s.currency,
    s.confidence,
    s.pricingSource,
    s.owner ?? '',
  ];
}

function* savingRows(savings: readonly Saving[]): Generator<CsvCell[], void, undefined> {
  // Sorting a copy of the references: the rows themselves are made one at a time.
  for (const s of [...savings].sort(compareSavings)) yield savingRow(s);
}

/** The savings CSV one record at a time, largest saving first. */
export function savingsCsvChunks(results: Results, options: ReportOptions = {}): Generator<string, void, undefined> {
  return csvChunks(SAVINGS_CSV_COLUMNS, savingRows(results.savings), options);
}

export function writeSavingsCsv(results: Results, options: ReportOptions = {}): string {
  return [...savingsCsvChunks(results, options)].join('');
}
