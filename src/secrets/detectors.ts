/**
 * Secret detectors: pure functions from text to masked findings. A detector sees the full text in
 * memory but returns only `maskSecret()` of what it matched, never the value itself.
 *
 * Noise control: an AWS secret access key only counts when an access key id is near it (or it is
 * assigned to a name that says so) and its entropy is that of random base64; SAS signatures and
 * account keys must decode as base64 of the right length.
 */
import { createHash } from 'node:crypto';
import { shannonEntropy } from './entropy.js';
import { maskSecret } from './mask.js';

export type DetectorId =
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'azure-storage-connection-string'
  | 'azure-sas-token'
  | 'gcp-service-account-key'
  | 'private-key';

/** One secret found in a text. */
export interface SecretMatch {
  detector: DetectorId;
  /** `maskSecret()` of the matched value. */
  masked: string;
  /** 1-based line of the match. */
  line: number;
}

/**
 * A match with what the `secrets scan` command needs to group, allow-list and correlate it, still
 * without the value: `fingerprint` is a SHA-256 prefix of the matched value (for AWS key ids, of the
 * id itself, so it can be compared with the ids of a snapshot's `iam.access_key` nodes).
 */
export interface DetailedSecretMatch extends SecretMatch {
  /** `secretFingerprint()` of the matched value. */
  fingerprint: string;
  /** One of AWS's documentation example keys (`AKIAIOSFODNN7EXAMPLE`, `…EXAMPLEKEY`): not a live secret. */
  example: boolean;
}

/** Hex characters of SHA-256 kept in a secret's fingerprint (96 bits: no collisions in practice, no way back). */
const FINGERPRINT_HEX = 24;

/** The fingerprint of a secret value: a SHA-256 prefix, never reversible to a value that passed the entropy checks. */
export function secretFingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, FINGERPRINT_HEX);
}

/** AWS's documentation keys end in EXAMPLE (key ids) and EXAMPLEKEY (secret keys). */
function isAwsExample(value: string): boolean {
  return /^(?:AKIA|ASIA)[A-Z2-7]{9}EXAMPLE$/.test(value) || /EXAMPLEKEY$/.test(value);
}

/** Internal: a match with its value, which never leaves this module. */
interface Hit {
  detector: DetectorId;
  value: string;
  line: number;
  example?: boolean;
}

/** Entropy floor of the 16 random characters after AKIA/ASIA: rejects AKIAXXXXXXXXXXXXXXXX-style placeholders. */
const AWS_KEY_ID_MIN_ENTROPY = 2.5;

/** Lines within which an AWS secret key must sit from an access key id to be reported. */
const AWS_PAIR_DISTANCE_LINES = 5;
/** Entropy floor (bits/char) of a 40-character random base64 string; English text stays well below. */
const AWS_SECRET_MIN_ENTROPY = 3.5;

