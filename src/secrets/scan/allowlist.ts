/**
 * The secrets allow-list: known, accepted matches that `secrets scan` should not report.
 *
 * ```yaml
 * allow:
 *   - path: "test/fixtures/*"            # glob on the path relative to the scanned folder (* spans /)
 *     reason: fake keys the tests need    # required
 *   - pattern: "dummy|changeme"           # regular expression tested against the matched line
 *     detector: aws-secret-access-key     # optional: only this detector
 *     reason: placeholders in templates
 *   - fingerprint: 3f0c9a1b2d4e5f6a7b8c9d0e   # a fingerprint from an earlier report
 *     reason: revoked on 2026-01-10, history not rewritten
 * ```
 *
 * An entry needs a reason and at least one of path, pattern, fingerprint; when several are given,
 * all must match. Errors name the file, line and column (`allow.yaml:4:7: allow[1].pattern: …`).
 */
import { readFile } from 'node:fs/promises';
import { isScalar, type Node } from 'yaml';
import { globMatch } from '../../ci/glob.js';
import type { DetectorId } from '../detectors.js';
import { InputError } from '../../util/errors.js';
import { describeYamlNode, parseYamlEntryList } from '../../util/yaml-entry-list.js';

export const DETECTOR_IDS: readonly DetectorId[] = [
  'aws-access-key-id',
  'aws-secret-access-key',
  'azure-sas-token',
  'azure-storage-connection-string',
  'gcp-service-account-key',
  'private-key',
];

export interface AllowEntry {
  path: string | null;
  pattern: RegExp | null;
  fingerprint: string | null;
  detector: DetectorId | null;
  reason: string;
  /** `file:line` of the entry. */
  source: string;
}

/** What the allow-list sees of a match: never the secret, only where it is and its fingerprint. */
export interface AllowCandidate {
  detector: DetectorId;
  fingerprint: string;
  /** Path relative to the scanned folder, `/`-separated. */
  file: string;
  /** The text of the matched line (in memory only, never stored). */
  lineText: string;
}

const FIELDS = ['path', 'pattern', 'fingerprint', 'detector', 'reason'] as const;


/** Reads and validates an allow-list file; InputError (exit 2) with file:line:col on any problem. */
export async function loadAllowlist(path: string, displayPath = path): Promise<AllowEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${displayPath}: cannot read allow-list file (${code === 'ENOENT' ? 'no such file' : code ?? String(e)})`);
  }
  return parseAllowlist(text, displayPath);
}

/** Parses allow-list text; `source` names the file in messages. */
export function parseAllowlist(text: string, source: string): AllowEntry[] {
  const { entries, where, line } = parseYamlEntryList(text, source, 'allow', 'path, pattern, fingerprint, reason');
  return entries.map(({ map: entry, index: i }) => {
    const field = (name: string): string => `allow[${i}]${name ? `.${name}` : ''}`;
    for (const item of entry.items) {
      const key = isScalar(item.key) ? String(item.key.value) : '';
      if (!(FIELDS as readonly string[]).includes(key)) throw new InputError(`${where(item.key as Node)}: ${field(key)}: unknown setting (expected one of: ${FIELDS.join(', ')})`);
    }
    const str = (name: string): { value: string; node: Node } | null => {
      const node = entry.get(name, true) as Node | undefined;
      if (node === undefined) return null;
      if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number') || String(node.value).trim() === '') {
        throw new InputError(`${where(node, entry)}: ${field(name)}: expected a non-empty string, got ${describeYamlNode(node)}`);
      }
      return { value: String(node.value), node };
    };
    const reason = str('reason');
    if (reason === null) throw new InputError(`${where(entry)}: ${field('')}: missing required setting "reason" (say why these matches are not leaks)`);
    const path = str('path');
    const patternText = str('pattern');
    const fingerprint = str('fingerprint');
    const detector = str('detector');
    if (path === null && patternText === null && fingerprint === null) {
      throw new InputError(`${where(entry)}: ${field('')}: needs at least one of "path", "pattern", "fingerprint"`);
    }
    let pattern: RegExp | null = null;
    if (patternText !== null) {
      try {
        pattern = new RegExp(patternText.value);
      } catch (e) {
        throw new InputError(`${where(patternText.node, entry)}: ${field('pattern')}: invalid regular expression: ${(e as Error).message}`);
      }
    }
    if (fingerprint !== null && !/^[0-9a-f]{8,64}$/.test(fingerprint.value)) {
      throw new InputError(`${where(fingerprint.node, entry)}: ${field('fingerprint')}: expected the hex fingerprint printed by 'secrets scan', got ${JSON.stringify(fingerprint.value)}`);
    }
    if (detector !== null && !(DETECTOR_IDS as readonly string[]).includes(detector.value)) {
      throw new InputError(`${where(detector.node, entry)}: ${field('detector')}: unknown detector ${JSON.stringify(detector.value)} (expected one of: ${DETECTOR_IDS.join(', ')})`);
    }
    return {
      path: path?.value ?? null,
      pattern,
      fingerprint: fingerprint?.value ?? null,
      detector: (detector?.value as DetectorId | undefined) ?? null,
      reason: reason.value,
      source: `${source}:${line(entry)}`,
    };
  });
}

/** The first entry that allows the candidate, or null. A fingerprint entry matches by prefix (at least 8 hex). */
export function allowedBy(entries: readonly AllowEntry[], c: AllowCandidate): AllowEntry | null {
  for (const e of entries) {
    if (e.detector !== null && e.detector !== c.detector) continue;
    if (e.fingerprint !== null && !c.fingerprint.startsWith(e.fingerprint) && !e.fingerprint.startsWith(c.fingerprint)) continue;
    if (e.path !== null && !globMatch(e.path, c.file)) continue;
    if (e.pattern !== null && !e.pattern.test(c.lineText)) continue;
    return e;
  }
  return null;
}
