/** units.*, walk, rego.metadata.*, semver.*, uuid.*. */
import { createHash } from 'node:crypto';
import type { JsonObject, RegoObject, Value } from '../value.js';
import { RegoSet, equal, isObject, objEntries, objGet } from '../value.js';
import type { BuiltinDef } from './types.js';
import { BuiltinError } from '../errors.js';
import { arg, fail, str, typeError } from './util.js';

const HTTP_KEYS = new Set([
  'body', 'cache', 'cache_ignored_headers', 'caching_mode', 'enable_redirect', 'force_cache', 'force_cache_duration_seconds',
  'force_json_decode', 'force_yaml_decode', 'headers', 'max_retry_attempts', 'method', 'raise_error', 'raw_body', 'timeout',
  'tls_ca_cert', 'tls_ca_cert_env_variable', 'tls_ca_cert_file', 'tls_client_cert', 'tls_client_cert_env_variable',
  'tls_client_cert_file', 'tls_client_key', 'tls_client_key_env_variable', 'tls_client_key_file', 'tls_insecure_skip_verify',
  'tls_server_name', 'tls_use_system_certs', 'url',
]);

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3, kb: 1e3, ki: 1024, kib: 1024,
  m: 1e6, mb: 1e6, mi: 1024 ** 2, mib: 1024 ** 2,
  g: 1e9, gb: 1e9, gi: 1024 ** 3, gib: 1024 ** 3,
  t: 1e12, tb: 1e12, ti: 1024 ** 4, tib: 1024 ** 4,
  p: 1e15, pb: 1e15, pi: 1024 ** 5, pib: 1024 ** 5,
  e: 1e18, eb: 1e18, ei: 1024 ** 6, eib: 1024 ** 6,
};

function splitAmount(s0: string, what: string): [number, string] {
  const s = s0.replace(/"/g, '');
  if (s.includes(' ')) fail('spaces not allowed in resource strings');
  const m = /^(-?[0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]+)?)(.*)$/.exec(s);
  const numPart = m?.[1] ?? '';
  const unit = m?.[2] ?? '';
  if (/^[.0-9]/.test(unit)) fail(`could not parse ${what} to a number`);
  if (numPart === '' || numPart === '.' || numPart === '-') fail(`no ${what} provided`);
  if (/[eE]/.test(numPart)) {
    const exp = Number(numPart.split(/[eE]/)[1]);
    if (Math.abs(exp) > 300) fail('exponent too large');
  }
  const n = Number(numPart);
  if (!Number.isFinite(n) || !/^-?\d*\.?\d*(?:[eE][+-]?\d+)?$/.test(numPart)) fail(`could not parse ${what} to a number`);
  return [n, unit];
}

function walk(v: Value, path: Value[], out: Value[]): void {
  out.push([path.slice(), v]);
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], out));
  else if (v instanceof RegoSet) for (const x of v.values()) walk(x, [...path, x], out);
  else if (isObject(v)) for (const [k, x] of objEntries(v)) walk(x, [...path, k], out);
}

interface SemVer {
  major: number;
  minor: number;
  patch: number;
  pre: string[];
}

function parseSemver(s: string): SemVer | undefined {
  const m = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/.exec(s);
  if (!m || s.startsWith('v')) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] ? m[4].split('.') : [] };
}

