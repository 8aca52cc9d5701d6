/**
 * Fake key material for the secrets tests, built at run time from a seed so the repository holds no
 * string that looks like a live key (except AWS's documented example keys).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const digest = (seed: string, n = 0): Buffer => createHash('sha512').update(`${seed}:${n}`).digest();

/** `AKIA` + 16 base32 characters derived from the seed. */
export function fakeAwsKeyId(seed: string, prefix: 'AKIA' | 'ASIA' = 'AKIA'): string {
  const d = digest(seed);
  let tail = '';
  for (let i = 0; i < 16; i++) tail += BASE32[(d[i] ?? 0) % 32];
  return prefix + tail;
}

/** 40 base64 characters with both cases and a digit or symbol, as AWS secret keys have. */
export function fakeAwsSecret(seed: string): string {
  for (let n = 0; ; n++) {
    const s = digest(`secret:${seed}`, n).toString('base64').replace(/=/g, '').slice(0, 40);
    if (s.length === 40 && /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9/+]/.test(s)) return s;
  }
}

/** A 64-byte Azure storage account key (base64, 88 characters). */
export function fakeAzureAccountKey(seed: string): string {
  return digest(`azure:${seed}`).toString('base64');
}

export function fakeAzureConnectionString(seed: string): { text: string; key: string } {
  const key = fakeAzureAccountKey(seed);
  return { text: ['DefaultEndpointsProtocol=https', 'AccountName=demostore', `Account${'Key'}=${key}`, 'EndpointSuffix=core.windows.net'].join(';'), key };
}

export function fakeSasUrl(seed: string): { text: string; sig: string } {
  const sig = createHash('sha256').update(`sas:${seed}`).digest('base64');
  return { text: `https://demostore.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2027-01-01T00:00:00Z&${'sig'}=${encodeURIComponent(sig)}`, sig };
}

export function fakePemKey(): { text: string; body: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const body = privateKey.split('\n').filter((l) => l !== '' && !l.startsWith('-----')).join('');
  return { text: privateKey, body };
}

export function fakeGcpKeyFile(seed: string): { text: string; keyId: string; privateKey: string } {
  const { text: privateKey } = fakePemKey();
  const keyId = createHash('sha1').update(`gcp:${seed}`).digest('hex');
  const text = JSON.stringify({ type: 'service_account', project_id: 'demo-project', private_key_id: keyId, private_key: privateKey, client_email: 'app@demo-project.iam.gserviceaccount.com', client_id: '1234567890' }, null, 2);
  return { text, keyId, privateKey };
}

/** The full secret strings a test planted: none may appear in any output. */
export function assertNoSecret(output: string, secrets: readonly string[], where: string): void {
  for (const s of secrets) {
    if (s.length < 12) continue;
    if (output.includes(s)) throw new Error(`${where}: output contains a full secret (${s.slice(0, 4)}…)`);
    // Also not in JSON-escaped form (slashes, newlines).
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s && output.includes(escaped)) throw new Error(`${where}: output contains a full secret, JSON-escaped (${s.slice(0, 4)}…)`);
  }
}

export const EXAMPLE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
