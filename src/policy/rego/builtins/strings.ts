/** String builtins (and sprintf). */
import { BuiltinError } from '../errors.js';
import type { Value } from '../value.js';
import { objEntries, typeName } from '../value.js';
import { formatNumber, formatValue } from './format.js';
import { renderTemplate } from './template.js';
import type { BuiltinDef } from './types.js';
import { arg, arr, arrOrSet, fail, int, num, obj, str, strings, typeError } from './util.js';

function cutset(s: string, cs: string, left: boolean, right: boolean): string {
  const set = new Set(Array.from(cs));
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && set.has(cps[a] as string)) a++;
  if (right) while (b > a && set.has(cps[b - 1] as string)) b--;
  return cps.slice(a, b).join('');
}

const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function pad(s: string, width: number | undefined, flags: string): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s + ' '.repeat(width - s.length);
  if (flags.includes('0')) {
    const neg = s.startsWith('-') || s.startsWith('+');
    const body = neg ? s.slice(1) : s;
    return (neg ? s[0] : '') + '0'.repeat(width - s.length) + body;
  }
  return ' '.repeat(width - s.length) + s;
}

function fmtFloat(n: number, prec: number | undefined, verb: string): string {
  switch (verb) {
    case 'f':
    case 'F':
      return n.toFixed(prec ?? 6);
    case 'e':
    case 'E': {
      const s = n.toExponential(prec ?? 6);
      const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
      const r = m ? `${m[1]}e${m[2]}${(m[3] as string).padStart(2, '0')}` : s;
      return verb === 'E' ? r.toUpperCase() : r;
    }
    default: {
      // %g: shortest representation
      if (prec !== undefined) return String(Number(n.toPrecision(prec)));
      const s = String(n);
      const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
      return m ? `${m[1]}e${m[2]}${(m[3] as string).padStart(2, '0')}` : s;
    }
  }
}

export function sprintf(format: string, args: Value[]): string {
  let out = '';
  let ai = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    if (c !== '%') {
      out += c;
      continue;
    }
    i++;
    let flags = '';
    while (i < format.length && '+-# 0'.includes(format[i] as string)) flags += format[i++];
    let width: number | undefined;
    let ws = '';
    while (i < format.length && /[0-9]/.test(format[i] as string)) ws += format[i++];
    if (ws) width = Number(ws);
    let prec: number | undefined;
    if (format[i] === '.') {
      i++;
      let ps = '';
      while (i < format.length && /[0-9]/.test(format[i] as string)) ps += format[i++];
      prec = ps ? Number(ps) : 0;
    }
    const verb = format[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (ai >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const v = args[ai++] as Value;
    let s: string;
    switch (verb) {
      case 'v':
        s = typeof v === 'string' ? v : formatValue(v);
        break;
      case 's':
        s = typeof v === 'string' ? v : formatValue(v);
        if (prec !== undefined) s = Array.from(s).slice(0, prec).join('');
        break;
      case 'q':
        s = typeof v === 'string' ? goQuote(v) : `%!q(${typeName(v)}=${formatValue(v)})`;
        break;
      case 'd':
        if (typeof v === 'number' && Number.isInteger(v)) s = (flags.includes('+') && v >= 0 ? '+' : '') + formatNumber(v);
        else s = `%!d(${typeof v === 'number' ? 'big.Float' : typeName(v)}=${formatValue(v)})`;
        break;
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G':
        if (typeof v === 'number') s = (flags.includes('+') && v >= 0 ? '+' : '') + fmtFloat(v, prec, verb);
        else s = `%!${verb}(${typeName(v)}=${formatValue(v)})`;
        break;
      case 'x':
      case 'X':
        if (typeof v === 'number' && Number.isInteger(v)) s = (v < 0 ? '-' : '') + Math.abs(v).toString(16);
        else if (typeof v === 'string') s = Buffer.from(v, 'utf8').toString('hex');
        else s = `%!${verb}(${typeName(v)}=${formatValue(v)})`;
        if (verb === 'X') s = s.toUpperCase();
        break;
      case 'o':
        s = typeof v === 'number' && Number.isInteger(v) ? v.toString(8) : `%!o(${formatValue(v)})`;
        break;
      case 'b':
        s = typeof v === 'number' && Number.isInteger(v) ? v.toString(2) : `%!b(${formatValue(v)})`;
        break;
      case 't':
        s = typeof v === 'boolean' ? String(v) : `%!t(${typeName(v)}=${formatValue(v)})`;
        break;
      case 'T':
        s = typeName(v);
        break;
      default:
        s = `%!${verb}(${typeName(v)}=${formatValue(v)})`;
    }
    out += pad(s, width, flags);
  }
  if (ai < args.length) {
    out += '%!(EXTRA ' + args.slice(ai).map((v) => `${typeName(v)}=${typeof v === 'string' ? v : formatValue(v)}`).join(', ') + ')';
  }
  return out;
}

function indexOfCp(s: string, sub: string, from = 0): number {
  const cps = Array.from(s);
  const subc = Array.from(sub);
  outer: for (let i = from; i + subc.length <= cps.length; i++) {
    for (let j = 0; j < subc.length; j++) if (cps[i + j] !== subc[j]) continue outer;
    return i;
  }
  return -1;
}

function toNumber(v: Value): Value | undefined {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v;
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) && !/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) {
      if (/^[+-]?(inf|infinity|nan)$/i.test(t)) throw new BuiltinError('invalid syntax', 'eval_type_error');
      fail(`strconv.ParseFloat: parsing ${goQuote(t)}: invalid syntax`);
    }
    return Number(t);
  }
  throw typeError(1, 'one of {null, boolean, number, string}', v);
}

