/** crypto.x509.* and crypto.parse_private_keys with node:crypto (Go-like JSON shapes for the common fields). */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { JsonObject, Value } from '../value.js';
import { fromJS } from '../value.js';
import type { BuiltinDef } from './types.js';
import { fail, str } from './util.js';

function b64(s: string): Buffer {
  const t = s.replace(/\s+/g, '');
  const bad = t.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0 || t.length % 4 !== 0) fail(`illegal base64 data at input byte ${bad >= 0 ? bad : t.length - (t.length % 4)}`);
  return Buffer.from(t, 'base64');
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** PEM text directly, or base64 of PEM or DER. */
function pemOrDer(input: string): { pem: string[]; der: Buffer | undefined } {
  if (input.includes('-----BEGIN')) return { pem: input.match(PEM_RE) ?? [], der: undefined };
  const bytes = b64(input);
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) return { pem: text.match(PEM_RE) ?? [], der: undefined };
  return { pem: [], der: bytes };
}

/** Split concatenated DER SEQUENCEs. */
function splitDER(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  while (i < buf.length) {
    if (buf[i] !== 0x30 || i + 2 > buf.length) fail('x509: malformed certificate');
    let len = buf[i + 1] as number;
    let hdr = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4 || i + 2 + n > buf.length) fail('x509: malformed certificate');
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + (buf[i + 2 + k] as number);
      hdr += n;
    }
    const end = i + hdr + len;
    if (end > buf.length) fail('x509: malformed certificate');
    out.push(buf.subarray(i, end));
    i = end;
  }
  return out;
}

function parseCerts(input: string): X509Certificate[] {
  const { pem, der } = pemOrDer(input);
  const blocks: (string | Buffer)[] = der ? splitDER(der) : pem.filter((p) => p.includes('CERTIFICATE'));
  if (blocks.length === 0) fail('x509: malformed certificate');
  return blocks.map((b) => {
    try {
      return new X509Certificate(b);
    } catch {
      fail('x509: malformed certificate');
    }
  });
}

const NAME_FIELDS: Record<string, string> = {
  C: 'Country',
  O: 'Organization',
  OU: 'OrganizationalUnit',
  L: 'Locality',
  ST: 'Province',
  street: 'StreetAddress',
  postalCode: 'PostalCode',
};

function pkixName(dn: string): JsonObject {
  const o: JsonObject = {
    Country: null,
    Organization: null,
    OrganizationalUnit: null,
    Locality: null,
    Province: null,
    StreetAddress: null,
    PostalCode: null,
    SerialNumber: '',
    CommonName: '',
  };
  for (const line of dn.split('\n')) {
    const i = line.indexOf('=');
    if (i < 0) continue;
    const k = line.slice(0, i);
    const v = line.slice(i + 1);
    if (k === 'CN') o.CommonName = v;
    else if (k === 'serialNumber') o.SerialNumber = v;
    else {
      const f = NAME_FIELDS[k];
      if (!f) continue;
      const cur = o[f];
      o[f] = Array.isArray(cur) ? [...cur, v] : [v];
    }
  }
  return o;
}

function sans(c: X509Certificate, kind: string): Value {
  const out: string[] = [];
  for (const part of (c.subjectAltName ?? '').split(/,\s*/)) {
    if (part.startsWith(kind + ':')) out.push(part.slice(kind.length + 1));
  }
  return out.length ? out : null;
}

function rfc3339(s: string): string {
  return new Date(s).toISOString().replace(/\.000Z$/, 'Z');
}

function certJSON(c: X509Certificate): Value {
  return {
    Version: 3,
    SerialNumber: Number(BigInt('0x' + c.serialNumber)),
    Issuer: pkixName(c.issuer),
    Subject: pkixName(c.subject),
    NotBefore: rfc3339(c.validFrom),
    NotAfter: rfc3339(c.validTo),
    IsCA: c.ca,
    DNSNames: sans(c, 'DNS'),
    EmailAddresses: sans(c, 'email'),
    IPAddresses: sans(c, 'IP Address'),
    URIStrings: sans(c, 'URI'),
    Raw: c.raw.toString('base64'),
  };
}

