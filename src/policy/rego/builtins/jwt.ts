/** io.jwt.* builtins (JWS only; JWE is rejected), using node:crypto. */
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { X509Certificate, constants, createHmac, createPrivateKey, createPublicKey, sign as cryptoSign, timingSafeEqual, verify as cryptoVerify } from 'node:crypto';
import type { JsonObject, Value } from '../value.js';
import { fromJS, isObject, objEntries, objGet } from '../value.js';
import { marshalJSON } from './encoding.js';
import type { BuiltinContext, BuiltinDef } from './types.js';
import { arg, fail, obj, str } from './util.js';

function b64urlDecode(s0: string, what: string): Buffer {
  const s = s0.replace(/=+$/, '');
  const bad = s.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0 || s.length % 4 === 1) fail(`JWT ${what} had invalid encoding: illegal base64 data at input byte ${bad >= 0 ? bad : s.length - 1}`);
  return Buffer.from(s, 'base64url');
}

function parseJSONObject(buf: Buffer): JsonObject | undefined {
  try {
    const v = fromJS(JSON.parse(buf.toString('utf8')));
    return isObject(v) && !(v instanceof Map) ? (v as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

interface Decoded {
  header: JsonObject;
  payload: Value;
  signature: Buffer;
  signingInput: string;
}

function decodeToken(token: string): Decoded {
  if (!token.includes('.')) fail('encoded JWT had no period separators');
  const parts = token.split('.');
  if (parts.length !== 3) fail(`encoded JWT must have 3 sections, found ${parts.length}`);
  const [h, p, s] = parts as [string, string, string];
  const hb = b64urlDecode(h, 'header');
  const header = parseJSONObject(hb);
  if (!header) fail('JWT header had invalid encoding: not a JSON object');
  if (objGet(header, 'enc') !== undefined) fail('JWT is a JWE object, which is not supported');
  const pb = b64urlDecode(p, 'payload');
  const signature = b64urlDecode(s, 'signature');
  const cty = objGet(header, 'cty');
  if (cty === 'JWT') {
    // Nested token: the payload is the (JSON-quoted) inner token.
    let inner = pb.toString('utf8');
    try {
      const parsed: unknown = JSON.parse(inner);
      if (typeof parsed === 'string') inner = parsed;
    } catch {
      // raw inner token
    }
    return decodeToken(inner);
  }
  let payload: Value;
  try {
    payload = fromJS(JSON.parse(pb.toString('utf8')));
  } catch {
    fail('type is JWT but payload is not JSON');
  }
  if (!isObject(payload)) fail('type is JWT but payload is not JSON');
  return { header, payload, signature, signingInput: `${h}.${p}` };
}

// ---------------------------------------------------------------------------
// Keys

function jwkKeys(text: string): KeyObject[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    fail('failed to parse a JWK key (set)');
  }
  const list = parsed && typeof parsed === 'object' && Array.isArray((parsed as { keys?: unknown }).keys) ? ((parsed as { keys: unknown[] }).keys) : [parsed];
  const out: KeyObject[] = [];
  for (const k of list) {
    try {
      out.push(createPublicKey({ key: k as JsonWebKey, format: 'jwk' }));
    } catch {
      fail('failed to parse a JWK key (set)');
    }
  }
  return out;
}

function pemKeys(text: string): KeyObject[] {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  const m = re.exec(text);
  if (!m) fail('failed to parse a PEM certificate');
  const rest = text.slice(m.index + m[0].length);
  if (rest.trim() !== '') fail('extra data after a PEM certificate block');
  const type = m[1] as string;
  if (type === 'CERTIFICATE') {
    try {
      return [new X509Certificate(m[0]).publicKey];
    } catch {
      fail('failed to parse a PEM certificate');
    }
  }
  if (type === 'PUBLIC KEY' || type === 'RSA PUBLIC KEY') {
    try {
      return [createPublicKey(m[0])];
    } catch {
      fail('failed to extract a Key from the PEM certificate');
    }
  }
  fail('failed to extract a Key from the PEM certificate');
}

function verificationKeys(cert: string): KeyObject[] {
  return cert.trim().startsWith('{') ? jwkKeys(cert) : pemKeys(cert);
}

const HASH: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };

function verifySig(alg: string, input: string, sig: Buffer, key: { secret?: string; keys?: KeyObject[] }): boolean {
  const fam = alg.slice(0, 2);
  const hash = HASH[alg.slice(2)];
  const data = Buffer.from(input, 'utf8');
  if (fam === 'HS' && hash) {
    if (key.secret === undefined) return false;
    const mac = createHmac(hash, Buffer.from(key.secret, 'utf8')).update(data).digest();
    return mac.length === sig.length && timingSafeEqual(mac, sig);
  }
  const keys = key.keys;
  if (!keys) return false;
  for (const k of keys) {
    try {
      if (alg === 'EdDSA') {
        if (cryptoVerify(null, data, k, sig)) return true;
      } else if (fam === 'RS' && hash) {
        if (cryptoVerify(hash, data, k, sig)) return true;
      } else if (fam === 'PS' && hash) {
        if (cryptoVerify(hash, data, { key: k, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, sig)) return true;
      } else if (fam === 'ES' && hash) {
        if (cryptoVerify(hash, data, { key: k, dsaEncoding: 'ieee-p1363' }, sig)) return true;
      } else fail(`unknown JWS algorithm: ${alg}`);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('unknown JWS')) throw e;
    }
  }
  return false;
}

const KNOWN_ALGS = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']);

function verifyFn(alg: string): BuiltinDef {
  return {
    name: `io.jwt.verify_${alg.toLowerCase()}`,
    arity: 2,
    fn: (a) => {
      const token = str(a, 0);
      const keyText = str(a, 1);
      const parts = token.split('.');
      if (!token.includes('.')) fail('encoded JWT had no period separators');
      if (parts.length !== 3) fail(`encoded JWT must have 3 sections, found ${parts.length}`);
      const sig = b64urlDecode(parts[2] as string, 'signature');
      const input = `${parts[0]}.${parts[1]}`;
      if (alg.startsWith('HS')) return verifySig(alg, input, sig, { secret: keyText });
      return verifySig(alg, input, sig, { keys: verificationKeys(keyText) });
    },
  };
}

function decodeVerify(a: Value[], ctx: BuiltinContext): Value {
  const token = str(a, 0);
  const c = obj(a, 1);
  let secret: string | undefined;
  let cert: string | undefined;
  let alg: string | undefined;
  let iss: string | undefined;
  let aud: string | undefined;
  let time = ctx.nowNs;
  for (const [k, v] of objEntries(c)) {
    switch (k) {
      case 'secret':
        if (typeof v !== 'string') fail('secret constraint must be a string');
        secret = v;
        break;
      case 'cert':
        if (typeof v !== 'string') fail('cert constraint must be a string');
        cert = v;
        break;
      case 'alg':
        if (typeof v !== 'string') fail('alg constraint must be a string');
        alg = v;
        break;
      case 'iss':
        if (typeof v !== 'string') fail('iss constraint must be a string');
        iss = v;
        break;
      case 'aud':
        if (typeof v !== 'string') fail('aud constraint must be a string');
        aud = v;
        break;
      case 'time':
        if (typeof v !== 'number') fail('time constraint must be a number');
        time = v;
        break;
      default:
        fail(`unknown token validation constraint: ${String(k)}`);
    }
  }
  if (secret !== undefined && cert !== undefined) fail('duplicate key constraints');
  if (secret === undefined && cert === undefined) fail('no key constraint');
  const invalid: Value = [false, {}, {}];
  const d = decodeToken(token);
  const halg = objGet(d.header, 'alg');
  if (typeof halg !== 'string') return invalid;
  // Unsupported critical header parameters make the token invalid (RFC 7515 4.1.11).
  if (objGet(d.header, 'crit') !== undefined) return invalid;
  if (alg !== undefined && alg !== halg) return invalid;
  if (!KNOWN_ALGS.has(halg)) fail(`unknown JWS algorithm: ${halg}`);
  const ok = halg.startsWith('HS')
    ? secret !== undefined && verifySig(halg, d.signingInput, d.signature, { secret })
    : cert !== undefined && verifySig(halg, d.signingInput, d.signature, { keys: verificationKeys(cert) });
  if (!ok) return invalid;
  const p = d.payload as JsonObject;
  const exp = objGet(p, 'exp');
  if (exp !== undefined) {
    if (typeof exp !== 'number') fail('exp value must be a number');
    if (time >= exp * 1e9) return invalid;
  }
  const nbf = objGet(p, 'nbf');
  if (nbf !== undefined) {
    if (typeof nbf !== 'number') fail('nbf value must be a number');
    if (time < nbf * 1e9) return invalid;
  }
  if (iss !== undefined && objGet(p, 'iss') !== iss) return invalid;
  const taud = objGet(p, 'aud');
  if (taud !== undefined) {
    if (aud === undefined) return invalid;
    const auds = Array.isArray(taud) ? taud : [taud];
    if (!auds.includes(aud)) return invalid;
  } else if (aud !== undefined) return invalid;
  return [true, d.header, d.payload];
}

// ---------------------------------------------------------------------------
// Signing

function headerAlg(headerText: string): string {
  if (headerText === '') fail("missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string");
  let h: unknown;
  try {
    h = JSON.parse(headerText);
  } catch {
    if (!headerText.trim().startsWith('{')) fail(`missing or invalid 'alg' header: jwsbb: header "alg" not found`);
    fail("missing or invalid 'alg' header: cannot parse JSON");
  }
  const alg = h && typeof h === 'object' ? (h as { alg?: unknown }).alg : undefined;
  if (typeof alg !== 'string') fail(`missing or invalid 'alg' header: jwsbb: header "alg" not found`);
  if (!KNOWN_ALGS.has(alg)) fail(`unknown JWS algorithm: ${alg}`);
  return alg;
}

function signToken(headerText: string, payloadText: string, keyText: string): string {
  const alg = headerAlg(headerText);
  const typ = (JSON.parse(headerText) as { typ?: unknown }).typ;
  if (typ === 'JWT') {
    let ok = false;
    try {
      const p: unknown = JSON.parse(payloadText);
      ok = p !== null && typeof p === 'object' && !Array.isArray(p);
    } catch {
      ok = false;
    }
    if (!ok) fail('type is JWT but payload is not JSON');
  }
  let jwk: Record<string, unknown>;
  try {
    jwk = JSON.parse(keyText) as Record<string, unknown>;
  } catch {
    fail('failed to parse a JWK key (set)');
  }
  const input = `${Buffer.from(headerText, 'utf8').toString('base64url')}.${Buffer.from(payloadText, 'utf8').toString('base64url')}`;
  const data = Buffer.from(input, 'utf8');
  const hash = HASH[alg.slice(2)];
  let sig: Buffer;
  if (alg.startsWith('HS')) {
    if (typeof jwk.k !== 'string') fail('invalid JWK: missing k');
    sig = createHmac(hash as string, Buffer.from(jwk.k, 'base64url')).update(data).digest();
  } else {
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } catch {
      fail('failed to parse a JWK key (set)');
    }
    if (alg === 'EdDSA') sig = cryptoSign(null, data, key);
    else if (alg.startsWith('RS')) sig = cryptoSign(hash as string, data, key);
    else if (alg.startsWith('PS')) sig = cryptoSign(hash as string, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
    else sig = cryptoSign(hash as string, data, { key, dsaEncoding: 'ieee-p1363' });
  }
  return `${input}.${sig.toString('base64url')}`;
}

export const jwtBuiltins: BuiltinDef[] = [
  {
    name: 'io.jwt.decode',
    arity: 1,
    fn: (a) => {
      const d = decodeToken(str(a, 0));
      return [d.header, d.payload, d.signature.toString('hex')];
    },
  },
  { name: 'io.jwt.decode_verify', arity: 2, fn: decodeVerify },
  ...['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'].map(verifyFn),
  {
    name: 'io.jwt.encode_sign_raw',
    arity: 3,
    fn: (a) => signToken(str(a, 0), str(a, 1), str(a, 2)),
  },
  {
    name: 'io.jwt.encode_sign',
    arity: 3,
    fn: (a) => {
      const h = obj(a, 0);
      const p = arg(a, 1);
      const k = obj(a, 2);
      return signToken(marshalJSON(h), marshalJSON(p), marshalJSON(k));
    },
  },
];
