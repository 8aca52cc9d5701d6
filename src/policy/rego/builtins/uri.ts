/** uri.parse / uri.is_valid, following Go's net/url parsing rules. */
import type { JsonObject, Value } from '../value.js';
import type { BuiltinDef } from './types.js';
import { arg, fail, str } from './util.js';

class URLError extends Error {}

function unhex(c: string): number {
  return parseInt(c, 16);
}

type Mode = 'path' | 'host' | 'fragment' | 'userinfo';

function unescape(s: string, mode: Mode): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new URLError(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      if (mode === 'host' && unhex(h[0] as string) < 8 && h !== '25') throw new URLError(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      bytes.push(parseInt(h, 16));
      i += 2;
    } else for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

function shouldEscapePath(c: string): boolean {
  if (/[A-Za-z0-9]/.test(c)) return false;
  return !'-_.~$&+,/:;=@'.includes(c);
}

function escapePath(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && !shouldEscapePath(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

interface Parsed {
  scheme: string;
  opaque: string;
  host: string;
  path: string;
  rawPath: string;
  rawQuery: string;
  fragment: string;
}

function parseURL(raw: string): Parsed {
  let rest = raw;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = unescape(rest.slice(hash + 1), 'fragment');
    rest = rest.slice(0, hash);
  }
  let scheme = '';
  const sm = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (sm) {
    scheme = (sm[1] as string).toLowerCase();
    rest = rest.slice(sm[0].length);
  } else if (rest.startsWith(':')) throw new URLError('missing protocol scheme');
  let rawQuery = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  const res: Parsed = { scheme, opaque: '', host: '', path: '', rawPath: '', rawQuery, fragment };
  if (!rest.startsWith('/') && scheme !== '') {
    res.opaque = rest;
    return res;
  }
  if (rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    rest = end < 0 ? '' : rest.slice(end);
    const at = authority.lastIndexOf('@');
    let host = authority;
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (!validUserinfo(userinfo)) throw new URLError('net/url: invalid userinfo');
      host = authority.slice(at + 1);
    }
    res.host = parseHost(host);
  }
  res.path = unescape(rest, 'path');
  res.rawPath = escapePath(res.path) === rest ? '' : rest;
  return res;
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new URLError(`missing ']' in host`);
    const colonPort = host.slice(i + 1);
    if (colonPort !== '' && !/^:[0-9]*$/.test(colonPort)) throw new URLError(`invalid port ${JSON.stringify(colonPort)} after host`);
    return unescape(host.slice(0, i + 1), 'host') + colonPort;
  }
  const i = host.lastIndexOf(':');
  if (i >= 0) {
    const colonPort = host.slice(i);
    if (!/^:[0-9]*$/.test(colonPort)) throw new URLError(`invalid port ${JSON.stringify(colonPort)} after host`);
  }
  return unescape(host, 'host');
}

function splitHostPort(host: string): [string, string] {
  if (host.startsWith('[')) {
    const i = host.indexOf(']');
    return [host.slice(1, i), host.slice(i + 2)];
  }
  const i = host.lastIndexOf(':');
  return i < 0 ? [host, ''] : [host.slice(0, i), host.slice(i + 1)];
}

function toValue(p: Parsed): Value {
  const o: JsonObject = {};
  if (p.scheme) o.scheme = p.scheme;
  const [hostname, port] = splitHostPort(p.host);
  if (hostname) o.hostname = hostname;
  if (port) o.port = port;
  if (p.path) {
    o.path = p.path;
    o.raw_path = p.rawPath || p.path;
  }
  if (p.rawQuery) o.raw_query = p.rawQuery;
  if (p.fragment) o.fragment = p.fragment;
  return o;
}

export const uriBuiltins: BuiltinDef[] = [
  {
    name: 'uri.parse',
    arity: 1,
    fn: (a) => {
      const s = str(a, 0);
      try {
        return toValue(parseURL(s));
      } catch (e) {
        if (e instanceof URLError) fail(`parse ${JSON.stringify(s)}: ${e.message}`);
        throw e;
      }
    },
  },
  {
    name: 'uri.is_valid',
    arity: 1,
    fn: (a) => {
      const s = arg(a, 0);
      if (typeof s !== 'string' || s === '') return false;
      try {
        parseURL(s);
        return true;
      } catch {
        return false;
      }
    },
  },
];
