/** Regular expressions (RE2 syntax translated to JS RegExp) and glob matching. */
import { BuiltinError } from '../errors.js';
import type { Value } from '../value.js';
import { RegoSet } from '../value.js';
import type { BuiltinDef } from './types.js';
import { arg, fail, int, str } from './util.js';

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const PERL_CLASSES: Record<string, string> = { d: '0-9', w: '0-9A-Za-z_', s: '\\t\\n\\f\\r ' };

function err(msg: string): never {
  throw new BuiltinError(`error parsing regexp: ${msg}`, 'eval_builtin_error');
}

/** Translate an RE2 pattern into JS source and flags. */
export function translateRE2(pat: string): { source: string; flags: string } {
  let flags = 'u';
  let i = 0;
  // Leading flag groups (?imsU)
  let multiline = false;
  while (pat.startsWith('(?', i)) {
    const m = /^\(\?([imsU]+)\)/.exec(pat.slice(i));
    if (!m) break;
    const f = m[1] as string;
    if (f.includes('i') && !flags.includes('i')) flags += 'i';
    if (f.includes('s') && !flags.includes('s')) flags += 's';
    if (f.includes('m')) multiline = true;
    i += m[0].length;
  }
  if (multiline) flags += 'm';
  let out = '';
  let inClass = false;
  const hexEsc = (cp: number): string => `\\u{${cp.toString(16)}}`;
  while (i < pat.length) {
    const c = pat[i] as string;
    if (c === '\\') {
      const d = pat[i + 1];
      if (d === undefined) err('trailing backslash at end of expression: ``');
      i += 2;
      if (/[0-9]/.test(d)) {
        if (d === '0') {
          out += '\\0';
          continue;
        }
        err(`invalid escape sequence: \`\\${d}\``);
      }
      switch (d) {
        case 'A':
          out += inClass ? 'A' : '(?<![\\s\\S])';
          continue;
        case 'z':
          out += inClass ? 'z' : '(?![\\s\\S])';
          continue;
        case 'Q': {
          const end = pat.indexOf('\\E', i);
          const lit = end < 0 ? pat.slice(i) : pat.slice(i, end);
          for (const ch of lit) out += /[A-Za-z0-9_ ]/.test(ch) ? ch : hexEsc(ch.codePointAt(0) as number);
          i = end < 0 ? pat.length : end + 2;
          continue;
        }
        case 'x': {
          if (pat[i] === '{') {
            const end = pat.indexOf('}', i);
            out += `\\u{${pat.slice(i + 1, end)}}`;
            i = end + 1;
          } else {
            out += '\\x' + pat.slice(i, i + 2);
            i += 2;
          }
          continue;
        }
        case 'p':
        case 'P': {
          if (pat[i] === '{') {
            const end = pat.indexOf('}', i);
            let name = pat.slice(i + 1, end);
            let neg = d === 'P';
            if (name.startsWith('^')) {
              neg = !neg;
              name = name.slice(1);
            }
            out += `\\${neg ? 'P' : 'p'}{${/^[A-Z][a-z]?$/.test(name) || name === 'L' ? name : 'Script=' + name}}`;
            i = end + 1;
          } else {
            out += `\\${d}{${pat[i]}}`;
            i += 1;
          }
          continue;
        }
        case 'd':
        case 'w':
        case 'D':
        case 'W':
        case 'b':
        case 'B':
        case 'n':
        case 't':
        case 'r':
        case 'f':
        case 'v':
          out += '\\' + d;
          continue;
        case 's':
          out += inClass ? PERL_CLASSES.s : '[\\t\\n\\f\\r ]';
          continue;
        case 'S':
          out += inClass ? '\\S' : '[^\\t\\n\\f\\r ]';
          continue;
        case 'a':
          out += '\\x07';
          continue;
        default:
          if (/[A-Za-z]/.test(d)) err(`invalid escape sequence: \`\\${d}\``);
          out += hexEsc(d.codePointAt(0) as number);
          continue;
      }
    }
    if (inClass) {
      if (c === '[' && pat[i + 1] === ':') {
        const end = pat.indexOf(':]', i + 2);
        if (end > 0) {
          let name = pat.slice(i + 2, end);
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          const cls = POSIX[name];
          if (cls === undefined) err(`invalid character class range: \`[:${name}:]\``);
          if (neg) err('negated POSIX classes are not supported');
          out += cls;
          i = end + 2;
          continue;
        }
      }
      if (c === ']') inClass = false;
      if (c === '[') {
        out += '\\[';
        i++;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += '[';
      i++;
      if (pat[i] === '^') {
        out += '^';
        i++;
      }
      if (pat[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && pat[i + 1] === '?') {
      const rest = pat.slice(i + 2);
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
        continue;
      }
      if (rest.startsWith('<') && !rest.startsWith('<=') && !rest.startsWith('<!')) {
        out += '(?<';
        i += 3;
        continue;
      }
      if (rest.startsWith(':')) {
        out += '(?:';
        i += 3;
        continue;
      }
      const fm = /^([imsU-]+)(:|\))/.exec(rest);
      if (fm) {
        // inline flags inside the pattern: supported only for ones already global
        const f = fm[1] as string;
        if (f.includes('i') && !flags.includes('i')) flags += 'i';
        if (f.includes('s') && !flags.includes('s')) flags += 's';
        if (f.includes('m') && !flags.includes('m')) flags += 'm';
        out += fm[2] === ':' ? '(?:' : '';
        i += 2 + fm[0].length;
        continue;
      }
      err(`invalid or unsupported Perl syntax: \`(?${rest.slice(0, 1)}\``);
    }
    if (c === '{' ) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pat.slice(i));
      if (m) {
        if (Number(m[1]) > 1000 || (m[3] && Number(m[3]) > 1000)) err(`invalid repeat count: \`${m[0]}\``);
        out += m[0];
        i += m[0].length;
        continue;
      }
      out += '\\{';
      i++;
      continue;
    }
    if (c === '}') {
      out += '\\}';
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) err(`missing closing ]: \`${pat}\``);
  return { source: out, flags };
}

