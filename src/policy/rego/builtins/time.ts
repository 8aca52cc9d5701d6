/** time.* builtins. Nanosecond timestamps are computed with BigInt and returned as numbers. */
import type { Value } from '../value.js';
import type { BuiltinContext, BuiltinDef } from './types.js';
import { arg, fail, int, num, str, typeError } from './util.js';

const MIN_NS = -(2n ** 63n);
const MAX_NS = 2n ** 63n - 1n;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function checkRange(ns: bigint): number {
  if (ns < MIN_NS || ns > MAX_NS) fail('time outside of valid range');
  return Number(ns);
}

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(h, mi, s, 0);
  return dt.getTime();
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function tzOffsetMs(tz: string, ms: number): number {
  if (tz === 'UTC' || tz === '' ) return 0;
  let f = dtfCache.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz === 'Local' ? undefined : tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      fail(`unknown time zone ${tz}`);
    }
    dtfCache.set(tz, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  let y = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') y = 1 - y;
  const local = utcMs(y, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return local - Math.floor(ms / 1000) * 1000;
}

/** Parse ns | [ns, tz] | [ns, tz, layout] */
function timeArg(v: Value, pos: number): { ns: bigint; tz: string; layout: string | undefined } {
  const r = timeArg0(v, pos);
  if (r.ns < MIN_NS || r.ns > MAX_NS) fail('timestamp too big');
  return r;
}

function timeArg0(v: Value, pos: number): { ns: bigint; tz: string; layout: string | undefined } {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail('timestamp too big');
    return { ns: BigInt(Math.trunc(v)), tz: 'UTC', layout: undefined };
  }
  if (Array.isArray(v) && v.length >= 1 && v.length <= 3) {
    const n = v[0];
    if (typeof n !== 'number') throw typeError(pos, 'number', n as Value);
    const tz = v[1] ?? 'UTC';
    if (typeof tz !== 'string') throw typeError(pos, 'string', tz);
    const layout = v[2];
    if (layout !== undefined && typeof layout !== 'string') throw typeError(pos, 'string', layout);
    return { ns: BigInt(Math.trunc(n)), tz, layout };
  }
  throw typeError(pos, 'one of {number, array}', v);
}

interface Broken {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  weekday: number;
  yday: number;
  offsetSec: number;
  tz: string;
}

function breakDown(ns: bigint, tz: string): Broken {
  const msTotal = ns / 1000000n - (ns % 1000000n < 0n ? 1n : 0n);
  const nanos = Number(((ns % 1000000000n) + 1000000000n) % 1000000000n);
  const ms = Number(msTotal);
  const off = tzOffsetMs(tz, ms);
  const d = new Date(ms + off);
  const startDate = new Date(0);
  startDate.setUTCFullYear(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nanos,
    weekday: d.getUTCDay(),
    yday: Math.floor((d.getTime() - startDate.getTime()) / 86400000) + 1,
    offsetSec: off / 1000,
    tz,
  };
}

function toNs(y: number, mo: number, d: number, h: number, mi: number, s: number, nanos: number, offsetSec: number): bigint {
  const ms = utcMs(y, mo, d, h, mi, s);
  return BigInt(ms) * 1000000n + BigInt(nanos) - BigInt(offsetSec) * 1000000000n;
}

function parseRFC3339(s: string): bigint {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) fail(`parsing time ${JSON.stringify(s)} as ${JSON.stringify('2006-01-02T15:04:05Z07:00')}: cannot parse ${JSON.stringify(s)} as ${JSON.stringify('2006')}`);
  const [, y, mo, d, h, mi, sec, frac, zone] = m as unknown as string[];
  if (Number(mo) < 1 || Number(mo) > 12) fail(`parsing time ${JSON.stringify(s)}: month out of range`);
  if (Number(d) < 1 || Number(d) > 31) fail(`parsing time ${JSON.stringify(s)}: day out of range`);
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) fail(`parsing time ${JSON.stringify(s)}: hour out of range`);
  const nanos = frac ? Number((frac.slice(1) + '000000000').slice(0, 9)) : 0;
  let off = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    off = sign * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  }
  return toNs(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec), nanos, off);
}

// Go layout tokens (longest first).
const TOKENS = [
  'January', 'Monday', 'Z07:00:00', '-07:00:00', 'Z07:00', '-07:00', 'Z0700', '-0700', 'Z07', '-07',
  '2006', '.000000000', '.999999999', '.000000', '.999999', '.000', '.999', ',000', ',999', 'Jan', 'Mon', 'MST', '002', '__2',
  '01', '02', '_2', '03', '04', '05', '06', '15', 'PM', 'pm', '1', '2', '3', '4', '5',
];

