/**
 * Incremental evaluation: with the previous snapshot and its results, findings of unchanged
 * resources are reused instead of re-evaluated — only where that is sound.
 *
 * The rule (docs/scale.md):
 * - A node's content hash covers the JSON of the node and of every edge incident to it, so an
 *   added, removed or changed edge changes both of its endpoints.
 * - A check's hash covers its own source, every library module of its policy folders and the
 *   engine version. Its findings may be reused only when its hash equals the previous run's (the
 *   `.checks.json` state file written beside the previous results).
 * - Reuse applies only to checks whose METADATA declares `custom.incremental: resource`: a finding on
 *   node R depends on R and its incident edges alone (not on the content of other nodes, not on
 *   the clock). Checks that do not declare it, or that call `time.now_ns` (directly or through an
 *   imported library), or failed to evaluate last time, are evaluated in full on the whole snapshot.
 * - For a declared check: the previous findings on unchanged nodes are kept; the changed (and new)
 *   nodes are evaluated on a reduced snapshot holding them, their incident edges and the nodes at
 *   the other end of those edges, and only findings on changed nodes are taken from it.
 */
import { createHash, hash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphEdge, GraphNode, Snapshot } from '../graph/schema.js';
import { evaluateChecks, type CheckEvaluation, type DenyEngine, type EvaluateChecksOptions } from '../policy/evaluate-checks.js';
import type { LoadedCheck, LoadedPolicies } from '../policy/load-policies.js';
import type { Finding, Results } from '../results/schema.js';
import { writeTextAtomic } from '../util/atomic-write.js';
import { InputError } from '../util/errors.js';
import { TOOL_INFO } from '../version.js';

/** JSON with object keys sorted at every level (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

function edgeText(e: GraphEdge): string {
  return JSON.stringify(e);
}

/**
 * Content hash per node id: the node and its incident edges (sorted). Linear.
 *
 * Serialized with `JSON.stringify` (the producer's key order) rather than `canonicalJson`: 10× faster
 * on a million nodes, and sound — the same content in another key order can only look *changed*
 * (re-evaluated), never unchanged.
 */
export function nodeContentHashes(snapshot: Pick<Snapshot, 'nodes' | 'edges'>): Map<string, string> {
  const incident = new Map<string, string[]>();
  const push = (id: string, text: string): void => {
    const list = incident.get(id);
    if (list) list.push(text);
    else incident.set(id, [text]);
  };
  for (const e of snapshot.edges) {
    const t = edgeText(e);
    push(e.from, t);
    if (e.to !== e.from) push(e.to, t);
  }
  const out = new Map<string, string>();
  for (const n of snapshot.nodes) {
    const edges = incident.get(n.id);
    const text = edges ? `${JSON.stringify(n)}\u0000${edges.sort().join('\u0000')}` : JSON.stringify(n);
    // One-shot hashing (no Hash object per node): a third of the cost on a million nodes.
    out.set(n.id, hash('sha1', text, 'base64'));
  }
  return out;
}

/** What is recorded beside a results file so the next run knows which checks are unchanged. */
export interface CheckState {
  version: 1;
  tool: string;
  /** Check id → hash of its source, the libraries and the engine version. */
  checks: Record<string, string>;
}

/** `results.json` → `results.checks.json`. */
export function checkStatePath(resultsPath: string): string {
  return `${resultsPath.replace(/\.json$/i, '')}.checks.json`;
}

async function regoFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.rego') && !e.name.endsWith('_test.rego'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export interface CheckFingerprint {
  hash: string;
  /** Declared `custom.incremental: resource` and does not read the clock. */
  resourceScoped: boolean;
}

const DECLARED = /^#\s+incremental:\s*["']?resource["']?\s*$/m;

