/**
 * Accumulates coverage rows. Successful calls fold into one `ok` row per
 * provider/account/region/service/operation (with a call count); every gap keeps its own row,
 * with the resource it concerns, so a report can say exactly what could not be read.
 */
import type { CoverageRow, CoverageStatus, Provider } from '../../graph/schema.js';

export interface CoverageKey {
  provider: Provider;
  account: string;
  region: string;
  service: string;
  operation: string;
}

const keyOf = (k: CoverageKey): string => `${k.provider}\u0000${k.account}\u0000${k.region}\u0000${k.service}\u0000${k.operation}`;

export class CoverageRecorder {
  private readonly okRows = new Map<string, CoverageRow>();
  private readonly gapRows: CoverageRow[] = [];

  ok(key: CoverageKey): void {
    const k = keyOf(key);
    const row = this.okRows.get(k);
    if (row) row.calls++;
    else this.okRows.set(k, { ...key, status: 'ok', calls: 1, resource: null, message: null });
  }

  gap(key: CoverageKey, status: Exclude<CoverageStatus, 'ok'>, message: string, resource: string | null, calls = 1): void {
    this.gapRows.push({ ...key, status, calls, resource, message });
  }

  /** Number of non-ok rows so far. */
  get gapCount(): number {
    return this.gapRows.length;
  }

  /** All rows in a stable order: by provider, account, region, service, operation, then status and resource. */
  rows(): CoverageRow[] {
    const all = [...this.okRows.values(), ...this.gapRows];
    return all.sort(compareCoverageRows);
  }
}

export function compareCoverageRows(a: CoverageRow, b: CoverageRow): number {
  return (
    cmp(a.provider, b.provider) ||
    cmp(a.account, b.account) ||
    cmp(a.region, b.region) ||
    cmp(a.service, b.service) ||
    cmp(a.operation, b.operation) ||
    cmp(a.status, b.status) ||
    cmp(a.resource ?? '', b.resource ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
