/**
 * Loads and validates `cloudwarden.yaml`. Errors name the file, the line and column, the field and
 * what was expected, e.g.
 * `cloudwarden.yaml:7:20: collect.concurrency: expected integer, got string "lots"`.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { InputError } from '../util/errors.js';
import { CONFIG_JSON_SCHEMA } from './config-schema.js';
import type { CloudwardenConfig } from './config-types.js';

export const DEFAULT_CONFIG_FILE = 'cloudwarden.yaml';

const ajv = new Ajv({ allErrors: false, strict: true });
const validateConfig = ajv.compile(CONFIG_JSON_SCHEMA);

/** Reads and validates a config file. */
export async function loadConfigFile(path: string): Promise<CloudwardenConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read config file (${code === 'ENOENT' ? 'no such file' : code ?? String(e)})`);
  }
  return parseConfig(text, path);
}

/** Parses and validates config text; `source` names the file in messages. */
export function parseConfig(text: string, source: string): CloudwardenConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
    const where = pos ? `${source}:${pos.line}:${pos.col}` : source;
    throw new InputError(`${where}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const value: unknown = doc.toJS() ?? {};
  if (!validateConfig(value)) {
    throw new InputError(describeConfigError(validateConfig.errors ?? [], value, doc, lineCounter, source));
  }
  return value as CloudwardenConfig;
}

function describeConfigError(errors: ErrorObject[], value: unknown, doc: Document, lc: LineCounter, source: string): string {
  const e = errors[0];
  if (!e) return `${source}: invalid configuration`;
  const segments = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  let target = segments;
  if (e.keyword === 'additionalProperties') target = [...segments, String(e.params.additionalProperty)];
  const location = locate(doc, lc, target, e.keyword === 'additionalProperties');
  const field = fieldName(target) || '(top level)';
  const actual = segments.reduce<unknown>((cur, s) => (cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[s] : undefined), value);
  const where = location ? `${source}:${location.line}:${location.col}` : source;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where}: ${field}: unknown setting (${knownKeysHint(segments)})`;
    case 'required':
      return `${where}: ${field || '(top level)'}: missing required setting "${String(e.params.missingProperty)}"`;
    case 'type':
      return `${where}: ${field}: expected ${String(e.params.type)}, got ${describe(actual)}`;
    case 'enum':
      return `${where}: ${field}: expected one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${describe(actual)}`;
    default:
      return `${where}: ${field}: ${e.message ?? 'invalid'} (got ${describe(actual)})`;
  }
}

function knownKeysHint(segments: (string | number)[]): string {
  let schema: unknown = CONFIG_JSON_SCHEMA;
  for (const s of segments) {
    const sc = schema as { properties?: Record<string, unknown>; items?: unknown };
    schema = typeof s === 'number' ? sc.items : sc.properties?.[s];
  }
  const keys = Object.keys((schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
  return keys.length ? `expected one of: ${keys.join(', ')}` : 'not a known setting';
}

function fieldName(segments: (string | number)[]): string {
  return segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}

function locate(doc: Document, lc: LineCounter, path: (string | number)[], wantKey: boolean): { line: number; col: number } | undefined {
  // For an unknown key, point at the key itself; otherwise at the value.
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    if (wantKey && n === path.length && n > 0) {
      const parent = n === 1 ? doc.contents : doc.getIn(sub.slice(0, -1), true);
      if (parent && typeof parent === 'object' && 'items' in parent) {
        for (const item of (parent as { items: unknown[] }).items) {
          const key = (item as { key?: unknown }).key;
          if (isNode(key) && key.range && String((key as { value?: unknown }).value) === String(sub[sub.length - 1])) {
            return lc.linePos(key.range[0]);
          }
        }
      }
      continue;
    }
    const node = n === 0 ? doc.contents : doc.getIn(sub, true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]);
  }
  return undefined;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (an empty value)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}
