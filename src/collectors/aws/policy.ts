/**
 * IAM policy documents → normalized `PolicyStatement[]`. Documents come URL-encoded (IAM API),
 * as JSON text (S3 GetBucketPolicy) or already parsed (AWS CLI output); all three are accepted.
 */
import type { PolicyStatement } from '../../graph/schema.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a policy document in any of its three forms; throws on text that is not a JSON object. */
export function parsePolicyDocument(doc: unknown): Record<string, unknown> {
  if (isRecord(doc)) return doc;
  if (typeof doc !== 'string') throw new Error('policy document is neither text nor an object');
  const text = doc.trimStart().startsWith('{') ? doc : decodeURIComponent(doc);
  const parsed: unknown = JSON.parse(text);
  if (!isRecord(parsed)) throw new Error('policy document is not a JSON object');
  return parsed;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  if (Array.isArray(v)) return v.flatMap(strings);
  return [];
}

/** `"*"` → `['*']`; `{"AWS": [...], "Service": "x"}` → `['AWS:…', 'Service:x']`. */
export function normalizePrincipals(p: unknown): string[] {
  if (p === undefined || p === null) return [];
  if (typeof p === 'string') return p === '*' ? ['*'] : [`AWS:${p}`];
  if (!isRecord(p)) return [];
  const out: string[] = [];
  for (const [type, values] of Object.entries(p)) for (const v of strings(values)) out.push(`${type}:${v}`);
  return out;
}

function conditions(c: unknown): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  if (!isRecord(c)) return out;
  for (const [op, body] of Object.entries(c)) {
    if (!isRecord(body)) continue;
    const keys: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(body)) keys[k] = strings(v);
    out[op] = keys;
  }
  return out;
}

export function normalizeStatement(s: Record<string, unknown>): PolicyStatement {
  return {
    sid: typeof s.Sid === 'string' ? s.Sid : null,
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
    notResources: strings(s.NotResource),
    principals: normalizePrincipals(s.Principal),
    notPrincipals: normalizePrincipals(s.NotPrincipal),
    conditions: conditions(s.Condition),
  };
}

/** All statements of a document (a single statement object counts as a list of one). */
export function normalizePolicy(doc: unknown): PolicyStatement[] {
  const parsed = parsePolicyDocument(doc);
  const st = parsed.Statement;
  const list = Array.isArray(st) ? st : st === undefined ? [] : [st];
  return list.filter(isRecord).map(normalizeStatement);
}

/** Like `normalizePolicy`, but null for a document that cannot be parsed. */
export function normalizePolicyOrNull(doc: unknown): PolicyStatement[] | null {
  try {
    return normalizePolicy(doc);
  } catch {
    return null;
  }
}
