/**
 * For tests and benchmarks only: a copy of policy folders in which the checks that look
 * resource-local are annotated `custom.incremental: resource`.
 *
 * "Look resource-local" is a conservative reading of the check's own source: it iterates one kind
 * (`graph.nodes_by_kind[...]` once), never looks nodes up by id or follows edges, never reads
 * `input.` directly, and its library calls are limited to an allow-list of per-node helpers. This is
 * a heuristic for measuring, not a proof: in the product, the check's author declares it.
 */
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const CROSS = /node_by_id|edges_from|edges_to|input\.|now_ns|nodes_by_kind\[[^\]]*\][\s\S]*nodes_by_kind\[/;
/** A library reaching other nodes (by id, by edge, by kind, or the whole input) is not per-node. */
const LIB_CROSS = /node_by_id|edges_from|edges_to|nodes_by_kind|input\.|now_ns/;

/** `libs`: library package name (`firewall`) → source. `graph` is only used for `nodes_by_kind` here. */
export function looksResourceLocal(source: string, libs: ReadonlyMap<string, string>): boolean {
  if (CROSS.test(source)) return false;
  const used = [...source.matchAll(/^import\s+data\.cloudwarden\.lib\.(\w+)/gm)].map((m) => m[1] ?? '');
  return used.every((l) => l === 'graph' || l === 'params' || !LIB_CROSS.test(libs.get(l) ?? 'input.'));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.rego') && !e.name.endsWith('_test.rego'))
    .map((e) => join(e.parentPath, e.name));
}

/** Copies `from` to `to` and annotates the resource-local checks; returns their ids. */
export function annotatedPolicyCopy(from: string, to: string): string[] {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  const annotated: string[] = [];
  const libs = new Map<string, string>();
  for (const file of walk(join(to, 'lib'))) {
    const src = readFileSync(file, 'utf8');
    const pkg = /^package\s+cloudwarden\.lib\.(\w+)/m.exec(src)?.[1];
    if (pkg) libs.set(pkg, (libs.get(pkg) ?? '') + src);
  }
  for (const file of walk(to)) {
    const rel = relative(to, file).replace(/\\/g, '/');
    if (rel.startsWith('lib/')) continue;
    const src = readFileSync(file, 'utf8');
    if (!looksResourceLocal(src, libs) || !/^#\s+custom:\s*$/m.test(src)) continue;
    writeFileSync(file, src.replace(/^(#\s+custom:\s*)$/m, '$1\n#   incremental: resource'));
    annotated.push(rel.replace(/\.rego$/, '').replace(/\//g, '.'));
  }
  return annotated.sort();
}