/** The METADATA block at the top of a check (the comment lines from `# METADATA` to the package line). */
function metadataBlock(source: string): string {
  const start = source.search(/^#\s*METADATA\s*$/m);
  if (start < 0) return '';
  const pkg = source.indexOf('\npackage ', start);
  return source.slice(start, pkg < 0 ? undefined : pkg);
}

/** Hashes every check and tells which ones may be reused incrementally. */
export async function fingerprintChecks(policies: LoadedPolicies): Promise<Map<string, CheckFingerprint>> {
  const libSources = new Map<string, string>();
  const libHash = createHash('sha256').update(TOOL_INFO.version);
  for (const folder of policies.folders) {
    for (const file of await regoFiles(join(folder, 'lib'))) {
      const src = await readFile(file, 'utf8');
      libHash.update('\u0000').update(file.slice(folder.length)).update('\u0000').update(src);
      const pkg = /^package\s+([\w.]+)/m.exec(src)?.[1];
      if (pkg) libSources.set(pkg, (libSources.get(pkg) ?? '') + src);
    }
  }
  const libDigest = libHash.digest('hex');
  const out = new Map<string, CheckFingerprint>();
  for (const check of policies.checks) {
    const src = await readFile(check.path, 'utf8');
    const imports = [...src.matchAll(/^import\s+data\.([\w.]+)/gm)].map((m) => m[1] ?? '');
    const clock = /now_ns/.test(src) || imports.some((p) => /now_ns/.test(libSources.get(p) ?? ''));
    out.set(check.info.id, {
      hash: createHash('sha256').update(libDigest).update('\u0000').update(src).digest('hex'),
      resourceScoped: DECLARED.test(metadataBlock(src)) && !clock,
    });
  }
  return out;
}

export function checkState(fingerprints: ReadonlyMap<string, CheckFingerprint>): CheckState {
  return { version: 1, tool: TOOL_INFO.version, checks: Object.fromEntries([...fingerprints].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, f]) => [id, f.hash])) };
}

export async function writeCheckState(resultsPath: string, fingerprints: ReadonlyMap<string, CheckFingerprint>): Promise<void> {
  await writeTextAtomic(checkStatePath(resultsPath), `${JSON.stringify(checkState(fingerprints), null, 2)}\n`);
}

