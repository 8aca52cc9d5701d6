/**
 * Masking for secrets: the only form in which a secret may leave the detector. Short values are
 * masked entirely, so a mask never reveals most of a secret.
 */

/** First 4 + `…` + last 4 characters; values of 12 characters or fewer become `…` with their length hidden. */
export function maskSecret(value: string): string {
  const chars = [...value];
  if (chars.length <= 12) return '…';
  return `${chars.slice(0, 4).join('')}…${chars.slice(-4).join('')}`;
}