const AWS_KEY_ID = /\b((?:AKIA|ASIA)[A-Z2-7]{16})\b/g;
const AWS_SECRET_CANDIDATE = /(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g;
const AWS_SECRET_NAMED = /(?:aws_?secret_?access_?key|secretaccesskey|aws_?secret)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
const AZURE_CONN = /DefaultEndpointsProtocol=https?;AccountName=[a-z0-9]{3,24};AccountKey=([A-Za-z0-9+/]{86}==)/g;
const AZURE_SAS = /[?&](?:sv=\d{4}-\d{2}-\d{2}&)?(?:[a-z]{2,4}=[^&\s"']*&)*sig=([A-Za-z0-9%+/]{43,}(?:%3D|=){0,2})/g;
const GCP_KEY = /"type"\s*:\s*"service_account"[\s\S]{0,2000}?"private_key_id"\s*:\s*"([a-f0-9]{40})"|"private_key_id"\s*:\s*"([a-f0-9]{40})"[\s\S]{0,2000}?"type"\s*:\s*"service_account"/g;
const PEM_KEY = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----\s*([A-Za-z0-9+/=\s]{40,}?)-----END \1-----/g;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function decodesToBytes(b64: string, bytes: number): boolean {
  try {
    return Buffer.from(b64, 'base64').length === bytes;
  } catch {
    return false;
  }
}

function awsFindings(text: string): Hit[] {
  const out: Hit[] = [];
  const idLines: number[] = [];
  for (const m of text.matchAll(AWS_KEY_ID)) {
    const id = m[1] ?? '';
    if (shannonEntropy(id.slice(4)) < AWS_KEY_ID_MIN_ENTROPY) continue;
    const line = lineAt(text, m.index);
    idLines.push(line);
    out.push({ detector: 'aws-access-key-id', value: id, line, example: isAwsExample(id) });
  }
  const seen = new Set<number>();
  const secret = (value: string, index: number): void => {
    if (seen.has(index)) return;
    if (shannonEntropy(value) < AWS_SECRET_MIN_ENTROPY) return;
    // A random 40-char base64 string has upper and lower case letters and at least a digit or symbol.
    if (!/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/[0-9/+]/.test(value)) return;
    seen.add(index);
    out.push({ detector: 'aws-secret-access-key', value, line: lineAt(text, index), example: isAwsExample(value) });
  };
  for (const m of text.matchAll(AWS_SECRET_NAMED)) {
    const value = m[1] ?? '';
    secret(value, m.index + m[0].length - value.length);
  }
  if (idLines.length > 0) {
    for (const m of text.matchAll(AWS_SECRET_CANDIDATE)) {
      const line = lineAt(text, m.index);
      if (idLines.some((l) => Math.abs(l - line) <= AWS_PAIR_DISTANCE_LINES)) secret(m[1] ?? '', m.index);
    }
  }
  return out;
}

function azureFindings(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(AZURE_CONN)) {
    const key = m[1] ?? '';
    if (decodesToBytes(key, 64)) out.push({ detector: 'azure-storage-connection-string', value: key, line: lineAt(text, m.index) });
  }
  for (const m of text.matchAll(AZURE_SAS)) {
    const sig = decodeURIComponent(m[1] ?? '');
    if (decodesToBytes(sig, 32) && shannonEntropy(sig) > 4) out.push({ detector: 'azure-sas-token', value: sig, line: lineAt(text, m.index) });
  }
  return out;
}

function gcpFindings(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(GCP_KEY)) {
    const id = m[1] ?? m[2] ?? '';
    if (!/-----BEGIN PRIVATE KEY-----/.test(m[0]) && !/"private_key"\s*:/.test(text)) continue;
    out.push({ detector: 'gcp-service-account-key', value: id, line: lineAt(text, m.index) });
  }
  return out;
}

function pemFindings(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(PEM_KEY)) {
    const body = (m[2] ?? '').replace(/\s+/g, '');
    if (shannonEntropy(body) < 4.5) continue;
    out.push({ detector: 'private-key', value: body, line: lineAt(text, m.index) });
  }
  return out;
}

function hits(text: string): Hit[] {
  // A PEM body inside a GCP key file is reported once, as the GCP key.
  const gcp = gcpFindings(text);
  const pem = gcp.length > 0 ? [] : pemFindings(text.replace(/\\n/g, '\n'));
  return [...awsFindings(text), ...azureFindings(text), ...gcp, ...pem].sort((a, b) => a.line - b.line || a.detector.localeCompare(b.detector));
}

/** Every secret found in `text`, masked, in order of position. */
export function detectSecrets(text: string): SecretMatch[] {
  return hits(text).map((h) => ({ detector: h.detector, masked: maskSecret(h.value), line: h.line }));
}

/** Like `detectSecrets`, with each value's fingerprint and whether it is a documentation example. */
export function detectSecretsDetailed(text: string): DetailedSecretMatch[] {
  return hits(text).map((h) => ({ detector: h.detector, masked: maskSecret(h.value), line: h.line, fingerprint: secretFingerprint(h.value), example: h.example === true }));
}
