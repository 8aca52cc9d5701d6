/** net.* builtins: CIDR arithmetic on IPv4 and IPv6. */
import { BuiltinError } from '../errors.js';
import type { Value } from '../value.js';
import { RegoSet, isObject, objEntries } from '../value.js';
import type { BuiltinDef } from './types.js';
import { arg, fail, str } from './util.js';

interface Net {
  v6: boolean;
  addr: bigint;
  bits: number;
  prefix: number;
}

function parseIPv4(s: string): bigint | undefined {
  const p = s.split('.');
  if (p.length !== 4) return undefined;
  let n = 0n;
  for (const x of p) {
    if (!/^\d{1,3}$/.test(x) || Number(x) > 255 || (x.length > 1 && x.startsWith('0'))) return undefined;
    n = (n << 8n) | BigInt(Number(x));
  }
  return n;
}

function parseIPv6(s: string): bigint | undefined {
  let str = s;
  let tail4: bigint | undefined;
  const lastColon = str.lastIndexOf(':');
  if (str.slice(lastColon + 1).includes('.')) {
    tail4 = parseIPv4(str.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    str = str.slice(0, lastColon + 1) + '0:0';
  }
  const dbl = str.split('::');
  if (dbl.length > 2) return undefined;
  const parse = (x: string): string[] => (x === '' ? [] : x.split(':'));
  const head = parse(dbl[0] as string);
  const tail = dbl.length === 2 ? parse(dbl[1] as string) : [];
  const groups = dbl.length === 2 ? [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail] : head;
  if (groups.length !== 8) return undefined;
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4 !== undefined) n = (n & ~0xffffffffn) | tail4;
  return n;
}

function parseIP(s: string): { v6: boolean; addr: bigint } | undefined {
  const v4 = parseIPv4(s);
  if (v4 !== undefined) return { v6: false, addr: v4 };
  const v6 = parseIPv6(s);
  if (v6 !== undefined) return { v6: true, addr: v6 };
  return undefined;
}

function parseCIDR(s: string): Net | undefined {
  const i = s.indexOf('/');
  if (i < 0) return undefined;
  const ip = parseIP(s.slice(0, i));
  const ps = s.slice(i + 1);
  if (!ip || !/^\d+$/.test(ps)) return undefined;
  const bits = ip.v6 ? 128 : 32;
  const prefix = Number(ps);
  if (prefix > bits) return undefined;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { v6: ip.v6, addr: ip.addr & mask, bits, prefix };
}

function cidrOrFail(s: string): Net {
  const n = parseCIDR(s);
  if (!n) fail(`invalid CIDR address: ${s}`);
  return n;
}

function cidrOrIP(s: string): Net | undefined {
  const n = parseCIDR(s);
  if (n) return n;
  const ip = parseIP(s);
  if (!ip) return undefined;
  return { v6: ip.v6, addr: ip.addr, bits: ip.v6 ? 128 : 32, prefix: ip.v6 ? 128 : 32 };
}

function contains(a: Net, b: Net): boolean {
  if (a.v6 !== b.v6) return false;
  if (b.prefix < a.prefix) return false;
  const shift = BigInt(a.bits - a.prefix);
  return a.addr >> shift === b.addr >> shift;
}

function formatIP(v6: boolean, n: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  // compress the longest run of zeros (length >= 2)
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] === 0) {
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      if (j - i > bestLen && j - i >= 2) {
        best = i;
        bestLen = j - i;
      }
      i = j;
    } else i++;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

function items(v: Value, pos: number): [Value, string][] {
  if (typeof v === 'string') return [[v, v]];
  const out: [Value, string][] = [];
  const add = (key: Value, x: Value): void => {
    if (typeof x === 'string') out.push([key, x]);
    else if (Array.isArray(x) && x.length > 0 && typeof x[0] === 'string') out.push([key, x[0]]);
    else fail(`operand ${pos}: element must be string or non-empty array`);
  };
  if (Array.isArray(v)) v.forEach((x, i) => add(i, x));
  else if (v instanceof RegoSet) for (const x of v.values()) add(x, x);
  else if (isObject(v)) for (const [k, x] of objEntries(v)) add(k, x);
  else throw new BuiltinError(`operand ${pos} must be one of {string, array, set, object}`, 'eval_type_error');
  return out;
}

