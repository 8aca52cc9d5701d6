/**
 * Merging shard outputs into one document.
 *
 * Snapshots are streamed: a first pass over every file validates it and records its header, its
 * targets and its node ids (to find overlaps); the output is then written atomically, one array at
 * a time, re-reading each file for that array, so memory holds the id set plus one file's array of
 * one kind, never the merged graph. Results files (small by comparison) are merged in memory:
 * findings de-duplicated by fingerprint, the summary recomputed.
 */
import { createHash } from 'node:crypto';
import type { CostRecord, CoverageRow, GraphEdge, GraphNode, Provider, SnapshotHeader } from '../graph/schema.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../graph/schema.js';
import { streamSnapshot, writeSnapshot } from '../graph/snapshot-io.js';
import { compareFindings, summarize } from '../results/build-results.js';
import { readResultsJson, writeResultsJson } from '../results/results-io.js';
import type { Finding, PolicyError, PolicyInfo, Results, Saving } from '../results/schema.js';
import { RESULTS_SCHEMA_VERSION } from '../results/schema.js';
import { InputError } from '../util/errors.js';
import { TOOL_INFO } from '../version.js';
import { targetKey } from './shard.js';

export interface MergeOptions {
  /** Identical nodes (and targets) in several files are kept once instead of failing. */
  allowOverlap?: boolean;
  /** Names shown in messages, parallel to the paths (default: the paths). */
  displayPaths?: readonly string[];
}

/** A merge that cannot be done safely: overlapping or missing shards, mixed documents. */
export class MergeError extends InputError {
  constructor(message: string) {
    super(`merge: ${message}`);
    this.name = 'MergeError';
  }
}

export interface MergeSummary {
  files: number;
  nodes: number;
  edges: number;
  costs: number;
  coverage: number;
  /** Identical nodes dropped (only with allowOverlap). */
  duplicateNodes: number;
  shards: { count: number } | null;
}

