/**
 * For tests and benchmarks only: a copy of policy folders in which the checks that look
 * resource-local are annotated `custom.incremental: resource`.
 *
 * "Look resource-local" is a conservative reading of the check's own source: it iterates one kind
 * (`graph.nodes_by_kind[...]` once), never looks nodes up by id or follows edges, never reads
 * `input.` directly, and its library calls are limited to an allow-list of per-node helpers. This is
 * a heuristic for measuring, not a proof: in the product, the check's author declares it.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const CROSS = /node_by_id|edges_from|edges_to|input\.|now_ns|nodes_by_kind\[[^\]]*\][\s\S]*nodes_by_kind\[/;
/** Library helpers that read only the node passed to them. */
const PER_NODE_LIBS = new Set(['graph', 'net', 'params', 'firewall', 'gcp']);

export function looksResourceLocal(source: string): boolean {
  if (CROSS.test(source)) return false;
  const libs = [...source.matchAll(/^import\s+data\.cloudwarden\.lib\.(\w+)/gm)].map((m) => m[1] ?? '');
  return libs.every((l) => PER_NODE_LIBS.has(l));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.rego') && !e.name.endsWith('_test.rego'))
    .map((e) => join(e.parentPath, e.name));
}

/** Copies `from` to `to` and annotates the resource-local checks; returns their ids. */
export function annotatedPolicyCopy(from: string, to: string): string[] {
  cpSync(from, to, { recursive: true });
  const annotated: string[] = [];
  for (const file of walk(to)) {
    const rel = relative(to, file).replace(/\\/g, '/');
    if (rel.startsWith('lib/')) continue;
    const src = readFileSync(file, 'utf8');
    if (!looksResourceLocal(src) || !/^#\s+custom:\s*$/m.test(src)) continue;
    writeFileSync(file, src.replace(/^(#\s+custom:\s*)$/m, '$1\n#   incremental: resource'));
    annotated.push(rel.replace(/\.rego$/, '').replace(/\//g, '.'));
  }
  return annotated.sort();
}
