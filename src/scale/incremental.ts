/**
 * Incremental evaluation: with the previous snapshot and its results, findings of unchanged
 * resources are reused instead of re-evaluated — only where that is sound.
 *
 * The rule (docs/scale.md):
 * - A node is *changed* when it is new, when its JSON differs from the previous snapshot's
 *   (compared structurally, key order aside) or when an edge incident to it was added, removed or
 *   changed (so both ends of such an edge change). A node whose declared id attributes name a
 *   removed node counts as changed too.
 * - A check's hash covers its own source, every library module of its policy folders and the
 *   engine version. Its findings may be reused only when its hash equals the previous run's (the
 *   `.checks.json` state file written beside the previous results).
 * - Reuse applies only to checks whose METADATA declares how far a finding's inputs reach:
 *   `custom.incremental: resource` (reach 0: a finding on node R depends on R and its incident edges
 *   alone) or `custom.incremental: {reach: N, via: [...]}` (R, its incident edges, and every node
 *   within N *outgoing* steps of R with their outgoing edges; a step follows an edge of a listed
 *   kind from→to, or a listed attribute whose value is another node's id, such as a permissions
 *   boundary ARN). Checks that do not declare
 *   it, that can call `time.now_ns` or another nondeterministic builtin (directly or through any
 *   rule they reach), or that failed to evaluate last time, are evaluated in full.
 * - For a declared check with reach N: the *affected* nodes are those with a changed node within N
 *   steps (found backwards from the changed nodes). Their previous findings are dropped and the
 *   others kept; the affected nodes are evaluated on a reduced snapshot holding them, everything
 *   within N steps of them, those nodes' outgoing edges and the affected nodes' incoming edges (and
 *   the nodes at the other ends), and only findings on affected nodes are taken from it.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EDGE_KINDS, type GraphEdge, type GraphNode, type Snapshot } from '../graph/schema.js';
import { evaluateChecks, type CheckEvaluation, type DenyEngine, type EvaluateChecksOptions } from '../policy/evaluate-checks.js';
import type { IncrementalReach } from '../policy/check-metadata.js';
import type { LoadedCheck, LoadedPolicies } from '../policy/load-policies.js';
import { reachableBuiltins } from '../policy/rego/dependencies.js';
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

/** Structural equality of two JSON values; object key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let count = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    count++;
    if (!Object.hasOwn(bo, k) || !sameJson(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) count--;
  return count === 0;
}

/**
 * An edge as text: edges are compared as a multiset of these. The producer's key order (not
 * canonical JSON, several times slower): the same edge in another order can only look changed.
 */
function edgeText(e: GraphEdge): string {
  return JSON.stringify(e);
}

/** The order `assemble` writes edges in: by from, kind, then to (strings compared by code unit). */
function edgeOrder(a: GraphEdge, b: GraphEdge): number {
  if (a.from !== b.from) return a.from < b.from ? -1 : 1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.to !== b.to) return a.to < b.to ? -1 : 1;
  return 0;
}

/** Strictly increasing in that order (so also free of duplicates). */
function sortedEdges(edges: readonly GraphEdge[]): boolean {
  for (let i = 1; i < edges.length; i++) if (edgeOrder(edges[i - 1] as GraphEdge, edges[i] as GraphEdge) >= 0) return false;
  return true;
}

/**
 * The changed (or new) node ids of `current` against `previous`, and the removed ones. A node is
 * changed when its JSON differs (compared structurally, no hashing: nothing can collide) or when an
 * edge incident to it was added or removed. Linear in nodes and edges.
 */