function tokenize(layout: string): string[] {
  const out: string[] = [];
  let i = 0;
  let lit = '';
  while (i < layout.length) {
    let tok: string | undefined;
    for (const t of TOKENS) {
      if (layout.startsWith(t, i)) {
        // digits only count as tokens when not part of a larger number
        if (/^[.,]/.test(t)) {
          tok = t;
          break;
        }
        tok = t;
        break;
      }
    }
    if (tok) {
      if (lit) out.push('\u0000' + lit);
      lit = '';
      out.push(tok);
      i += tok.length;
    } else {
      lit += layout[i];
      i++;
    }
  }
  if (lit) out.push('\u0000' + lit);
  return out;
}

function pad(n: number, w: number): string {
  const s = String(Math.abs(n)).padStart(w, '0');
  return n < 0 ? '-' + s : s;
}

function formatLayout(b: Broken, layout: string): string {
  let out = '';
  const offAbs = Math.abs(b.offsetSec);
  const sign = b.offsetSec < 0 ? '-' : '+';
  const oh = pad(Math.floor(offAbs / 3600), 2);
  const om = pad(Math.floor((offAbs % 3600) / 60), 2);
  for (const t of tokenize(layout)) {
    if (t.startsWith('\u0000')) {
      out += t.slice(1);
      continue;
    }
    switch (t) {
      case '2006': out += pad(b.year, 4); break;
      case '06': out += pad(b.year % 100, 2); break;
      case '01': out += pad(b.month, 2); break;
      case '1': out += String(b.month); break;
      case 'Jan': out += MONTHS[b.month - 1]?.slice(0, 3); break;
      case 'January': out += MONTHS[b.month - 1]; break;
      case '02': out += pad(b.day, 2); break;
      case '2': out += String(b.day); break;
      case '_2': out += String(b.day).padStart(2, ' '); break;
      case '002': out += pad(b.yday, 3); break;
      case '__2': out += String(b.yday).padStart(3, ' '); break;
      case '15': out += pad(b.hour, 2); break;
      case '03': out += pad(b.hour % 12 === 0 ? 12 : b.hour % 12, 2); break;
      case '3': out += String(b.hour % 12 === 0 ? 12 : b.hour % 12); break;
      case '04': out += pad(b.minute, 2); break;
      case '4': out += String(b.minute); break;
      case '05': out += pad(b.second, 2); break;
      case '5': out += String(b.second); break;
      case 'PM': out += b.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += b.hour >= 12 ? 'pm' : 'am'; break;
      case 'Mon': out += DAYS[b.weekday]?.slice(0, 3); break;
      case 'Monday': out += DAYS[b.weekday]; break;
      case 'MST': out += b.offsetSec === 0 ? 'UTC' : `${sign}${oh}`; break;
      case 'Z07:00': out += b.offsetSec === 0 ? 'Z' : `${sign}${oh}:${om}`; break;
      case 'Z0700': out += b.offsetSec === 0 ? 'Z' : `${sign}${oh}${om}`; break;
      case 'Z07': out += b.offsetSec === 0 ? 'Z' : `${sign}${oh}`; break;
      case 'Z07:00:00': out += b.offsetSec === 0 ? 'Z' : `${sign}${oh}:${om}:00`; break;
      case '-07:00': out += `${sign}${oh}:${om}`; break;
      case '-0700': out += `${sign}${oh}${om}`; break;
      case '-07': out += `${sign}${oh}`; break;
      case '-07:00:00': out += `${sign}${oh}:${om}:00`; break;
      default: {
        // fractional seconds
        const digits = t.length - 1;
        const frac = String(b.nanos).padStart(9, '0').slice(0, digits);
        if (t[1] === '9') {
          const trimmed = frac.replace(/0+$/, '');
          if (trimmed) out += t[0] + trimmed;
        } else out += t[0] + frac;
      }
    }
  }
  return out;
}

const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
  Kitchen: '3:04PM',
  Stamp: 'Jan _2 15:04:05',
  StampMilli: 'Jan _2 15:04:05.000',
  StampMicro: 'Jan _2 15:04:05.000000',
  StampNano: 'Jan _2 15:04:05.000000000',
  DateTime: '2006-01-02 15:04:05',
  DateOnly: '2006-01-02',
  TimeOnly: '15:04:05',
};

