/** Encoding builtins: JSON, YAML, base64, hex, URL query; crypto hashes; bits. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parse as yamlParse, stringify as yamlStringify } from 'yaml';
import { BuiltinError } from '../errors.js';
import type { Value } from '../value.js';
import { RegoSet, fromJS, objEntries, toJSON } from '../value.js';
import { formatNumber } from './format.js';
import type { BuiltinDef } from './types.js';
import { arg, arrOrSet, fail, int, obj, str, typeError } from './util.js';

export function marshalJSON(v: Value, indent = '', prefix = '', level = 0): string {
  const nl = indent ? '\n' + prefix + indent.repeat(level + 1) : '';
  const end = indent ? '\n' + prefix + indent.repeat(level) : '';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatNumber(v);
    case 'string':
      return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  }
  const sep = indent ? ': ' : ':';
  if (Array.isArray(v) || v instanceof RegoSet) {
    const items = Array.isArray(v) ? v : v.values();
    if (items.length === 0) return '[]';
    return '[' + items.map((x) => nl + marshalJSON(x, indent, prefix, level + 1)).join(',') + end + ']';
  }
  const ents = objEntries(v);
  if (ents.length === 0) return '{}';
  return (
    '{' +
    ents
      .map(([k, x]) => nl + marshalJSON(typeof k === 'string' ? k : marshalJSON(k), indent, prefix, level + 1) + sep + marshalJSON(x, indent, prefix, level + 1))
      .join(',') +
    end +
    '}'
  );
}

function parseJSON(s: string): Value {
  try {
    return fromJS(JSON.parse(s));
  } catch (e) {
    fail((e as Error).message);
  }
}

function b64decode(s: string, url: boolean): string {
  const std = url ? s.replace(/-/g, '+').replace(/_/g, '/') : s;
  const clean = std;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) fail(`illegal base64 data at input byte ${Math.max(0, clean.search(/[^A-Za-z0-9+/=]/))}`);
  if (!url && clean.length % 4 !== 0) fail(`illegal base64 data at input byte ${clean.length - (clean.length % 4)}`);
  return Buffer.from(clean, 'base64').toString('utf8');
}

function urlEncode(s: string): string {
  // Go url.QueryEscape
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function urlDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '+') bytes.push(32);
    else if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) fail(`invalid URL escape "${s.slice(i, i + 3)}"`);
      bytes.push(parseInt(h, 16));
      i += 2;
    } else for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

function hash(alg: string, s: string): string {
  return createHash(alg).update(s, 'utf8').digest('hex');
}
function hmac(alg: string, s: string, key: string): string {
  return createHmac(alg, Buffer.from(key, 'utf8')).update(s, 'utf8').digest('hex');
}

/** go-yaml style error text: `yaml: line N: ...` (flow collections: `did not find expected ...`). */
function yamlError(e: unknown): string {
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  const pos = (e as { linePos?: { line: number }[] }).linePos?.[0];
  const text = msg.replace(/ at line \d+, column \d+:?$/, '');
  let goText = text;
  if (/^Flow sequence .*end with a \]/.test(text)) goText = "did not find expected ',' or ']'";
  else if (/^Flow map .*end with a \}/.test(text)) goText = "did not find expected ',' or '}'";
  return pos ? `yaml: line ${pos.line}: ${goText}` : `yaml: ${goText}`;
}

function yamlToValue(x: unknown): Value {
  return fromJS(x);
}

