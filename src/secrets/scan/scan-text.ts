/**
 * Pure: one text (a file, or the lines a commit added to a file) → hits, with the allow-list
 * applied and AWS key ids paired with the secret keys next to them. The text stays in memory.
 */
import { detectSecretsDetailed } from '../detectors.js';
import { allowedBy, type AllowEntry } from './allowlist.js';
import type { LeakHit, LeakLocation } from './types.js';

/** A secret access key within this many lines of a key id is taken to be that key's secret. */
export const PAIR_DISTANCE_LINES = 5;

export interface TextSource {
  /** Path relative to the scanned folder, `/`-separated. */
  file: string;
  commit: string | null;
  authorDate: string | null;
  /** Maps a 1-based line of `text` to the line in the file (history: added lines are not contiguous). */
  lineOf?: (textLine: number) => number;
}

export function scanText(text: string, source: TextSource, allow: readonly AllowEntry[]): LeakHit[] {
  const matches = detectSecretsDetailed(text);
  if (matches.length === 0) return [];
  const lines = text.split('\n');
  const secretLines = matches.filter((m) => m.detector === 'aws-secret-access-key').map((m) => m.line);
  return matches.map((m) => {
    const location: LeakLocation = { file: source.file, line: source.lineOf ? source.lineOf(m.line) : m.line, commit: source.commit, authorDate: source.authorDate };
    const entry = allowedBy(allow, { detector: m.detector, fingerprint: m.fingerprint, file: source.file, lineText: lines[m.line - 1] ?? '' });
    const hit: LeakHit = {
      detector: m.detector,
      masked: m.masked,
      fingerprint: m.fingerprint,
      example: m.example,
      location,
      allowed: entry ? { reason: entry.reason, source: entry.source } : null,
    };
    if (m.detector === 'aws-access-key-id') hit.pairedSecret = secretLines.some((l) => Math.abs(l - m.line) <= PAIR_DISTANCE_LINES);
    return hit;
  });
}
