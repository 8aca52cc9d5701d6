/** Number, money, date and duration formatting for the HTML report (fixed `en-US`, UTC: the same input gives the same file). */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return integer.format(n);
}

const moneyFormats = new Map<string, Intl.NumberFormat | null>();

/** `$1,234.50`, or `1,234.50 XYZ` when the currency code is not one `Intl` knows. */
export function formatMoney(amount: number, currency: string): string {
  let fmt = moneyFormats.get(currency);
  if (fmt === undefined) {
    try {
      fmt = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    } catch {
      fmt = null;
    }
    moneyFormats.set(currency, fmt);
  }
  if (fmt) return fmt.format(amount);
  return `${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
}

/** `2026-11-25 10:02 UTC` from an RFC 3339 timestamp; the input unchanged when it does not parse. */
export function formatDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `1 h 04 min`, `4 min 12 s`, `850 ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Compares section numbers such as `1.10` and `1.9` part by part, numerically where both parts are numbers. */
export function compareControls(a: string, b: string): number {
  const pa = a.split(/[.\-\s]/);
  const pb = b.split(/[.\-\s]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isInteger(nx) && Number.isInteger(ny) && x !== '' && y !== '' ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
}
