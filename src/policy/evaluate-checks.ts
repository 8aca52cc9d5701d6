/**
 * Runs every loaded check's `deny` over a snapshot and turns the results into findings.
 *
 * The Rego `input` is the snapshot document itself (so `opa eval -i snapshot.json` sees the same
 * thing). All checks share one evaluator, so helper rules in `policies/lib/` (indexes by kind, by
 * id, edges by endpoint) are computed once per run, not once per check.
 */
import type { GraphNode, JsonObject, Snapshot } from '../graph/schema.js';
import type { Finding, PathStep } from '../results/schema.js';
import { fingerprintOf } from './fingerprint.js';
import type { LoadedCheck, LoadedPolicies } from './load-policies.js';
import { Evaluator } from './rego/eval.js';
import { prepareQuery, RegoEvalError, toJSON, type Value } from './rego/index.js';

/** A check that failed to evaluate: the run reports it and exits non-zero. */
export interface CheckError {
  policyId: string;
  /** The rule that failed, e.g. `data.cloudwarden.aws.s3.bucket_public_acl.deny`. */
  rule: string;
  message: string;
}

export interface CheckTiming {
  policyId: string;
  ms: number;
  findings: number;
}

export interface CheckEvaluation {
  findings: Finding[];
  errors: CheckError[];
  timings: CheckTiming[];
}

export interface EvaluateChecksOptions {
  /** `time.now_ns()` during evaluation (fixed for the run). */
  now?: Date;
  /** Base documents under `data` (e.g. `{cloudwarden: {params: {...}}}` for check parameters). */
  data?: JsonObject;
  /** Receives `print()` output. */
  printSink?: (message: string) => void;
}

/** Produces the value of one check's `deny` (as JSON: a set becomes an array) or undefined. */
export interface DenyEngine {
  readonly name: 'builtin' | 'opa-wasm';
  deny(check: LoadedCheck): unknown;
}

/** The built-in evaluator: all checks share one evaluation state (memoized lib rules). */
export function builtinEngine(policies: LoadedPolicies, snapshot: Snapshot, options: EvaluateChecksOptions = {}): DenyEngine {
  const evaluator = new Evaluator(policies.compiled, {
    input: snapshot as unknown as Value,
    ...(options.data ? { data: options.data as Value } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.printSink ? { printSink: options.printSink } : {}),
  });
  return {
    name: 'builtin',
    deny(check) {
      const query = prepareQuery(policies.compiled, `__deny__ = ${check.denyPath}`);
      const value = evaluator.query(query.body, ['__deny__'])[0]?.get('__deny__');
      return value === undefined ? undefined : toJSON(value);
    },
  };
}

export function evaluateChecks(policies: LoadedPolicies, snapshot: Snapshot, options: EvaluateChecksOptions & { engine?: DenyEngine } = {}): CheckEvaluation {
  const nodes = new Map<string, GraphNode>();
  for (const n of snapshot.nodes) nodes.set(n.id, n);
  const engine = options.engine ?? builtinEngine(policies, snapshot, options);
  const findings: Finding[] = [];
  const errors: CheckError[] = [];
  const timings: CheckTiming[] = [];
  for (const check of policies.checks) {
    const t0 = performance.now();
    let produced = 0;
    try {
      const value = engine.deny(check);
      const items = value === undefined ? [] : value;
      if (!Array.isArray(items)) throw new ResultShapeError(`deny must be a set of objects, got ${typeof items}`);
      const seen = new Set<string>();
      for (const item of items) {
        const finding = toFinding(check, item, nodes);
        if (seen.has(finding.fingerprint)) continue;
        seen.add(finding.fingerprint);
        findings.push(finding);
        produced++;
      }
    } catch (e) {
      if (e instanceof RegoEvalError || e instanceof ResultShapeError || e instanceof EngineError) {
        errors.push({ policyId: check.info.id, rule: check.denyPath, message: e.message });
      } else throw e;
    }
    timings.push({ policyId: check.info.id, ms: performance.now() - t0, findings: produced });
  }
  return { findings, errors, timings };
}

/** An engine failed on one check (e.g. a wasm bundle without its entrypoint). */
export class EngineError extends Error {}

class ResultShapeError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Validates one `deny` result and builds the finding. */
function toFinding(check: LoadedCheck, item: unknown, nodes: Map<string, GraphNode>): Finding {
  const id = check.info.id;
  if (!isObject(item)) throw new ResultShapeError(`each deny result must be an object {"resource", "msg", "evidence"?}, got ${JSON.stringify(item)}`);
  const { resource, msg, evidence, discriminator, path } = item;
  if (typeof resource !== 'string') throw new ResultShapeError(`deny result "resource" must be a node id (string), got ${JSON.stringify(resource)}`);
  if (typeof msg !== 'string') throw new ResultShapeError(`deny result "msg" must be a string, got ${JSON.stringify(msg)}`);
  if (evidence !== undefined && !isObject(evidence)) throw new ResultShapeError('deny result "evidence" must be an object when present');
  if (discriminator !== undefined && typeof discriminator !== 'string' && typeof discriminator !== 'number') {
    throw new ResultShapeError('deny result "discriminator" must be a string or number when present');
  }
  const node = nodes.get(resource);
  if (!node) throw new ResultShapeError(`deny result names resource ${JSON.stringify(resource)}, which is not a node of the snapshot`);
  const disc = discriminator === undefined ? null : String(discriminator);
  return {
    fingerprint: fingerprintOf(id, resource, disc),
    policyId: id,
    title: check.info.title,
    severity: check.info.severity,
    message: msg,
    resourceId: resource,
    resourceKind: node.kind,
    resourceName: node.name,
    provider: node.provider,
    account: node.account,
    region: node.region,
    discriminator: disc,
    evidence: (evidence as JsonObject | undefined) ?? null,
    path: path === undefined ? null : toPath(path, nodes),
    frameworks: check.info.frameworks,
    recommendedActions: check.info.recommendedActions,
    suppressed: null,
    baseline: null,
    firstSeen: null,
  };
}

/** An attack path: node ids, or `{node, via}` steps (via = edge kind to the next step). */
function toPath(path: unknown, nodes: Map<string, GraphNode>): PathStep[] {
  if (!Array.isArray(path) || path.length === 0) throw new ResultShapeError('deny result "path" must be a non-empty array of node ids or {"node", "via"} steps');
  return path.map((step, i) => {
    const nodeId = typeof step === 'string' ? step : isObject(step) && typeof step.node === 'string' ? step.node : undefined;
    if (nodeId === undefined) throw new ResultShapeError(`deny result "path"[${i}] must be a node id or {"node", "via"}`);
    if (!nodes.has(nodeId)) throw new ResultShapeError(`deny result "path"[${i}] names ${JSON.stringify(nodeId)}, which is not a node of the snapshot`);
    const via = isObject(step) && typeof step.via === 'string' ? step.via : null;
    return { nodeId, via };
  });
}
