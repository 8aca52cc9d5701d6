/** Text formatting of values the way OPA prints terms (used by print, sprintf %v, templates). */
import type { Value } from '../value.js';
import { RegoSet, objEntries } from '../value.js';

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  const s = String(n);
  if (s.includes('e')) {
    // Go prints e.g. 1e+21 as 1e+21 too.
    return s;
  }
  return s;
}

export function quoteString(s: string): string {
  return JSON.stringify(s);
}

/** OPA's term String(): strings quoted, sets as {a, b}, objects as {"k": v}. */
export function formatValue(v: Value, nested = false): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatNumber(v);
    case 'string':
      return nested ? quoteString(v) : quoteString(v);
  }
  if (Array.isArray(v)) return '[' + v.map((x) => formatValue(x, true)).join(', ') + ']';
  if (v instanceof RegoSet) {
    if (v.size === 0) return 'set()';
    return '{' + v.values().map((x) => formatValue(x, true)).join(', ') + '}';
  }
  return '{' + objEntries(v).map(([k, x]) => formatValue(k, true) + ': ' + formatValue(x, true)).join(', ') + '}';
}