export function changedNodes(
  previous: Pick<Snapshot, 'nodes' | 'edges'>,
  current: Pick<Snapshot, 'nodes' | 'edges'>,
): { changed: Set<string>; removed: number; removedIds: Set<string> } {
  const before = new Map<string, GraphNode>();
  for (const n of previous.nodes) before.set(n.id, n);
  const changed = new Set<string>();
  const now = new Set<string>();
  for (const n of current.nodes) {
    now.add(n.id);
    const old = before.get(n.id);
    if (old === undefined || !sameJson(old, n)) changed.add(n.id);
  }
  const removedIds = new Set<string>();
  for (const id of before.keys()) if (!now.has(id)) removedIds.add(id);
  const touch = (edge: GraphEdge): void => {
    if (now.has(edge.from)) changed.add(edge.from);
    if (now.has(edge.to)) changed.add(edge.to);
  };
  if (sortedEdges(previous.edges) && sortedEdges(current.edges)) {
    // Snapshots cloudwarden writes keep edges sorted by (from, kind, to), unique: a merge join.
    const p = previous.edges;
    const c = current.edges;
    let i = 0;
    let j = 0;
    while (i < p.length || j < c.length) {
      const order = i >= p.length ? 1 : j >= c.length ? -1 : edgeOrder(p[i] as GraphEdge, c[j] as GraphEdge);
      if (order === 0) {
        if (!sameJson(p[i], c[j])) touch(c[j] as GraphEdge);
        i++;
        j++;
      } else if (order < 0) touch(p[i++] as GraphEdge);
      else touch(c[j++] as GraphEdge);
    }
    return { changed, removed: removedIds.size, removedIds };
  }
  // Any other order: count each edge text up for the previous snapshot and down for the current
  // one; any text left non-zero was added or removed, and changes both of its (present) endpoints.
  const balance = new Map<string, { edge: GraphEdge; n: number }>();
  for (const e of previous.edges) {
    const t = edgeText(e);
    const b = balance.get(t);
    if (b) b.n++;
    else balance.set(t, { edge: e, n: 1 });
  }
  for (const e of current.edges) {
    const t = edgeText(e);
    const b = balance.get(t);
    if (b) b.n--;
    else balance.set(t, { edge: e, n: -1 });
  }
  for (const { edge, n } of balance.values()) if (n !== 0) touch(edge);
  return { changed, removed: removedIds.size, removedIds };
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
  /**
   * How far the inputs of a finding reach, when the check declares it and reaches no
   * nondeterministic builtin; null: the check is always evaluated in full.
   */
  incremental: IncrementalReach | null;
}

/** Builtins whose value differs between two evaluations of the same snapshot. */
const NONDETERMINISTIC = new Set(['time.now_ns', 'rand.intn', 'uuid.rfc4122', 'uuid.parse', 'http.send', 'opa.runtime', 'net.lookup_ip_addr', '<dynamic call>']);

/**
 * Hashes every check and tells which ones may be reused incrementally, and with what reach. `data`
 * is the data document the checks read besides the snapshot (`data.cloudwarden.params`): a changed
 * parameter changes every check's hash.
 */
