/** Tokenizer for Rego source. */
import type { Loc } from './ast.js';
import { RegoCompileError } from './errors.js';

export type TokKind = 'ident' | 'num' | 'str' | 'raw' | 'tmpl' | 'punct' | 'eof';

export interface TmplPart {
  lit?: string;
  src?: string;
  offset?: number;
  line?: number;
  col?: number;
}

export interface Token {
  t: TokKind;
  v: string;
  line: number;
  col: number;
  pos: number;
  end: number;
  /** A newline separates this token from the previous one. */
  nl: boolean;
  parts?: TmplPart[];
}

export interface Comment {
  line: number;
  col: number;
  text: string;
}

const PUNCT3: string[] = [];
const PUNCT2 = [':=', '==', '!=', '<=', '>='];
const PUNCT1 = '<>=+-*/%&|()[]{},;.:';

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9');
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function lex(src: string, file: string, lineOffset = 0, colOffset = 0): { tokens: Token[]; comments: Comment[] } {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let nl = false;
  const n = src.length;
  const loc = (p: number): Loc => ({
    file,
    line: line + lineOffset,
    col: p - lineStart + 1 + (line === 1 ? colOffset : 0),
  });
  const fail = (p: number, msg: string): never => {
    const l = loc(p);
    throw new RegoCompileError('rego_parse_error', msg, l);
  };
  const readEscape = (): string => {
    // src[i] === '\\'
    const c = src[i + 1];
    i += 2;
    switch (c) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'b': return '\b';
      case 'f': return '\f';
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case 'u': {
        const hex = src.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail(i, 'illegal escape sequence');
        i += 4;
        let code = parseInt(hex, 16);
        if (code >= 0xd800 && code < 0xdc00 && src[i] === '\\' && src[i + 1] === 'u') {
          const hex2 = src.slice(i + 2, i + 6);
          const lo = parseInt(hex2, 16);
          if (lo >= 0xdc00 && lo < 0xe000) {
            i += 6;
            code = 0x10000 + ((code - 0xd800) << 10) + (lo - 0xdc00);
          }
        }
        return String.fromCodePoint(code);
      }
      default:
        return fail(i - 2, 'illegal escape sequence');
    }
  };
  let start = 0;
  let startLine = 0;
  let startCol = 0;
  const push = (t: TokKind, v: string, parts?: TmplPart[]): void => {
    const tok: Token = { t, v, line: startLine, col: startCol, pos: start, end: i, nl };
    if (parts) tok.parts = parts;
    tokens.push(tok);
    nl = false;
  };
  while (i < n) {
    const c = src[i] as string;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      nl = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      const cstart = i;
      const l = loc(cstart);
      while (i < n && src[i] !== '\n') i++;
      comments.push({ line: l.line, col: l.col, text: src.slice(cstart + 1, i) });
      continue;
    }
    start = i;
    startLine = line + lineOffset;
    startCol = i - lineStart + 1 + (line === 1 ? colOffset : 0);
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(src[i] as string)) i++;
      push('ident', src.slice(start, i));
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      while (i < n && isDigit(src[i] as string)) i++;
      if (src[i] === '.' && isDigit(src[i + 1] ?? '')) {
        i++;
        while (i < n && isDigit(src[i] as string)) i++;
      }
      if (src[i] === 'e' || src[i] === 'E') {
        let j = i + 1;
        if (src[j] === '+' || src[j] === '-') j++;
        if (isDigit(src[j] ?? '')) {
          i = j;
          while (i < n && isDigit(src[i] as string)) i++;
        }
      }
      push('num', src.slice(start, i));
      continue;
    }
    if (c === '"') {
      i++;
      let out = '';
      while (true) {
        if (i >= n || src[i] === '\n') fail(start, 'non-terminated string');
        const d = src[i] as string;
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\') out += readEscape();
        else {
          out += d;
          i++;
        }
      }
      push('str', out);
      continue;
    }
    if (c === '`') {
      i++;
      const s0 = i;
      while (i < n && src[i] !== '`') {
        if (src[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= n) fail(start, 'non-terminated raw string');
      const v = src.slice(s0, i);
      i++;
      push('raw', v);
      continue;
    }
    if (c === '$' && (src[i + 1] === '"' || src[i + 1] === '`')) {
      const raw = src[i + 1] === '`';
      const q = raw ? '`' : '"';
      i += 2;
      const parts: TmplPart[] = [];
      let lit = '';
      while (true) {
        if (i >= n || (!raw && src[i] === '\n')) fail(start, 'non-terminated template string');
        const d = src[i] as string;
        if (d === q) {
          i++;
          break;
        }
        if (d === '\n') {
          line++;
          lineStart = i + 1;
        }
        if (raw && d === '\\' && src[i + 1] === '{') {
          lit += '{';
          i += 2;
          continue;
        }
        if (!raw && d === '\\') {
          if (src[i + 1] === '{') {
            lit += '{';
            i += 2;
            continue;
          }
          lit += readEscape();
          continue;
        }
        if (d === '{') {
          if (lit) parts.push({ lit });
          lit = '';
          i++;
          const e0 = i;
          const el = loc(e0);
          let depth = 0;
          while (i < n) {
            const e = src[i] as string;
            if (e === '"') {
              i++;
              while (i < n && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
            } else if (e === '`') {
              i++;
              while (i < n && src[i] !== '`') i++;
            } else if (e === '{') depth++;
            else if (e === '}') {
              if (depth === 0) break;
              depth--;
            }
            i++;
          }
          if (i >= n) fail(e0, 'non-terminated template expression');
          parts.push({ src: src.slice(e0, i), offset: e0, line: el.line, col: el.col });
          i++;
          continue;
        }
        lit += d;
        i++;
      }
      if (lit) parts.push({ lit });
      push('tmpl', src.slice(start, i), parts);
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT3.length === 0 && PUNCT2.includes(two)) {
      i += 2;
      push('punct', two);
      continue;
    }
    if (PUNCT1.includes(c)) {
      i++;
      push('punct', c);
      continue;
    }
    fail(start, `illegal token '${c}'`);
  }
  const l = loc(i);
  tokens.push({ t: 'eof', v: '', line: l.line, col: l.col, pos: i, end: i, nl: true });
  return { tokens, comments };
}