interface FileInfo {
  path: string;
  shown: string;
  header: SnapshotHeader;
  targets: Set<string>;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function nodeDigest(node: GraphNode): string {
  return createHash('sha1').update(JSON.stringify(node)).digest('base64');
}

function edgeKey(e: GraphEdge): string {
  return `${e.from}\u0000${e.kind}\u0000${e.to}`;
}

/** Checks the shard headers: one count N, every index 1..N exactly once (or no shard at all). */
export function checkShardSet(files: readonly { shown: string; header: SnapshotHeader }[], allowOverlap = false): { count: number } | null {
  const sharded = files.filter((f) => f.header.scope.shard);
  if (sharded.length === 0) return null;
  if (sharded.length !== files.length) {
    const plain = files.filter((f) => !f.header.scope.shard).map((f) => f.shown);
    throw new MergeError(`${plain.join(', ')} ${plain.length === 1 ? 'is not a shard' : 'are not shards'} (no scope.shard) while the other files are: merge shards of one run only`);
  }
  const counts = [...new Set(sharded.map((f) => f.header.scope.shard?.count ?? 0))].sort((a, b) => a - b);
  if (counts.length > 1) throw new MergeError(`the files are shards of runs with different shard counts (${counts.map((c) => `/${c}`).join(', ')}): merge shards of one run only`);
  const count = counts[0] ?? 0;
  const byIndex = new Map<number, string[]>();
  for (const f of sharded) {
    const i = f.header.scope.shard?.index ?? 0;
    byIndex.set(i, [...(byIndex.get(i) ?? []), f.shown]);
  }
  const doubled = [...byIndex].filter(([, names]) => names.length > 1);
  if (doubled.length > 0 && !allowOverlap) {
    throw new MergeError(`shard ${doubled.map(([i, names]) => `${i}/${count} is given twice (${names.join(', ')})`).join('; ')}`);
  }
  const missing: number[] = [];
  for (let i = 1; i <= count; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length > 0) throw new MergeError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} (have ${[...byIndex.keys()].sort((a, b) => a - b).map((i) => `${i}/${count}`).join(', ')})`);
  return { count };
}

/** The targets a snapshot covered: its recorded shard targets, else the accounts of its coverage rows and nodes. */
function targetsOf(header: SnapshotHeader, coverageTargets: Set<string>): Set<string> {
  const recorded = header.scope.shard?.targets;
  return recorded ? new Set(recorded) : coverageTargets;
}

/** Merges shard snapshots into `out` (atomic; gzip when it ends in .gz). */
export async function mergeSnapshots(paths: readonly string[], out: string, options: MergeOptions = {}): Promise<MergeSummary> {
  if (paths.length === 0) throw new MergeError('no input files');
  const allowOverlap = options.allowOverlap === true;
  const shownOf = (i: number): string => options.displayPaths?.[i] ?? paths[i] ?? '';
  const owner = new Map<string, number>();
  const digests = allowOverlap ? new Map<string, string>() : undefined;
  const files: FileInfo[] = [];
  let duplicateNodes = 0;

  // Pass 1: validate each file, record its header and targets, detect node overlaps.
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i] ?? '';
    const shown = shownOf(i);
    const seenTargets = new Set<string>();
    const header = await streamSnapshot(
      path,
      {
        node(n) {
          seenTargets.add(targetKey(n));
          const prev = owner.get(n.id);
          if (prev === undefined) {
            owner.set(n.id, i);
            digests?.set(n.id, nodeDigest(n));
            return;
          }
          if (!digests) throw new MergeError(`node ${JSON.stringify(n.id)} is in both ${shownOf(prev)} and ${shown} (overlapping shards; pass --allow-overlap to keep identical nodes once)`);
          if (digests.get(n.id) !== nodeDigest(n)) throw new MergeError(`node ${JSON.stringify(n.id)} differs between ${shownOf(prev)} and ${shown}: cannot keep one of them (were the shards taken at different times?)`);
          duplicateNodes++;
        },
        coverage(r) {
          seenTargets.add(targetKey(r));
        },
      },
      { displayPath: shown },
    );
    files.push({ path, shown, header, targets: targetsOf(header, seenTargets) });
  }
  const shards = checkShardSet(files, allowOverlap);
  if (!allowOverlap) {
    const targetOwner = new Map<string, string>();
    for (const f of files) {
      for (const t of f.targets) {
        const prev = targetOwner.get(t);
        if (prev !== undefined) throw new MergeError(`target ${t} is in both ${prev} and ${f.shown} (overlapping shards; pass --allow-overlap to de-duplicate identical nodes)`);
        targetOwner.set(t, f.shown);
      }
    }
  }
  for (const f of files) {
    if (f.header.schemaVersion.split('.')[0] !== SNAPSHOT_SCHEMA_VERSION.split('.')[0]) throw new MergeError(`${f.shown}: schema ${f.header.schemaVersion} cannot be merged by this cloudwarden (${SNAPSHOT_SCHEMA_VERSION})`);
  }

  const header: SnapshotHeader = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: TOOL_INFO,
    startedAt: files.map((f) => f.header.startedAt).sort(compare)[0] ?? new Date().toISOString(),
    finishedAt: files.map((f) => f.header.finishedAt).sort(compare).at(-1) ?? new Date().toISOString(),
    scope: {
      providers: [...new Set(files.flatMap((f) => f.header.scope.providers))].sort(compare) as Provider[],
      accounts: [...new Set(files.flatMap((f) => f.header.scope.accounts))].sort(compare),
      regions: [...new Set(files.flatMap((f) => f.header.scope.regions))].sort(compare),
    },
  };

  const counts = { nodes: 0, edges: 0, costs: 0, coverage: 0 };
  // Pass 2..: one array kind at a time, each file re-read (validated in pass 1) for that kind only.
  async function* read<T>(kind: 'node' | 'edge' | 'cost' | 'coverage', keep: (item: T, file: number) => boolean): AsyncGenerator<T> {
    for (let i = 0; i < files.length; i++) {
      const items: T[] = [];
      const f = files[i];
      if (!f) continue;
      await streamSnapshot(f.path, { [kind]: (item: T) => (keep(item, i) ? items.push(item) : 0) }, { validate: false, checkIntegrity: false, displayPath: f.shown });
      yield* items;
    }
  }
  const edgeKeys = allowOverlap ? new Set<string>() : undefined;
  await writeSnapshot(out, {
    header,
    nodes: read<GraphNode>('node', (n, i) => {
      // With overlaps, a node is written from the first file that has it.
      const keep = owner.get(n.id) === i;
      if (keep) counts.nodes++;
      return keep;
    }),
    edges: read<GraphEdge>('edge', (e) => {
      if (edgeKeys) {
        const k = edgeKey(e);
        if (edgeKeys.has(k)) return false;
        edgeKeys.add(k);
      }
      counts.edges++;
      return true;
    }),
    costs: read<CostRecord>('cost', () => {
      counts.costs++;
      return true;
    }),
    coverage: read<CoverageRow>('coverage', () => {
      counts.coverage++;
      return true;
    }),
  });
  return { files: files.length, ...counts, duplicateNodes, shards };
}

function savingKey(s: Saving): string {
  const k = s as unknown as { fingerprint?: string; ruleId?: string; resourceId: string };
  return k.fingerprint ?? `${k.ruleId ?? ''}\u0000${k.resourceId}`;
}

/** Merges results documents (in memory): findings by fingerprint, policies by id, summary recomputed. */
export function mergeResultsDocuments(docs: readonly { shown: string; results: Results }[], options: { allowOverlap?: boolean; now?: Date } = {}): Results {
  if (docs.length === 0) throw new MergeError('no input files');
  const headers = docs.map((d) => ({
    shown: d.shown,
    header: { schemaVersion: SNAPSHOT_SCHEMA_VERSION, tool: d.results.tool, startedAt: d.results.snapshot.startedAt, finishedAt: d.results.snapshot.finishedAt, scope: d.results.snapshot.scope },
  }));
  checkShardSet(headers, options.allowOverlap === true);
  if (!options.allowOverlap) {
    const targetOwner = new Map<string, string>();
    for (const d of docs) {
      const targets = d.results.snapshot.scope.shard?.targets ?? [...new Set(d.results.coverage.map(targetKey))];
      for (const t of targets) {
        const prev = targetOwner.get(t);
        if (prev !== undefined) throw new MergeError(`target ${t} is in both ${prev} and ${d.shown} (overlapping shards; pass --allow-overlap to de-duplicate)`);
        targetOwner.set(t, d.shown);
      }
    }
  }
  const findings = new Map<string, Finding>();
  const policies = new Map<string, PolicyInfo>();
  const savings = new Map<string, Saving>();
  const errors = new Map<string, PolicyError>();
  const coverage: CoverageRow[] = [];
  const catalog: Record<string, string> = {};
  let anyCatalog = false;
  let resources = 0;
  for (const { results } of docs) {
    for (const f of results.findings) if (!findings.has(f.fingerprint)) findings.set(f.fingerprint, f);
    for (const p of results.policies) if (!policies.has(p.id)) policies.set(p.id, p);
    for (const s of results.savings) if (!savings.has(savingKey(s))) savings.set(savingKey(s), s);
    for (const e of results.policyErrors) errors.set(`${e.policyId}\u0000${e.message}`, e);
    coverage.push(...results.coverage);
    if (results.pricingCatalog) {
      anyCatalog = true;
      Object.assign(catalog, results.pricingCatalog);
    }
    resources += results.snapshot.resources;
  }
  const scopes = docs.map((d) => d.results.snapshot.scope);
  const base = {
    findings: [...findings.values()].sort(compareFindings),
    savings: [...savings.values()].sort((a, b) => (b.monthlySavings ?? 0) - (a.monthlySavings ?? 0) || compare(a.resourceId, b.resourceId)),
    coverage,
    policies: [...policies.values()].sort((a, b) => compare(a.id, b.id)),
  };
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: TOOL_INFO,
    generatedAt: (options.now ?? new Date()).toISOString(),
    snapshot: {
      startedAt: docs.map((d) => d.results.snapshot.startedAt).sort(compare)[0] ?? '',
      finishedAt: docs.map((d) => d.results.snapshot.finishedAt).sort(compare).at(-1) ?? '',
      scope: {
        providers: [...new Set(scopes.flatMap((s) => s.providers))].sort(compare),
        accounts: [...new Set(scopes.flatMap((s) => s.accounts))].sort(compare),
        regions: [...new Set(scopes.flatMap((s) => s.regions))].sort(compare),
      },
      resources,
    },
    ...base,
    pricingCatalog: anyCatalog ? catalog : null,
    summary: summarize(base, resources),
    resolved: null,
    policyErrors: [...errors.values()],
  };
}

/** Reads, merges and atomically writes results files. */
export async function mergeResultsFiles(paths: readonly string[], out: string, options: MergeOptions & { now?: Date } = {}): Promise<Results> {
  const docs = [];
  for (let i = 0; i < paths.length; i++) {
    const shown = options.displayPaths?.[i] ?? paths[i] ?? '';
    docs.push({ shown, results: await readResultsJson(paths[i] ?? '', shown) });
  }
  const merged = mergeResultsDocuments(docs, options);
  await writeResultsJson(out, merged);
  return merged;
}