function cmpSemver(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (!a.pre.length && !b.pre.length) return 0;
  if (!a.pre.length) return 1;
  if (!b.pre.length) return -1;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      if (Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    } else if (xn) return -1;
    else if (yn) return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export const miscBuiltins: BuiltinDef[] = [
  {
    name: 'units.parse_bytes',
    arity: 1,
    fn: (a) => {
      const [n, unit] = splitAmount(str(a, 0), 'byte amount');
      const mult = BYTE_UNITS[unit.toLowerCase()];
      if (mult === undefined) fail(`byte unit ${unit} not recognized`);
      return Math.round(n * mult - 0.5 + 0.5) === n * mult ? n * mult : Math.floor(n * mult);
    },
  },
  {
    name: 'units.parse',
    arity: 1,
    fn: (a) => {
      const [n, unit] = splitAmount(str(a, 0), 'amount');
      if (unit === 'm') return n / 1000;
      const mult = BYTE_UNITS[unit.toLowerCase()];
      if (mult === undefined || unit.toLowerCase().endsWith('b')) fail(`unit ${unit} not recognized`);
      return n * mult;
    },
  },
  {
    name: 'walk',
    arity: 1,
    fn: () => undefined,
  },
  { name: 'rego.metadata.rule', arity: 0, fn: (_a, ctx) => ctx.metadataRule() },
  { name: 'rego.metadata.chain', arity: 0, fn: (_a, ctx) => ctx.metadataChain() },
  { name: 'semver.is_valid', arity: 1, fn: (a) => typeof arg(a, 0) === 'string' && parseSemver(arg(a, 0) as string) !== undefined },
  {
    name: 'semver.compare',
    arity: 2,
    fn: (a) => {
      const x = str(a, 0);
      const y = str(a, 1);
      const px = parseSemver(x);
      if (!px) fail(`operand 1: string ${JSON.stringify(x)} is not a valid SemVer`);
      const py = parseSemver(y);
      if (!py) fail(`operand 2: string ${JSON.stringify(y)} is not a valid SemVer`);
      return cmpSemver(px, py);
    },
  },
  { name: 'trace', arity: 1, fn: (a) => (str(a, 0), true) },
  {
    // Policies must not reach the network: requests are validated like OPA does, then refused.
    // `with http.send as mock` works for tests.
    name: 'http.send',
    arity: 1,
    fn: (a) => {
      const req = arg(a, 0);
      if (!isObject(req)) throw typeError(1, 'object', req);
      const keys = objEntries(req).map(([k]) => k);
      const bad = keys.filter((k) => typeof k !== 'string' || !HTTP_KEYS.has(k));
      if (bad.length) throw new BuiltinError(`invalid request parameters(s): {${bad.map((k) => JSON.stringify(k)).join(', ')}}`, 'eval_type_error');
      const missing = ['method', 'url'].filter((k) => !keys.includes(k));
      if (missing.length) throw new BuiltinError(`missing required request parameters(s): {${missing.map((k) => JSON.stringify(k)).join(', ')}}`, 'eval_type_error');
      fail('http.send is disabled: policies cannot make network requests');
    },
  },
  // No runtime information is exposed to policies.
  { name: 'opa.runtime', arity: 0, fn: () => ({}) },
  {
    name: 'rand.intn',
    arity: 2,
    fn: (a) => {
      // Same arguments give the same number within (and here also across) queries.
      const k = str(a, 0);
      const n = arg(a, 1);
      if (typeof n !== 'number' || !Number.isInteger(n)) throw typeError(2, 'integer number', n);
      if (n === 0) return 0;
      const h = createHash('sha256').update(`${k}\u0000${n}`).digest();
      return h.readUInt32BE(0) % Math.abs(n);
    },
  },
  {
    name: 'uuid.parse',
    arity: 1,
    fn: (a) => {
      let s = str(a, 0);
      if (s.length === 45 && s.slice(0, 9).toLowerCase() === 'urn:uuid:') s = s.slice(9);
      else if (s.length === 38) s = s.slice(1, 37);
      let hex: string;
      if (s.length === 36) {
        if (s[8] !== '-' || s[13] !== '-' || s[18] !== '-' || s[23] !== '-') fail('invalid UUID format');
        hex = s.replace(/-/g, '');
      } else if (s.length === 32) hex = s;
      else fail(`invalid UUID length: ${s.length}`);
      if (!/^[0-9a-fA-F]{32}$/.test(hex)) fail('invalid UUID format');
      const b = Buffer.from(hex, 'hex');
      const at = (i: number): number => b[i] as number;
      const version = at(6) >> 4;
      const v8 = at(8);
      const variant = (v8 & 0xc0) === 0x80 ? 'RFC4122' : (v8 & 0x80) === 0 ? 'Reserved' : (v8 & 0xe0) === 0xc0 ? 'Microsoft' : 'Future';
      const out: JsonObject = { variant, version };
      if (version === 1 || version === 2) {
        const t = (BigInt(((at(6) & 0x0f) << 8) | at(7)) << 48n) | (BigInt((at(4) << 8) | at(5)) << 32n) | BigInt(b.readUInt32BE(0));
        out.time = Number((t - 0x01b21dd213814000n) * 100n);
        out.clocksequence = ((v8 & 0x3f) << 8) | at(9);
        out.nodeid = [...b.subarray(10, 16)].map((x) => x.toString(16).padStart(2, '0')).join('-');
        out.macvariables = `${at(10) & 0x02 ? 'local' : 'global'}:${at(10) & 0x01 ? 'multicast' : 'unicast'}`;
        if (version === 2) {
          out.domain = ['Person', 'Group', 'Org'][at(9)] ?? `Domain${at(9)}`;
          out.id = b.readUInt32BE(0);
        }
      }
      return out;
    },
  },
  {
    name: 'uuid.rfc4122',
    arity: 1,
    fn: (a) => {
      // Deterministic per key within a process: derived from the key.
      const k = str(a, 0);
      const h = createHash('sha256').update(k).digest();
      h[6] = ((h[6] as number) & 0x0f) | 0x40;
      h[8] = ((h[8] as number) & 0x3f) | 0x80;
      const x = h.subarray(0, 16).toString('hex');
      return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
    },
  },
];

export function walkValue(v: Value): Value[] {
  const out: Value[] = [];
  walk(v, [], out);
  return out;
}

function neighbors(v: Value | undefined): Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof RegoSet) return v.values();
  return [];
}

function graphArgs(a: Value[]): [JsonObject | RegoObject, Value[]] {
  const g = arg(a, 0);
  if (!isObject(g)) throw typeError(1, 'object', g);
  const init = arg(a, 1);
  if (!Array.isArray(init) && !(init instanceof RegoSet)) throw typeError(2, 'one of {array, set}', init);
  return [g, neighbors(init)];
}

export const graphBuiltins: BuiltinDef[] = [
  {
    name: 'graph.reachable',
    arity: 2,
    fn: (a) => {
      const [g, init] = graphArgs(a);
      const out = new RegoSet();
      const queue = [...init];
      while (queue.length) {
        const n = queue.shift() as Value;
        if (out.has(n)) continue;
        const edges = objGet(g, n);
        if (edges === undefined) continue;
        out.add(n);
        for (const m of neighbors(edges)) if (!out.has(m)) queue.push(m);
      }
      return out;
    },
  },
  {
    name: 'graph.reachable_paths',
    arity: 2,
    fn: (a) => {
      const [g, init] = graphArgs(a);
      const out = new RegoSet();
      const dfs = (node: Value, path: Value[]): void => {
        const p = [...path, node];
        const next = neighbors(objGet(g, node)).filter((m) => objGet(g, m) !== undefined && !p.some((x) => equal(x, m)));
        if (next.length === 0) {
          out.add(p);
          return;
        }
        for (const m of next) dfs(m, p);
      };
      for (const n of init) if (objGet(g, n) !== undefined) dfs(n, []);
      return out;
    },
  },
];
