/**
 * User data is read only to look for secrets: it is decoded and scanned in memory, and only the
 * masked findings leave this module. The text itself is never stored, logged or returned.
 */
import { gunzipSync } from 'node:zlib';
import type { SecretFinding } from '../../graph/schema.js';
import { detectSecrets } from '../../secrets/detectors.js';

const MAX_USER_DATA_BYTES = 1024 * 1024;

/** Secrets in base64 user data (gzip-compressed user data is inflated first); [] when empty. */
export function scanUserData(base64: string | undefined | null, location: string): SecretFinding[] {
  if (base64 === undefined || base64 === null || base64 === '') return [];
  let bytes = Buffer.from(base64, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_USER_DATA_BYTES });
    } catch {
      return [];
    }
  }
  return detectSecrets(bytes.toString('utf8')).map((m) => ({ detector: m.detector, masked: m.masked, location, line: m.line }));
}
