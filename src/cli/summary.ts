/** Human summaries of a collection, for the end of `collect` and `scan`. */
import type { CoverageRow, Snapshot } from '../graph/schema.js';
import type { Output } from './output.js';

export function countBy<T>(items: Iterable<T>, key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function formatCollectSummary(snapshot: Snapshot, calls: Record<string, number>, out: Output, seconds: number): string {
  const lines: string[] = [];
  const gaps = snapshot.coverage.filter((r) => r.status !== 'ok');
  lines.push(
    `${out.paint('1', 'Collected')} ${snapshot.nodes.length} resources and ${snapshot.edges.length} relations from ${snapshot.scope.accounts.length} account(s) in ${seconds.toFixed(1)} s`,
  );
  for (const [kind, n] of countBy(snapshot.nodes, (n) => `${n.provider} ${n.kind}`)) lines.push(`  ${String(n).padStart(6)}  ${kind}`);
  const callEntries = Object.entries(calls);
  if (callEntries.length) lines.push(`API calls: ${callEntries.map(([s, n]) => `${s} ${n}`).join(', ')}`);
  if (gaps.length === 0) lines.push(out.paint('32', 'Coverage: complete (no denied, failed or skipped operations)'));
  else {
    lines.push(out.paint('33', `Coverage gaps: ${gaps.length} (what could not be read is NOT reported as compliant)`));
    for (const g of gaps.slice(0, 20)) lines.push(`  ${formatGap(g)}`);
    if (gaps.length > 20) lines.push(`  … and ${gaps.length - 20} more (see the snapshot's coverage[])`);
  }
  return lines.join('\n');
}

export function formatGap(g: CoverageRow): string {
  const where = [g.provider, g.account, g.region !== 'global' ? g.region : null].filter(Boolean).join('/');
  return `${g.status.toUpperCase().padEnd(7)} ${where} ${g.service}.${g.operation}${g.resource ? ` [${g.resource}]` : ''}: ${g.message ?? ''}`;
}