export async function fingerprintChecks(policies: LoadedPolicies, data?: unknown): Promise<Map<string, CheckFingerprint>> {
  const libHash = createHash('sha256').update(TOOL_INFO.version).update('\u0000').update(canonicalJson(data ?? null));
  for (const folder of policies.folders) {
    for (const file of await regoFiles(join(folder, 'lib'))) {
      libHash.update('\u0000').update(file.slice(folder.length)).update('\u0000').update(await readFile(file, 'utf8'));
    }
  }
  const libDigest = libHash.digest('hex');
  const out = new Map<string, CheckFingerprint>();
  for (const check of policies.checks) {
    const src = await readFile(check.path, 'utf8');
    const denyPath = check.denyPath.replace(/^data\./, '').split('.');
    const volatile = check.incremental !== null && [...reachableBuiltins(policies.compiled, denyPath)].some((b) => NONDETERMINISTIC.has(b));
    out.set(check.info.id, {
      hash: createHash('sha256').update(libDigest).update('\u0000').update(src).digest('hex'),
      incremental: volatile ? null : check.incremental,
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

/**
 * The steps a reach follows in the current graph: from each node along its outgoing edges of the
 * kinds in `via`, and along its attributes named in `via` whose value (a string or a list of
 * strings) is another node's id. Also the nodes whose such attributes name a removed node: what they
 * point at is gone, so they count as changed.
 */
export function graphSteps(
  snapshot: Pick<Snapshot, 'nodes' | 'edges'>,
  via: readonly string[],
  removedIds: ReadonlySet<string>,
): { out: Map<string, string[]>; into: Map<string, string[]>; namingRemoved: Set<string> } {
  const follow = new Set(via);
  const ids = new Set<string>();
  for (const n of snapshot.nodes) ids.add(n.id);
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  const link = (from: string, to: string): void => {
    if (from === to) return;
    const o = out.get(from);
    if (o) o.push(to);
    else out.set(from, [to]);
    const i = into.get(to);
    if (i) i.push(from);
    else into.set(to, [from]);
  };
  for (const e of snapshot.edges) if (follow.has(e.kind)) link(e.from, e.to);
  const attributes = via.filter((v) => !(EDGE_KINDS as readonly string[]).includes(v));
  const namingRemoved = new Set<string>();
  if (attributes.length > 0) {
    for (const n of snapshot.nodes) {
      const attrs = n.attrs as Record<string, unknown>;
      for (const name of attributes) {
        const value = attrs[name];
        for (const ref of typeof value === 'string' ? [value] : Array.isArray(value) ? value : []) {
          if (typeof ref !== 'string') continue;
          if (ids.has(ref)) link(n.id, ref);
          else if (removedIds.has(ref)) namingRemoved.add(n.id);
        }
      }
    }
  }
  return { out, into, namingRemoved };
}

/** The seeds and every node within `steps` steps of them along `adjacency`. */
export function within(seeds: Iterable<string>, adjacency: ReadonlyMap<string, readonly string[]>, steps: number): Set<string> {
  const seen = new Set<string>(seeds);
  let frontier = [...seen];
  for (let d = 0; d < steps && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const to of adjacency.get(id) ?? []) {
        if (!seen.has(to)) {
          seen.add(to);
          next.push(to);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

/**
 * What a check of reach `reach` needs to evaluate the `affected` nodes: the nodes within `reach`
 * outgoing steps of them with their outgoing edges, the affected nodes' incoming edges, and the
 * nodes at the other ends of those edges. Reach 0: the affected nodes and their incident edges.
 */
export function reducedSnapshot(snapshot: Snapshot, affected: ReadonlySet<string>, reach = 0, out: ReadonlyMap<string, readonly string[]> = new Map()): Snapshot {
  const inner = reach === 0 ? affected : within(affected, out, reach);
  const keep = new Set(inner);
  const edges: GraphEdge[] = [];
  for (const e of snapshot.edges) {
    if (inner.has(e.from) || affected.has(e.to)) {
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
  const fingerprints = options.fingerprints ?? (await fingerprintChecks(policies, options.data));
  const failedBefore = new Set(previous.results.policyErrors.map((e) => e.policyId));
  const evaluatedBefore = new Set(previous.results.policies.map((p) => p.id));
  // Reusable checks grouped by their declared reach (same reach, same steps).
  const groups = new Map<string, { incremental: IncrementalReach; checks: LoadedCheck[] }>();
  const full: LoadedCheck[] = [];
  for (const check of policies.checks) {
    const id = check.info.id;
    const f = fingerprints.get(id);
    if (f?.incremental && previous.checks?.checks[id] === f.hash && evaluatedBefore.has(id) && !failedBefore.has(id)) {
      const key = `${f.incremental.reach}:${f.incremental.via.join(',')}`;
      const group = groups.get(key);
      if (group) group.checks.push(check);
      else groups.set(key, { incremental: f.incremental, checks: [check] });
    } else full.push(check);
  }
  const { changed, removed, removedIds } = changedNodes(previous.snapshot, current);
  const { engine, fingerprints: _f, ...evalOptions } = options;
  const parts: CheckEvaluation[] = [];
  if (full.length > 0) parts.push(evaluateChecks(subset(policies, full), current, { ...evalOptions, ...(engine ? { engine } : {}) }));
  let reusedFindings = 0;
  let reducedNodes = 0;
  const present = new Set<string>();
  if (groups.size > 0) for (const n of current.nodes) present.add(n.id);
  for (const { incremental, checks } of [...groups.values()].sort((a, b) => a.incremental.reach - b.incremental.reach)) {
    const { reach, via } = incremental;
    const steps = reach > 0 ? graphSteps(current, via, removedIds) : undefined;
    // Affected: the nodes with a changed node (or one naming a removed node) within `reach` steps.
    const affected = steps ? within([...changed, ...steps.namingRemoved], steps.into, reach) : changed;
    const ids = new Set(checks.map((c) => c.info.id));
    const kept: Finding[] = [];
    for (const f of previous.results.findings) {
      if (ids.has(f.policyId) && present.has(f.resourceId) && !affected.has(f.resourceId)) kept.push({ ...f, suppressed: null, baseline: null, firstSeen: null });
    }
    reusedFindings += kept.length;
    let fresh: CheckEvaluation = { findings: [], errors: [], timings: [] };
    if (affected.size > 0) {
      const reduced = reducedSnapshot(current, affected, reach, steps?.out);
      reducedNodes += reduced.nodes.length;
      fresh = evaluateChecks(subset(policies, checks), reduced, evalOptions);
    }
    parts.push({ findings: [...kept, ...fresh.findings.filter((f) => affected.has(f.resourceId))], errors: fresh.errors, timings: fresh.timings });
  }
  const reusable = [...groups.values()].flatMap((g) => g.checks);
  const evaluation: CheckEvaluation = { findings: parts.flatMap((p) => p.findings), errors: parts.flatMap((p) => p.errors), timings: parts.flatMap((p) => p.timings) };
  return {
    evaluation,
    fingerprints,
    stats: {
      nodes: current.nodes.length,
      changedNodes: changed.size,
      removedNodes: removed,
      fullChecks: full.map((c) => c.info.id),
      reusedChecks: reusable.map((c) => c.info.id).sort(),
      reusedFindings,
      reducedNodes,
    },
  };
}