/** Reads the state beside a previous results file; undefined when it is not there. */
export async function readCheckState(resultsPath: string, displayPath = resultsPath): Promise<CheckState | undefined> {
  let text: string;
  try {
    text = await readFile(checkStatePath(resultsPath), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const value = JSON.parse(text) as Partial<CheckState>;
  if (value.version !== 1 || typeof value.checks !== 'object' || value.checks === null) throw new InputError(`${checkStatePath(displayPath)}: not a cloudwarden check state file (version 1)`);
  return value as CheckState;
}

export interface PreviousRun {
  snapshot: Pick<Snapshot, 'nodes' | 'edges'>;
  results: Pick<Results, 'findings' | 'policyErrors' | 'policies'>;
  /** The check hashes of the previous run; without them nothing is reused. */
  checks: CheckState | undefined;
}

export interface IncrementalStats {
  nodes: number;
  changedNodes: number;
  removedNodes: number;
  /** Checks evaluated on the whole snapshot. */
  fullChecks: string[];
  /** Checks evaluated on the changed nodes only, their other findings reused. */
  reusedChecks: string[];
  reusedFindings: number;
  /** Nodes in the reduced snapshot (changed nodes and their neighbours). */
  reducedNodes: number;
}

/** The changed (or new) node ids of `current` against `previous`, and the count of removed ones. */
export function changedNodes(previous: Pick<Snapshot, 'nodes' | 'edges'>, current: Pick<Snapshot, 'nodes' | 'edges'>): { changed: Set<string>; removed: number; currentHashes: Map<string, string> } {
  const before = nodeContentHashes(previous);
  const now = nodeContentHashes(current);
  const changed = new Set<string>();
  for (const [id, h] of now) if (before.get(id) !== h) changed.add(id);
  let removed = 0;
  for (const id of before.keys()) if (!now.has(id)) removed++;
  return { changed, removed, currentHashes: now };
}

/** The changed nodes, their incident edges and the nodes at the other ends. */
export function reducedSnapshot(snapshot: Snapshot, changed: ReadonlySet<string>): Snapshot {
  const edges: GraphEdge[] = [];
  const keep = new Set(changed);
  for (const e of snapshot.edges) {
    if (changed.has(e.from) || changed.has(e.to)) {
      edges.push(e);
      keep.add(e.from);
      keep.add(e.to);
    }
  }
  const nodes: GraphNode[] = snapshot.nodes.filter((n) => keep.has(n.id));
  return { ...snapshot, nodes, edges, costs: [], coverage: snapshot.coverage };
}

export interface IncrementalOptions extends EvaluateChecksOptions {
  /** Engine over the whole snapshot (default: the built-in one). */
  engine?: DenyEngine;
  /** Precomputed fingerprints of the current checks. */
  fingerprints?: ReadonlyMap<string, CheckFingerprint>;
}

function subset(policies: LoadedPolicies, checks: LoadedCheck[]): LoadedPolicies {
  return { ...policies, checks };
}

/** Evaluates `current`, reusing the previous findings where the rule above allows it. */
export async function evaluateIncrementally(
  policies: LoadedPolicies,
  current: Snapshot,
  previous: PreviousRun,
  options: IncrementalOptions = {},
): Promise<{ evaluation: CheckEvaluation; stats: IncrementalStats; fingerprints: ReadonlyMap<string, CheckFingerprint> }> {
  const fingerprints = options.fingerprints ?? (await fingerprintChecks(policies));
  const failedBefore = new Set(previous.results.policyErrors.map((e) => e.policyId));
  const evaluatedBefore = new Set(previous.results.policies.map((p) => p.id));
  const reusable: LoadedCheck[] = [];
  const full: LoadedCheck[] = [];
  for (const check of policies.checks) {
    const id = check.info.id;
    const f = fingerprints.get(id);
    const ok = f?.resourceScoped === true && previous.checks?.checks[id] === f.hash && evaluatedBefore.has(id) && !failedBefore.has(id);
    (ok ? reusable : full).push(check);
  }
  const { changed, removed } = changedNodes(previous.snapshot, current);
  const { engine, fingerprints: _f, ...evalOptions } = options;
  const parts: CheckEvaluation[] = [];
  if (full.length > 0) parts.push(evaluateChecks(subset(policies, full), current, { ...evalOptions, ...(engine ? { engine } : {}) }));
  let reusedFindings = 0;
  let reducedNodes = 0;
  if (reusable.length > 0) {
    const ids = new Set(reusable.map((c) => c.info.id));
    const present = new Set<string>();
    for (const n of current.nodes) present.add(n.id);
    const kept: Finding[] = [];
    for (const f of previous.results.findings) {
      if (ids.has(f.policyId) && present.has(f.resourceId) && !changed.has(f.resourceId)) kept.push({ ...f, suppressed: null, baseline: null, firstSeen: null });
    }
    reusedFindings = kept.length;
    let fresh: CheckEvaluation = { findings: [], errors: [], timings: [] };
    if (changed.size > 0) {
      const reduced = reducedSnapshot(current, changed);
      reducedNodes = reduced.nodes.length;
      fresh = evaluateChecks(subset(policies, reusable), reduced, evalOptions);
    }
    parts.push({ findings: [...kept, ...fresh.findings.filter((f) => changed.has(f.resourceId))], errors: fresh.errors, timings: fresh.timings });
  }
  const evaluation: CheckEvaluation = { findings: parts.flatMap((p) => p.findings), errors: parts.flatMap((p) => p.errors), timings: parts.flatMap((p) => p.timings) };
  return {
    evaluation,
    fingerprints,
    stats: {
      nodes: current.nodes.length,
      changedNodes: changed.size,
      removedNodes: removed,
      fullChecks: full.map((c) => c.info.id),
      reusedChecks: reusable.map((c) => c.info.id),
      reusedFindings,
      reducedNodes,
    },
  };
}