export const netBuiltins: BuiltinDef[] = [
  {
    name: 'net.cidr_contains',
    arity: 2,
    fn: (a) => {
      const n = cidrOrFail(str(a, 0));
      const s = str(a, 1);
      const b = cidrOrIP(s);
      if (!b) fail(`invalid CIDR or IP address: ${s}`);
      return contains(n, b);
    },
  },
  {
    name: 'net.cidr_intersects',
    arity: 2,
    fn: (a) => {
      const x = cidrOrFail(str(a, 0));
      const y = cidrOrFail(str(a, 1));
      return contains(x, y) || contains(y, x);
    },
  },
  { name: 'net.cidr_is_valid', arity: 1, fn: (a) => typeof arg(a, 0) === 'string' && parseCIDR(arg(a, 0) as string) !== undefined },
  {
    name: 'net.cidr_expand',
    arity: 1,
    fn: (a) => {
      const n = cidrOrFail(str(a, 0));
      const size = 1n << BigInt(n.bits - n.prefix);
      if (size > 65536n) fail('CIDR range too large to expand');
      const out = new RegoSet();
      for (let i = 0n; i < size; i++) out.add(formatIP(n.v6, n.addr + i));
      return out;
    },
  },
  {
    name: 'net.cidr_contains_matches',
    arity: 2,
    fn: (a) => {
      const cs = items(arg(a, 0), 1);
      const xs = items(arg(a, 1), 2);
      const out = new RegoSet();
      for (const [ck, c] of cs) {
        const cn = parseCIDR(c);
        if (!cn) fail(`invalid CIDR address: ${c}`);
        for (const [xk, x] of xs) {
          const xn = cidrOrIP(x);
          if (!xn) fail(`invalid CIDR or IP address: ${x}`);
          if (contains(cn, xn)) out.add([ck, xk]);
        }
      }
      return out;
    },
  },
  {
    name: 'net.cidr_merge',
    arity: 1,
    fn: (a) => {
      const v = arg(a, 0);
      const xs = Array.isArray(v) ? v : v instanceof RegoSet ? v.values() : undefined;
      if (!xs) throw new BuiltinError('operand 1 must be one of {array, set}', 'eval_type_error');
      const nets: Net[] = [];
      for (const x of xs) {
        if (typeof x !== 'string') throw new BuiltinError('operand 1 must be array of strings', 'eval_type_error');
        let n = parseCIDR(x);
        if (!n) {
          const ip = parseIP(x);
          if (!ip) fail(`invalid CIDR address: ${x}`);
          if (ip.v6) fail('IPv6 invalid: needs prefix length');
          // Go's classful default mask for bare IPv4 addresses.
          const first = Number(ip.addr >> 24n);
          const prefix = first < 128 ? 8 : first < 192 ? 16 : 24;
          const mask = ((1n << BigInt(prefix)) - 1n) << BigInt(32 - prefix);
          n = { v6: false, addr: ip.addr & mask, bits: 32, prefix };
        }
        nets.push(n);
      }
      const merge = (list: Net[]): Net[] => {
        list.sort((p, q) => (p.addr < q.addr ? -1 : p.addr > q.addr ? 1 : p.prefix - q.prefix));
        let changed = true;
        while (changed) {
          changed = false;
          const out: Net[] = [];
          for (const n of list) {
            const last = out[out.length - 1];
            if (last && contains(last, n)) {
              changed = true;
              continue;
            }
            if (last && last.prefix === n.prefix && last.prefix > 0) {
              const shift = BigInt(n.bits - n.prefix + 1);
              if (last.addr >> shift === n.addr >> shift) {
                out[out.length - 1] = { ...last, prefix: last.prefix - 1, addr: last.addr & ~((1n << shift) - 1n) };
                changed = true;
                continue;
              }
            }
            out.push(n);
          }
          list = out;
        }
        return list;
      };
      const v4 = merge(nets.filter((n) => !n.v6));
      const v6 = merge(nets.filter((n) => n.v6));
      return new RegoSet([...v4, ...v6].map((n) => `${formatIP(n.v6, n.addr)}/${n.prefix}`));
    },
  },
];