export const encodingBuiltins: BuiltinDef[] = [
  { name: 'json.marshal', arity: 1, fn: (a) => marshalJSON(arg(a, 0)) },
  {
    name: 'json.marshal_with_options',
    arity: 2,
    fn: (a) => {
      const o = obj(a, 1);
      let indent = '';
      let prefix = '';
      let pretty = false;
      let hasIndentOrPrefix = false;
      for (const [k, v] of objEntries(o)) {
        if (k === 'pretty') {
          if (typeof v !== 'boolean') fail('"pretty" option must be a boolean');
          pretty = v;
        } else if (k === 'indent') {
          if (typeof v !== 'string') fail('"indent" option must be a string');
          indent = v;
          hasIndentOrPrefix = true;
        } else if (k === 'prefix') {
          if (typeof v !== 'string') fail('"prefix" option must be a string');
          prefix = v;
          hasIndentOrPrefix = true;
        } else throw new BuiltinError(`object contained unknown key ${JSON.stringify(k)}`, 'eval_type_error');
      }
      const explicitPretty = objEntries(o).some(([k]) => k === 'pretty');
      if (!pretty && (explicitPretty || !hasIndentOrPrefix)) return marshalJSON(arg(a, 0));
      if (!indent && !objEntries(o).some(([k]) => k === 'indent')) indent = '\t';
      return prefix + marshalJSON(arg(a, 0), indent, prefix);
    },
  },
  { name: 'json.unmarshal', arity: 1, fn: (a) => parseJSON(str(a, 0)) },
  {
    name: 'json.is_valid',
    arity: 1,
    fn: (a) => {
      const s = arg(a, 0);
      if (typeof s !== 'string') return false;
      try {
        JSON.parse(s);
        return true;
      } catch {
        return false;
      }
    },
  },
  { name: 'yaml.marshal', arity: 1, fn: (a) => yamlStringify(toJSON(arg(a, 0))) },
  {
    name: 'yaml.unmarshal',
    arity: 1,
    fn: (a) => {
      try {
        return yamlToValue(yamlParse(str(a, 0)));
      } catch (e) {
        fail(yamlError(e));
      }
    },
  },
  {
    name: 'yaml.is_valid',
    arity: 1,
    fn: (a) => {
      const s = arg(a, 0);
      if (typeof s !== 'string') return false;
      try {
        yamlParse(s);
        return true;
      } catch {
        return false;
      }
    },
  },
  { name: 'base64.encode', arity: 1, fn: (a) => Buffer.from(str(a, 0), 'utf8').toString('base64') },
  { name: 'base64.decode', arity: 1, fn: (a) => b64decode(str(a, 0), false) },
  {
    name: 'base64.is_valid',
    arity: 1,
    fn: (a) => {
      const s = str(a, 0);
      return /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0;
    },
  },
  { name: 'base64url.encode', arity: 1, fn: (a) => Buffer.from(str(a, 0), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_') },
  { name: 'base64url.encode_no_pad', arity: 1, fn: (a) => Buffer.from(str(a, 0), 'utf8').toString('base64url') },
  { name: 'base64url.decode', arity: 1, fn: (a) => b64decode(str(a, 0).replace(/=+$/, ''), true) },
  { name: 'hex.encode', arity: 1, fn: (a) => Buffer.from(str(a, 0), 'utf8').toString('hex') },
  {
    name: 'hex.decode',
    arity: 1,
    fn: (a) => {
      const s = str(a, 0);
      const bad = s.search(/[^0-9a-fA-F]/);
      if (bad >= 0) fail(`encoding/hex: invalid byte: U+00${s.charCodeAt(bad).toString(16).toUpperCase().padStart(2, '0')} ${JSON.stringify(s[bad]).replace(/"/g, "'")}`);
      if (s.length % 2) fail('encoding/hex: odd length hex string');
      return Buffer.from(s, 'hex').toString('utf8');
    },
  },
  { name: 'urlquery.encode', arity: 1, fn: (a) => urlEncode(str(a, 0)) },
  { name: 'urlquery.decode', arity: 1, fn: (a) => urlDecode(str(a, 0)) },
  {
    name: 'urlquery.encode_object',
    arity: 1,
    fn: (a) => {
      const parts: string[] = [];
      for (const [k, v] of objEntries(obj(a, 0))) {
        if (typeof k !== 'string') fail('object keys must be strings');
        const vals = typeof v === 'string' ? [v] : Array.isArray(v) || v instanceof RegoSet ? arrOrSet([v], 0) : undefined;
        if (!vals) throw typeError(1, 'object of strings, arrays or sets', v);
        for (const x of vals) {
          if (typeof x !== 'string') fail('values must be strings');
          parts.push(urlEncode(k) + '=' + urlEncode(x));
        }
      }
      return parts.join('&');
    },
  },
  {
    name: 'urlquery.decode_object',
    arity: 1,
    fn: (a) => {
      const s = str(a, 0);
      const out: Record<string, string[]> = {};
      for (const part of s.split(/[&]/)) {
        if (!part) continue;
        const i = part.indexOf('=');
        const k = urlDecode(i < 0 ? part : part.slice(0, i));
        const v = i < 0 ? '' : urlDecode(part.slice(i + 1));
        (out[k] ??= []).push(v);
      }
      return fromJS(out);
    },
  },
  { name: 'crypto.sha256', arity: 1, fn: (a) => hash('sha256', str(a, 0)) },
  { name: 'crypto.sha1', arity: 1, fn: (a) => hash('sha1', str(a, 0)) },
  { name: 'crypto.md5', arity: 1, fn: (a) => hash('md5', str(a, 0)) },
  { name: 'crypto.hmac.sha256', arity: 2, fn: (a) => hmac('sha256', str(a, 0), str(a, 1)) },
  { name: 'crypto.hmac.sha1', arity: 2, fn: (a) => hmac('sha1', str(a, 0), str(a, 1)) },
  { name: 'crypto.hmac.sha512', arity: 2, fn: (a) => hmac('sha512', str(a, 0), str(a, 1)) },
  { name: 'crypto.hmac.md5', arity: 2, fn: (a) => hmac('md5', str(a, 0), str(a, 1)) },
  {
    name: 'crypto.hmac.equal',
    arity: 2,
    fn: (a) => {
      const x = Buffer.from(str(a, 0), 'utf8');
      const y = Buffer.from(str(a, 1), 'utf8');
      return x.length === y.length && timingSafeEqual(x, y);
    },
  },
  { name: 'bits.and', arity: 2, fn: (a) => Number(BigInt(int(a, 0)) & BigInt(int(a, 1))) },
  { name: 'bits.or', arity: 2, fn: (a) => Number(BigInt(int(a, 0)) | BigInt(int(a, 1))) },
  { name: 'bits.xor', arity: 2, fn: (a) => Number(BigInt(int(a, 0)) ^ BigInt(int(a, 1))) },
  { name: 'bits.negate', arity: 1, fn: (a) => Number(~BigInt(int(a, 0))) },
  {
    name: 'bits.lsh',
    arity: 2,
    fn: (a) => {
      const s = int(a, 1);
      if (s < 0) throw new BuiltinError('operand 2 must be an unsigned integer number but got a negative integer', 'eval_type_error');
      return Number(BigInt(int(a, 0)) << BigInt(s));
    },
  },
  {
    name: 'bits.rsh',
    arity: 2,
    fn: (a) => {
      const s = int(a, 1);
      if (s < 0) throw new BuiltinError('operand 2 must be an unsigned integer number but got a negative integer', 'eval_type_error');
      return Number(BigInt(int(a, 0)) >> BigInt(s));
    },
  },
];