function parseLayout(layout0: string, value: string): bigint {
  const layout = NAMED_LAYOUTS[layout0] ?? layout0;
  let y = 1, mo = 1, d = 1, h = 0, mi = 0, s = 0, nanos = 0, off = 0, pm: boolean | undefined;
  let i = 0;
  const bad = (): never =>
    fail(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(value.slice(i))} as ${JSON.stringify(layout)}`);
  const numN = (min: number, max: number): number => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(value.slice(i));
    if (!m) bad();
    i += (m as RegExpExecArray)[0].length;
    return Number((m as RegExpExecArray)[0]);
  };
  const toks = tokenize(layout);
  for (let ti = 0; ti < toks.length; ti++) {
    const t = toks[ti] as string;
    if (t.startsWith('\u0000')) {
      const lit = t.slice(1);
      if (!value.startsWith(lit, i)) bad();
      i += lit.length;
      continue;
    }
    switch (t) {
      case '2006': y = numN(4, 4); break;
      case '06': { const v = numN(2, 2); y = v >= 69 ? 1900 + v : 2000 + v; break; }
      case '01': mo = numN(2, 2); break;
      case '1': mo = numN(1, 2); break;
      case 'Jan':
      case 'January': {
        const idx = MONTHS.findIndex((m) => value.startsWith(t === 'Jan' ? m.slice(0, 3) : m, i));
        if (idx < 0) bad();
        mo = idx + 1;
        i += t === 'Jan' ? 3 : (MONTHS[idx] as string).length;
        break;
      }
      case '02': d = numN(2, 2); break;
      case '2': d = numN(1, 2); break;
      case '_2': if (value[i] === ' ') i++; d = numN(1, 2); break;
      case '15': h = numN(1, 2); break;
      case '03': case '3': h = numN(1, 2); break;
      case '04': case '4': mi = numN(1, 2); break;
      case '05': case '5': {
        s = numN(1, 2);
        // Go accepts fractional seconds after seconds even if layout has none.
        const nt = toks[ti + 1];
        if (value[i] === '.' && !(nt && /^[.,][09]/.test(nt))) {
          const m = /^\.(\d+)/.exec(value.slice(i));
          if (m) {
            nanos = Number(((m[1] as string) + '000000000').slice(0, 9));
            i += m[0].length;
          }
        }
        break;
      }
      case 'PM': case 'pm': {
        const v = value.slice(i, i + 2).toUpperCase();
        if (v !== 'AM' && v !== 'PM') bad();
        pm = v === 'PM';
        i += 2;
        break;
      }
      case 'Mon': case 'Monday': {
        const idx = DAYS.findIndex((x) => value.startsWith(t === 'Mon' ? x.slice(0, 3) : x, i));
        if (idx < 0) bad();
        i += t === 'Mon' ? 3 : (DAYS[idx] as string).length;
        break;
      }
      case 'MST': {
        const m = /^[A-Z]{3,4}/.exec(value.slice(i));
        if (!m) bad();
        i += (m as RegExpExecArray)[0].length;
        break;
      }
      case 'Z07:00': case 'Z0700': case 'Z07': case '-07:00': case '-0700': case '-07': case 'Z07:00:00': case '-07:00:00': {
        if (t.startsWith('Z') && (value[i] === 'Z')) {
          i++;
          break;
        }
        const m = /^([+-])(\d{2}):?(\d{2})?(?::?(\d{2}))?/.exec(value.slice(i));
        if (!m) bad();
        const mm = m as RegExpExecArray;
        off = (mm[1] === '-' ? -1 : 1) * (Number(mm[2]) * 3600 + Number(mm[3] ?? 0) * 60 + Number(mm[4] ?? 0));
        i += mm[0].length;
        break;
      }
      default: {
        if (t[0] === '.' || t[0] === ',') {
          const m = /^[.,](\d+)/.exec(value.slice(i));
          if (!m) {
            if (t[1] === '9') break;
            bad();
          }
          const mm = m as RegExpExecArray;
          nanos = Number(((mm[1] as string) + '000000000').slice(0, 9));
          i += mm[0].length;
        } else bad();
      }
    }
  }
  if (i !== value.length) fail(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(value.slice(i))}`);
  if (pm !== undefined) {
    if (pm && h < 12) h += 12;
    if (!pm && h === 12) h = 0;
  }
  if (mo < 1 || mo > 12) fail(`parsing time ${JSON.stringify(value)}: month out of range`);
  if (d < 1 || d > 31) fail(`parsing time ${JSON.stringify(value)}: day out of range`);
  return toNs(y, mo, d, h, mi, s, nanos, off);
}