/**
 * Go/OPA order: the first certificate is the root, the last the leaf, the others intermediates.
 * Returns the verified chain from leaf to root, or undefined.
 */
function verifyChain(certs: X509Certificate[], nowMs: number): X509Certificate[] | undefined {
  if (certs.length < 2) return undefined;
  const root = certs[0] as X509Certificate;
  const leaf = certs[certs.length - 1] as X509Certificate;
  const pool = certs.slice(1, -1);
  const valid = (c: X509Certificate): boolean => nowMs >= Date.parse(c.validFrom) && nowMs <= Date.parse(c.validTo);
  const issuedBy = (c: X509Certificate, i: X509Certificate): boolean => i.ca && c.checkIssued(i) && c.verify(i.publicKey);
  const chain = [leaf];
  let cur = leaf;
  for (let steps = 0; steps <= pool.length; steps++) {
    if (!valid(cur)) return undefined;
    if (issuedBy(cur, root)) {
      if (!valid(root)) return undefined;
      chain.push(root);
      return chain;
    }
    const next = pool.find((c) => !chain.includes(c) && issuedBy(cur, c));
    if (!next) return undefined;
    chain.push(next);
    cur = next;
  }
  return undefined;
}

function privateKeyJWK(pem: string): Value {
  try {
    return fromJS(createPrivateKey(pem).export({ format: 'jwk' }));
  } catch {
    fail('failed to parse a private key');
  }
}

export const x509Builtins: BuiltinDef[] = [
  { name: 'crypto.x509.parse_certificates', arity: 1, fn: (a) => parseCerts(str(a, 0)).map(certJSON) },
  {
    name: 'crypto.x509.parse_and_verify_certificates',
    arity: 1,
    fn: (a, ctx) => {
      const chain = verifyChain(parseCerts(str(a, 0)), ctx.nowNs / 1e6);
      return chain ? [true, chain.map(certJSON)] : [false, []];
    },
  },
  {
    name: 'crypto.x509.parse_keypair',
    arity: 2,
    fn: (a) => {
      const certs = parseCerts(str(a, 0));
      const keyIn = str(a, 1);
      const { pem } = pemOrDer(keyIn);
      const keyPem = pem.find((p) => p.includes('PRIVATE KEY'));
      if (!keyPem) fail('tls: failed to find any PEM data in key input');
      let jwk: Value;
      try {
        const k = createPrivateKey(keyPem);
        const leaf = certs[0] as X509Certificate;
        if (!leaf.checkPrivateKey(k)) fail('tls: private key does not match public key');
        jwk = fromJS(k.export({ format: 'jwk' }));
      } catch (e) {
        if (e instanceof Error && e.message.startsWith('tls:')) throw e;
        fail('tls: failed to parse private key');
      }
      return { Certificate: certs.map((c) => c.raw.toString('base64')), PrivateKey: jwk, Leaf: certJSON(certs[0] as X509Certificate) };
    },
  },
  {
    name: 'crypto.x509.parse_rsa_private_key',
    arity: 1,
    fn: (a) => {
      const { pem } = pemOrDer(str(a, 0));
      const p = pem.find((x) => x.includes('PRIVATE KEY'));
      if (!p) fail('failed to parse PEM block containing the key');
      return privateKeyJWK(p);
    },
  },
  {
    name: 'crypto.parse_private_keys',
    arity: 1,
    fn: (a) => {
      const s = str(a, 0);
      if (s === '') return null;
      let blocks: string[];
      try {
        blocks = pemOrDer(s).pem;
      } catch {
        return [];
      }
      return blocks.filter((p) => p.includes('PRIVATE KEY')).map(privateKeyJWK);
    },
  },
];
