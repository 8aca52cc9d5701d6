/**
 * Suppressions: `.cloudwarden-ignore.yaml` (or `--suppressions FILE`).
 *
 * ```yaml
 * suppressions:
 *   - policy: aws.s3.bucket_public_acl     # policy id or glob (* and ?), required
 *     resource: "arn:aws:s3:::public-www-*" # resource id or glob, default *
 *     account: "123456789012"              # optional: account/project/subscription/host (glob)
 *     region: eu-west-1                    # optional (glob)
 *     tags: { purpose: website }           # optional: every tag must match (values are globs)
 *     reason: the public website bucket    # required
 *     expires: 2026-06-30                  # optional, YYYY-MM-DD: suppresses through that day
 *     owner: web-team@example.com          # optional
 * ```
 *
 * A matching suppression marks the finding `suppressed` (it stays in every report). An expired
 * one no longer suppresses and is reported as a warning; one that matched nothing is reported as
 * unused. Errors name the file, line and column: `.cloudwarden-ignore.yaml:4:13: suppressions[0].reason: expected …`.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, type Node } from 'yaml';
import { summarize } from '../results/build-results.js';
import type { Finding, Results, SuppressionMatch } from '../results/schema.js';
import { InputError } from '../util/errors.js';
import { describeYamlNode, parseYamlEntryList } from '../util/yaml-entry-list.js';
import { globMatch } from './glob.js';

export const DEFAULT_SUPPRESSIONS_FILE = '.cloudwarden-ignore.yaml';

export interface Suppression {
  policy: string;
  resource: string;
  account: string | null;
  region: string | null;
  tags: Record<string, string>;
  reason: string;
  /** `YYYY-MM-DD`, inclusive. */
  expires: string | null;
  owner: string | null;
  /** `file:line`. */
  source: string;
}

const FIELDS = ['policy', 'resource', 'account', 'region', 'tags', 'reason', 'expires', 'owner'] as const;