// OPA also accepts d(ays), w(eeks) and y(ears of 365 days) on top of Go's units.
const DUR_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9, d: 86400e9, w: 604800e9, y: 31536000e9 };

function parseDuration(s0: string): number {
  let s = s0;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') fail(`time: invalid duration ${JSON.stringify(s0)}`);
  let total = 0;
  while (s.length) {
    const m = /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h|d|w|y)/.exec(s);
    if (!m || m[1] === '' || m[1] === '.') {
      if (/^\d*\.?\d*$/.test(s)) fail(`time: missing unit in duration ${JSON.stringify(s0)}`);
      fail(`time: invalid duration ${JSON.stringify(s0)}`);
    }
    const mm = m as RegExpExecArray;
    total += Number(mm[1]) * (DUR_UNITS[mm[2] as string] as number);
    s = s.slice(mm[0].length);
  }
  return sign * Math.round(total);
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export const timeBuiltins: BuiltinDef[] = [
  { name: 'time.now_ns', arity: 0, fn: (_a, ctx: BuiltinContext) => ctx.nowNs },
  { name: 'time.parse_rfc3339_ns', arity: 1, fn: (a) => checkRange(parseRFC3339(str(a, 0))) },
  { name: 'time.parse_ns', arity: 2, fn: (a) => checkRange(parseLayout(str(a, 0), str(a, 1))) },
  { name: 'time.parse_duration_ns', arity: 1, fn: (a) => parseDuration(str(a, 0)) },
  {
    name: 'time.date',
    arity: 1,
    fn: (a) => {
      const t = timeArg(arg(a, 0), 1);
      const b = breakDown(t.ns, t.tz);
      return [b.year, b.month, b.day];
    },
  },
  {
    name: 'time.clock',
    arity: 1,
    fn: (a) => {
      const t = timeArg(arg(a, 0), 1);
      const b = breakDown(t.ns, t.tz);
      return [b.hour, b.minute, b.second];
    },
  },
  {
    name: 'time.weekday',
    arity: 1,
    fn: (a) => {
      const t = timeArg(arg(a, 0), 1);
      return DAYS[breakDown(t.ns, t.tz).weekday] as string;
    },
  },
  {
    name: 'time.format',
    arity: 1,
    fn: (a) => {
      const t = timeArg(arg(a, 0), 1);
      const layout = t.layout === undefined ? NAMED_LAYOUTS.RFC3339Nano as string : NAMED_LAYOUTS[t.layout] ?? t.layout;
      return formatLayout(breakDown(t.ns, t.tz), layout);
    },
  },
  {
    name: 'time.add_date',
    arity: 4,
    fn: (a) => {
      const ns = BigInt(Math.trunc(num(a, 0)));
      const y = int(a, 1);
      const m = int(a, 2);
      const d = int(a, 3);
      const b = breakDown(ns, 'UTC');
      const ms = utcMs(b.year + y, b.month + m, b.day + d, b.hour, b.minute, b.second);
      const res = BigInt(ms) * 1000000n + BigInt(b.nanos);
      if (res < MIN_NS || res > MAX_NS) fail('time outside of valid range');
      return Number(res);
    },
  },
  {
    name: 'time.diff',
    arity: 2,
    fn: (a) => {
      const t1 = timeArg(arg(a, 0), 1);
      const t2 = timeArg(arg(a, 1), 2);
      let x = breakDown(t1.ns, t1.tz);
      let y = breakDown(t2.ns, t1.tz);
      if (t1.ns > t2.ns) [x, y] = [y, x];
      let year = y.year - x.year;
      let month = y.month - x.month;
      let day = y.day - x.day;
      let hour = y.hour - x.hour;
      let min = y.minute - x.minute;
      let sec = y.second - x.second;
      if (sec < 0) { sec += 60; min--; }
      if (min < 0) { min += 60; hour--; }
      if (hour < 0) { hour += 24; day--; }
      if (day < 0) {
        day += daysIn(x.year, x.month);
        month--;
      }
      if (month < 0) { month += 12; year--; }
      return [year, month, day, hour, min, sec];
    },
  },
];