export const stringBuiltins: BuiltinDef[] = [
  {
    name: 'concat',
    arity: 2,
    fn: (a) => {
      const d = str(a, 0);
      const xs = arrOrSet(a, 1, 'one of {array, set}');
      return xs
        .map((x) => {
          if (typeof x !== 'string') throw new BuiltinError('operand 2 must be one of {array, set} of strings', 'eval_type_error');
          return x;
        })
        .join(d);
    },
  },
  { name: 'contains', arity: 2, fn: (a) => str(a, 0).includes(str(a, 1)) },
  { name: 'startswith', arity: 2, fn: (a) => str(a, 0).startsWith(str(a, 1)) },
  { name: 'endswith', arity: 2, fn: (a) => str(a, 0).endsWith(str(a, 1)) },
  { name: 'lower', arity: 1, fn: (a) => str(a, 0).toLowerCase() },
  { name: 'upper', arity: 1, fn: (a) => str(a, 0).toUpperCase() },
  {
    name: 'split',
    arity: 2,
    fn: (a) => {
      const s = str(a, 0);
      const d = str(a, 1);
      if (d === '') return Array.from(s);
      return s.split(d);
    },
  },
  {
    name: 'strings.split_n',
    arity: 3,
    fn: (a) => {
      const s = str(a, 0);
      const d = str(a, 1);
      const n = int(a, 2);
      const parts = d === '' ? Array.from(s) : s.split(d);
      if (n === 0) return [];
      return n > 0 ? parts.slice(0, n) : parts.slice(Math.max(0, parts.length + n));
    },
  },
  {
    name: 'replace',
    arity: 3,
    fn: (a) => {
      const s = str(a, 0);
      const o = str(a, 1);
      const n = str(a, 2);
      if (o === '') {
        const cps = Array.from(s);
        return n + cps.join(n) + (cps.length ? n : '');
      }
      return s.split(o).join(n);
    },
  },
  {
    name: 'strings.replace_n',
    arity: 2,
    fn: (a) => {
      const pats = obj(a, 0);
      let s = str(a, 1);
      const pairs: [string, string][] = [];
      for (const [k, v] of objEntries(pats)) {
        if (typeof k !== 'string') throw new BuiltinError('operand 1 non-string key found in pattern object', 'eval_type_error');
        if (typeof v !== 'string') throw new BuiltinError('operand 1 non-string value found in pattern object', 'eval_type_error');
        pairs.push([k, v]);
      }
      // Go strings.NewReplacer: at each position, try patterns in argument order (sorted keys here).
      let out = '';
      let i = 0;
      outer: while (i < s.length) {
        for (const [k, v] of pairs) {
          if (k !== '' && s.startsWith(k, i)) {
            out += v;
            i += k.length;
            continue outer;
          }
        }
        out += s[i];
        i++;
      }
      s = out;
      return s;
    },
  },
  { name: 'strings.reverse', arity: 1, fn: (a) => Array.from(str(a, 0)).reverse().join('') },
  {
    name: 'strings.count',
    arity: 2,
    fn: (a) => {
      const s = str(a, 0);
      const sub = str(a, 1);
      if (sub === '') return Array.from(s).length + 1;
      return s.split(sub).length - 1;
    },
  },
  {
    name: 'strings.any_prefix_match',
    arity: 2,
    fn: (a) => {
      const ss = strings(a, 0);
      const ps = strings(a, 1);
      return ss.some((s) => ps.some((p) => s.startsWith(p)));
    },
  },
  {
    name: 'strings.any_suffix_match',
    arity: 2,
    fn: (a) => {
      const ss = strings(a, 0);
      const ps = strings(a, 1);
      return ss.some((s) => ps.some((p) => s.endsWith(p)));
    },
  },
  { name: 'trim', arity: 2, fn: (a) => cutset(str(a, 0), str(a, 1), true, true) },
  { name: 'trim_left', arity: 2, fn: (a) => cutset(str(a, 0), str(a, 1), true, false) },
  { name: 'trim_right', arity: 2, fn: (a) => cutset(str(a, 0), str(a, 1), false, true) },
  {
    name: 'trim_prefix',
    arity: 2,
    fn: (a) => {
      const s = str(a, 0);
      const p = str(a, 1);
      return s.startsWith(p) ? s.slice(p.length) : s;
    },
  },
  {
    name: 'trim_suffix',
    arity: 2,
    fn: (a) => {
      const s = str(a, 0);
      const p = str(a, 1);
      return p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
    },
  },
  { name: 'trim_space', arity: 1, fn: (a) => str(a, 0).replace(GO_SPACE, '') },
  { name: 'indexof', arity: 2, fn: (a) => indexOfCp(str(a, 0), str(a, 1)) },
  {
    name: 'indexof_n',
    arity: 2,
    fn: (a) => {
      const s = str(a, 0);
      const sub = str(a, 1);
      const out: number[] = [];
      let i = indexOfCp(s, sub);
      while (i >= 0) {
        out.push(i);
        i = indexOfCp(s, sub, i + 1);
      }
      return out;
    },
  },
  {
    name: 'substring',
    arity: 3,
    fn: (a) => {
      const s = str(a, 0);
      const start = int(a, 1);
      const len = int(a, 2);
      if (start < 0) fail('negative offset');
      const cps = Array.from(s);
      if (start >= cps.length) return '';
      if (len < 0) return cps.slice(start).join('');
      return cps.slice(start, start + len).join('');
    },
  },
  {
    name: 'format_int',
    arity: 2,
    fn: (a) => {
      const n = num(a, 0);
      const base = num(a, 1);
      if (![2, 8, 10, 16].includes(base)) throw new BuiltinError('operand 2 must be one of {2, 8, 10, 16}', 'eval_type_error');
      const t = Math.trunc(n);
      return (t < 0 ? '-' : '') + Math.abs(t).toString(base);
    },
  },
  { name: 'to_number', arity: 1, fn: (a) => toNumber(arg(a, 0)) },
  {
    name: 'sprintf',
    arity: 2,
    fn: (a) => {
      const f = str(a, 0);
      const xs = arr(a, 1);
      return sprintf(f, xs);
    },
  },
  { name: 'strings.render_template', arity: 2, fn: (a) => renderTemplate(str(a, 0), obj(a, 1)) },
];

export { goQuote, toNumber };