/** Reads and validates a suppressions file. */
export async function loadSuppressions(path: string, displayPath = path): Promise<Suppression[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${displayPath}: cannot read suppressions file (${code === 'ENOENT' ? 'no such file' : code ?? String(e)})`);
  }
  return parseSuppressions(text, displayPath);
}


/** Parses suppressions text; `source` names the file in messages. */
export function parseSuppressions(text: string, source: string): Suppression[] {
  const { entries, where, line } = parseYamlEntryList(text, source, 'suppressions', 'policy, resource, reason, …');
  const out: Suppression[] = [];
  entries.forEach(({ map: entry, index: i }) => {
    const field = (name: string): string => `suppressions[${i}]${name ? `.${name}` : ''}`;
    for (const item of entry.items) {
      const key = isScalar(item.key) ? String(item.key.value) : '';
      if (!(FIELDS as readonly string[]).includes(key)) throw new InputError(`${where(item.key as Node)}: ${field(key)}: unknown setting (expected one of: ${FIELDS.join(', ')})`);
    }
    const str = (name: string, required: boolean): string | null => {
      const node = entry.get(name, true) as Node | undefined;
      if (node === undefined) {
        if (required) throw new InputError(`${where(entry)}: ${field('')}: missing required setting "${name}"`);
        return null;
      }
      if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number') || String(node.value).trim() === '') {
        throw new InputError(`${where(node, entry)}: ${field(name)}: expected a non-empty string, got ${describeYamlNode(node)}`);
      }
      return String(node.value);
    };
    const policy = str('policy', true) as string;
    const reason = str('reason', true) as string;
    const resource = str('resource', false) ?? '*';
    const account = str('account', false);
    const region = str('region', false);
    const owner = str('owner', false);
    const expires = str('expires', false);
    if (expires !== null && !isValidDate(expires)) {
      throw new InputError(`${where(entry.get('expires', true) as Node, entry)}: ${field('expires')}: expected a date YYYY-MM-DD, got string ${JSON.stringify(expires)}`);
    }
    const tags: Record<string, string> = {};
    const tagsNode = entry.get('tags', true) as Node | undefined;
    if (tagsNode !== undefined) {
      if (!isMap(tagsNode)) throw new InputError(`${where(tagsNode, entry)}: ${field('tags')}: expected a mapping of tag name to value, got ${describeYamlNode(tagsNode)}`);
      for (const item of tagsNode.items) {
        const k = isScalar(item.key) ? String(item.key.value) : '';
        const v = item.value as Node | null;
        if (!isScalar(v) || v.value === null || typeof v.value === 'object') {
          throw new InputError(`${where(v, item.key as Node)}: ${field(`tags.${k}`)}: expected a string, got ${describeYamlNode(v)}`);
        }
        tags[k] = String(v.value);
      }
    }
    out.push({ policy, resource, account, region, tags, reason, expires, owner, source: `${source}:${line(entry)}` });
  });
  return out;
}

function isValidDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** True when the suppression no longer applies on `today` (`YYYY-MM-DD`). */
export function isExpired(s: Suppression, today: string): boolean {
  return s.expires !== null && s.expires < today;
}

export function suppressionMatches(s: Suppression, f: Finding, tags: Record<string, string> | undefined): boolean {
  if (!globMatch(s.policy, f.policyId)) return false;
  if (!globMatch(s.resource, f.resourceId)) return false;
  if (s.account !== null && (f.account === null || !globMatch(s.account, f.account))) return false;
  if (s.region !== null && (f.region === null || !globMatch(s.region, f.region))) return false;
  for (const [k, v] of Object.entries(s.tags)) {
    const actual = tags?.[k];
    if (actual === undefined || !globMatch(v, actual)) return false;
  }
  return true;
}

export interface SuppressionOutcome {
  results: Results;
  /** Expired entries that would have matched a finding, or matched nothing: they no longer suppress. */
  expired: Suppression[];
  /** Active entries that matched no finding. */
  unused: Suppression[];
  /** Findings each entry suppressed, by source. */
  counts: Map<string, number>;
}

/**
 * Marks matching findings suppressed (the first active entry in file order wins). `tagsOf` gives a
 * resource's tags (from the snapshot); without it, entries with `tags` match nothing.
 */
export function applySuppressions(
  results: Results,
  suppressions: readonly Suppression[],
  options: { today: string; tagsOf?: (resourceId: string) => Record<string, string> | undefined },
): SuppressionOutcome {
  const active = suppressions.filter((s) => !isExpired(s, options.today));
  const expired = suppressions.filter((s) => isExpired(s, options.today));
  const counts = new Map<string, number>();
  const findings = results.findings.map((f) => {
    if (f.suppressed) return f;
    const tags = options.tagsOf?.(f.resourceId);
    const s = active.find((x) => suppressionMatches(x, f, tags));
    if (!s) return f;
    counts.set(s.source, (counts.get(s.source) ?? 0) + 1);
    const suppressed: SuppressionMatch = { reason: s.reason, owner: s.owner, expires: s.expires, source: s.source };
    return { ...f, suppressed };
  });
  const unused = active.filter((s) => !counts.has(s.source));
  const next = { ...results, findings };
  next.summary = summarize(next, results.snapshot.resources);
  return { results: next, expired, unused, counts };
}

/** One line per expired or unused entry, for logs and the Markdown summary. */
export function suppressionWarnings(outcome: Pick<SuppressionOutcome, 'expired' | 'unused'>): string[] {
  return [
    ...outcome.expired.map((s) => `suppression at ${s.source} (${s.policy} on ${s.resource}) expired on ${s.expires ?? ''}: its findings are open again`),
    ...outcome.unused.map((s) => `suppression at ${s.source} (${s.policy} on ${s.resource}) matched no finding: remove it if the issue is fixed`),
  ];
}