const cache = new Map<string, RegExp>();

export function compileRE2(pat: string): RegExp {
  let re = cache.get(pat);
  if (re) return re;
  const { source, flags } = translateRE2(pat);
  try {
    re = new RegExp(source, flags);
  } catch (e) {
    err((e as Error).message);
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pat, re);
  return re;
}

function globalRe(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
}

/** Go's FindAll semantics: empty matches directly after a previous match are skipped. */
function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const g = globalRe(re);
  const out: RegExpExecArray[] = [];
  let prevEnd = -1;
  let m: RegExpExecArray | null;
  while ((n < 0 || out.length < n) && (m = g.exec(s)) !== null) {
    if (m[0].length === 0) {
      if (m.index === prevEnd) {
        g.lastIndex = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
        if (g.lastIndex > s.length) break;
        continue;
      }
      g.lastIndex = m.index + ((s.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
    }
    prevEnd = m.index + m[0].length;
    out.push(m);
    if (g.lastIndex > s.length) break;
  }
  return out;
}

function expandTemplate(tpl: string, m: RegExpExecArray): string {
  return tpl.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_all, _x, braced: string | undefined, bare: string | undefined) => {
    if (_x === '$') return '$';
    const name = braced ?? bare ?? '';
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

// ---------------------------------------------------------------------------
// glob

function escapeRe(c: string): string {
  return /[A-Za-z0-9_]/.test(c) ? c : `\\u{${(c.codePointAt(0) as number).toString(16)}}`;
}

function globToRe(pat: string, delims: string[] | null): RegExp {
  const notDelim = delims && delims.length ? `[^${delims.map(escapeRe).join('')}]` : '[\\s\\S]';
  let i = 0;
  const parse = (stopAt: string): string => {
    let out = '';
    while (i < pat.length) {
      const c = pat[i] as string;
      if (stopAt.includes(c)) return out;
      if (c === '\\') {
        const d = pat[i + 1];
        if (d === undefined) throw new BuiltinError('unexpected end of input', 'eval_builtin_error');
        out += escapeRe(d);
        i += 2;
        continue;
      }
      if (c === '*') {
        if (pat[i + 1] === '*') {
          out += '[\\s\\S]*';
          i += 2;
        } else {
          out += notDelim + '*';
          i++;
        }
        continue;
      }
      if (c === '?') {
        out += notDelim;
        i++;
        continue;
      }
      if (c === '[') {
        const end = pat.indexOf(']', i + 1);
        if (end < 0) throw new BuiltinError('unexpected end of input', 'eval_builtin_error');
        let body = pat.slice(i + 1, end);
        let neg = false;
        if (body.startsWith('!')) {
          neg = true;
          body = body.slice(1);
        }
        let cls = '';
        for (let j = 0; j < body.length; j++) {
          const ch = body[j] as string;
          if (ch === '-' && j > 0 && j < body.length - 1) cls += '-';
          else cls += escapeRe(ch);
        }
        out += neg ? `[^${cls}]` : `[${cls}]`;
        i = end + 1;
        continue;
      }
      if (c === '{') {
        i++;
        const alts: string[] = [];
        while (true) {
          alts.push(parse(',}'));
          if (pat[i] === ',') {
            i++;
            continue;
          }
          if (pat[i] === '}') {
            i++;
            break;
          }
          throw new BuiltinError('unexpected end of input', 'eval_builtin_error');
        }
        out += '(?:' + alts.join('|') + ')';
        continue;
      }
      out += escapeRe(c);
      i++;
    }
    return out;
  };
  const src = parse('');
  return new RegExp('^' + src + '$', 'u');
}

const globCache = new Map<string, RegExp>();

export const regexBuiltins: BuiltinDef[] = [
  { name: 'regex.match', arity: 2, fn: (a) => compileRE2(str(a, 0)).test(str(a, 1)) },
  {
    name: 'regex.is_valid',
    arity: 1,
    fn: (a) => {
      const p = arg(a, 0);
      if (typeof p !== 'string') return false;
      try {
        compileRE2(p);
        return true;
      } catch {
        return false;
      }
    },
  },
  {
    name: 'regex.split',
    arity: 2,
    fn: (a) => {
      const re = compileRE2(str(a, 0));
      const s = str(a, 1);
      if (s === '') return [''];
      const out: string[] = [];
      let beg = 0;
      let end = 0;
      for (const m of findAll(re, s, -1)) {
        end = m.index;
        if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
        beg = m.index + m[0].length;
      }
      if (end !== s.length) out.push(s.slice(beg));
      return out;
    },
  },
  {
    name: 'regex.find_n',
    arity: 3,
    fn: (a) => findAll(compileRE2(str(a, 0)), str(a, 1), int(a, 2)).map((m) => m[0]),
  },
  {
    name: 'regex.find_all_string_submatch_n',
    arity: 3,
    fn: (a) => findAll(compileRE2(str(a, 0)), str(a, 1), int(a, 2)).map((m) => Array.from(m, (x) => x ?? '')),
  },
  {
    name: 'regex.replace',
    arity: 3,
    fn: (a) => {
      const s = str(a, 0);
      const re = compileRE2(str(a, 1));
      const tpl = str(a, 2);
      let out = '';
      let last = 0;
      for (const m of findAll(re, s, -1)) {
        out += s.slice(last, m.index) + expandTemplate(tpl, m);
        last = m.index + m[0].length;
      }
      return out + s.slice(last);
    },
  },
  {
    name: 'regex.template_match',
    arity: 4,
    fn: (a) => {
      const tpl = str(a, 0);
      const s = str(a, 1);
      const ds = str(a, 2);
      const de = str(a, 3);
      let src = '^';
      let i = 0;
      while (i < tpl.length) {
        const st = tpl.indexOf(ds, i);
        if (st < 0) {
          for (const ch of tpl.slice(i)) src += escapeRe(ch);
          break;
        }
        for (const ch of tpl.slice(i, st)) src += escapeRe(ch);
        // find matching end delimiter with nesting
        let depth = 1;
        let j = st + ds.length;
        while (j < tpl.length && depth > 0) {
          if (tpl.startsWith(ds, j) && ds !== de) {
            depth++;
            j += ds.length;
          } else if (tpl.startsWith(de, j)) {
            depth--;
            if (depth === 0) break;
            j += de.length;
          } else j++;
        }
        if (depth !== 0) fail(`unbalanced braces in ${JSON.stringify(tpl)}`);
        src += '(?:' + translateRE2(tpl.slice(st + ds.length, j)).source + ')';
        i = j + de.length;
      }
      src += '$';
      return new RegExp(src, 'u').test(s);
    },
  },
  {
    name: 'glob.match',
    arity: 3,
    fn: (a) => {
      const pat = str(a, 0);
      const dv = arg(a, 1);
      let delims: string[] | null;
      if (dv === null) delims = null;
      else if (Array.isArray(dv) || dv instanceof RegoSet) {
        const xs = Array.isArray(dv) ? dv : dv.values();
        delims = xs.map((x) => {
          if (typeof x !== 'string') throw new BuiltinError('operand 2 must be array of strings', 'eval_type_error');
          return x;
        });
        if (delims.length === 0) delims = ['.'];
      } else throw new BuiltinError(`operand 2 must be array but got ${typeof dv}`, 'eval_type_error');
      const key = pat + '\u0000' + (delims ? delims.join('\u0001') : '<null>');
      let re = globCache.get(key);
      if (!re) {
        re = globToRe(pat, delims);
        if (globCache.size > 1000) globCache.clear();
        globCache.set(key, re);
      }
      return re.test(str(a, 2));
    },
  },
  {
    name: 'glob.quote_meta',
    arity: 1,
    fn: (a) => str(a, 0).replace(/[*?\\[\]{}]/g, (c) => '\\' + c),
  },
];

export type { Value };
