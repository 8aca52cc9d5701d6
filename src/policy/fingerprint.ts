/** Stable identities of findings and savings across runs, for baselines, suppressions and history. */
import { createHash } from 'node:crypto';

/** 32 hex characters of SHA-256 over the parts joined by NUL. */
export function fingerprintOf(...parts: (string | null | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
