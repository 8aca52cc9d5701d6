/**
 * Reads a YAML file shaped as `KEY: [ {…}, {…} ]` (suppressions, allow-lists) with errors that
 * name `file:line:col`, the field and what was expected. Callers validate each entry's fields.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { InputError } from './errors.js';

/** How a YAML node reads in an error message. */
export function describeYamlNode(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null (an empty value)';
    return typeof v === 'string' ? `string ${JSON.stringify(v)}` : `${typeof v} ${String(v)}`;
  }
  return 'an unexpected value';
}

export interface YamlEntry {
  map: YAMLMap;
  index: number;
}

export interface YamlEntryList {
  entries: YamlEntry[];
  /** `file:line:col` of a node (or of the fallback node, or the file). */
  where(node: Node | null | undefined, fallback?: Node | null): string;
  /** The 1-based line a node starts on (0 when unknown). */
  line(node: Node | null | undefined): number;
}

/**
 * Parses `text` whose top level is a mapping with the single key `key` holding a list of mappings.
 * An empty file or an empty list gives no entries. `entryHint` names the fields, for messages.
 */
export function parseYamlEntryList(text: string, source: string, key: string, entryHint: string): YamlEntryList {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const where = (node: Node | null | undefined, fallback?: Node | null): string => {
    const range = node?.range ?? fallback?.range;
    if (!range) return source;
    const p = lc.linePos(range[0]);
    return `${source}:${p.line}:${p.col}`;
  };
  const line = (node: Node | null | undefined): number => (node?.range ? lc.linePos(node.range[0]).line : 0);
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = firstError.linePos?.[0] ?? lc.linePos(firstError.pos[0]);
    throw new InputError(`${source}:${pos.line}:${pos.col}: invalid YAML: ${firstError.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { entries: [], where, line };
  const article = /^[aeiou]/i.test(key) ? 'an' : 'a';
  if (!isMap(root)) throw new InputError(`${where(root)}: (top level): expected a mapping with ${article} "${key}" list, got ${describeYamlNode(root)}`);
  for (const item of root.items) {
    const k = isScalar(item.key) ? String(item.key.value) : '';
    if (k !== key) throw new InputError(`${where(item.key as Node)}: ${k}: unknown setting (expected: ${key})`);
  }
  const list = root.get(key, true) as Node | undefined;
  if (list === undefined || (isScalar(list) && list.value === null)) return { entries: [], where, line };
  if (!isSeq(list)) throw new InputError(`${where(list)}: ${key}: expected a list, got ${describeYamlNode(list)}`);
  const entries = list.items.map((entryNode, index) => {
    const entry = entryNode as Node;
    if (!isMap(entry)) throw new InputError(`${where(entry, list)}: ${key}[${index}]: expected a mapping (${entryHint}), got ${describeYamlNode(entry)}`);
    return { map: entry, index };
  });
  return { entries, where, line };
}
