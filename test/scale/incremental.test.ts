import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { mutateWorld, worldSnapshot } from '../../bench/gen-world.js';
import type { GraphNode, Snapshot } from '../../src/graph/schema.js';
import { evaluateChecks } from '../../src/policy/evaluate-checks.js';
import { BUILTIN_POLICY_DIR, loadPolicies, type LoadedPolicies } from '../../src/policy/load-policies.js';
import { buildResults } from '../../src/results/build-results.js';
import type { Finding } from '../../src/results/schema.js';
import { canonicalJson, changedNodes, checkState, evaluateIncrementally, fingerprintChecks, nodeContentHashes, readCheckState, writeCheckState } from '../../src/scale/incremental.js';
import { NOW, tempDir } from './helpers.js';
import { annotatedPolicyCopy } from './policy-copy.js';

const TEST_POLICIES = fileURLToPath(new URL('./policies/', import.meta.url));

function sorted(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
}

function clone(s: Snapshot): Snapshot {
  return structuredClone(s);
}

describe('node content hashes', () => {
  it('canonical JSON ignores key order; an incident edge change changes both endpoints', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }), '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const s = worldSnapshot(300) as Snapshot;
    const before = nodeContentHashes(s);
    const edge = s.edges.find((e) => e.kind === 'attached_to');
    assert.ok(edge);
    const after = { ...s, edges: s.edges.filter((e) => e !== edge) };
    const { changed } = changedNodes(s, after);
    assert.deepEqual([...changed].sort(), [edge.from, edge.to].sort());
    assert.equal(nodeContentHashes(after).size, before.size);
  });
});

describe('incremental evaluation', () => {
  let policies: LoadedPolicies;
  let annotated: string[];
  let previous: Snapshot;
  let current: Snapshot;

  before(async () => {
    const dir = tempDir();
    annotated = annotatedPolicyCopy(BUILTIN_POLICY_DIR, join(dir, 'policies'));
    policies = await loadPolicies([join(dir, 'policies'), TEST_POLICIES]);
    previous = worldSnapshot(4000) as Snapshot;
    current = clone(previous);
    mutateWorld(current, 0.01);
    // A neighbour change: make public an instance that has an unencrypted disk attached (the
    // cross-resource test check must then fire on the unchanged disk).
    const byId = new Map(current.nodes.map((n, i) => [n.id, i]));
    const disk = current.nodes.find((n) => n.kind === 'compute.disk' && n.attrs.encrypted === false && n.attrs.attachedTo.length > 0);
    assert.ok(disk && disk.kind === 'compute.disk');
    const ii = byId.get(disk.attrs.attachedTo[0] ?? '') ?? -1;
    const inst = current.nodes[ii] as Extract<GraphNode, { kind: 'compute.instance' }>;
    current.nodes[ii] = { ...inst, attrs: { ...inst.attrs, publicIps: inst.attrs.publicIps.length ? [] : ['192.0.2.1'] } };
    // A removed resource (with its edges) and a new one.
    const gone = current.nodes.find((n) => n.kind === 'storage.bucket');
    assert.ok(gone);
    current.nodes = current.nodes.filter((n) => n !== gone);
    current.edges = current.edges.filter((e) => e.from !== gone.id && e.to !== gone.id);
    const b = previous.nodes.find((n) => n.kind === 'storage.bucket' && n.attrs.versioning === false) as GraphNode;
    current.nodes.push({ ...b, id: `${b.id}-new`, name: `${b.name}-new` });
  });

  it('gives exactly the findings of a full evaluation on a changed world, and reuses most of them', async () => {
    const prevEval = evaluateChecks(policies, previous, { now: NOW });
    assert.equal(prevEval.errors.length, 0);
    const fingerprints = await fingerprintChecks(policies);
    const prevResults = buildResults({ snapshot: previous, policies: policies.checks.map((c) => c.info), findings: prevEval.findings, generatedAt: NOW });

    const full = evaluateChecks(policies, current, { now: NOW });
    const inc = await evaluateIncrementally(policies, current, { snapshot: previous, results: prevResults, checks: checkState(fingerprints) }, { now: NOW });
    assert.deepEqual(inc.evaluation.errors, []);
    assert.deepEqual(sorted(inc.evaluation.findings), sorted(full.findings));
    assert.notDeepEqual(sorted(full.findings).map((f) => f.fingerprint), sorted(prevEval.findings).map((f) => f.fingerprint), 'the change must change the findings');

    const s = inc.stats;
    assert.ok(s.reusedChecks.includes('common.scaletest.bucket_unversioned'));
    assert.ok(s.fullChecks.includes('common.scaletest.unencrypted_disk_on_public_instance'));
    for (const id of annotated) if (!/now_ns/.test(id)) assert.ok(s.reusedChecks.includes(id) || s.fullChecks.includes(id));
    assert.ok(s.reusedFindings > 0, 'findings are reused');
    assert.ok(s.changedNodes > 0 && s.changedNodes < current.nodes.length / 20, `changed ${s.changedNodes}`);
    assert.ok(s.reducedNodes < current.nodes.length / 5, `reduced snapshot of ${s.reducedNodes} nodes`);
    assert.equal(s.removedNodes, 1);
  });

  it('reuses nothing when the check changed, was not recorded, or the previous state is missing', async () => {
    const fingerprints = await fingerprintChecks(policies);
    const prevEval = evaluateChecks(policies, previous, { now: NOW });
    const prevResults = buildResults({ snapshot: previous, policies: policies.checks.map((c) => c.info), findings: prevEval.findings, generatedAt: NOW });
    const state = checkState(fingerprints);
    state.checks['common.scaletest.bucket_unversioned'] = 'stale';
    const inc = await evaluateIncrementally(policies, current, { snapshot: previous, results: prevResults, checks: state }, { now: NOW });
    assert.ok(inc.stats.fullChecks.includes('common.scaletest.bucket_unversioned'));
    const none = await evaluateIncrementally(policies, current, { snapshot: previous, results: prevResults, checks: undefined }, { now: NOW });
    assert.deepEqual(none.stats.reusedChecks, []);
    assert.deepEqual(sorted(none.evaluation.findings), sorted(evaluateChecks(policies, current, { now: NOW }).findings));
  });

  it('the check state round-trips beside the results file', async () => {
    const dir = tempDir();
    const fingerprints = await fingerprintChecks(policies);
    await writeCheckState(join(dir, 'results.json'), fingerprints);
    assert.deepEqual(await readCheckState(join(dir, 'results.json')), checkState(fingerprints));
    assert.equal(await readCheckState(join(dir, 'nothing.json')), undefined);
    // Checks reading the clock are never resource-scoped.
    for (const c of policies.checks) if (c.info.id.endsWith('key_not_rotated')) assert.equal(fingerprints.get(c.info.id)?.resourceScoped, false);
  });
});

describe('evaluate --previous-snapshot --previous-results', () => {
  it('writes the check state, then evaluates incrementally with the same results as a full run', async () => {
    const { main } = await import('../../src/cli/main.js');
    const { writeSnapshot } = await import('../../src/graph/snapshot-io.js');
    const { readResultsJson } = await import('../../src/results/results-io.js');
    const { existsSync } = await import('node:fs');
    const dir = tempDir();
    const prev = worldSnapshot(1500) as Snapshot;
    const cur = structuredClone(prev);
    mutateWorld(cur, 0.02);
    await writeSnapshot(join(dir, 'prev.json'), prev);
    await writeSnapshot(join(dir, 'cur.json'), cur);
    let log = '';
    const io = { cwd: dir, env: {}, stdout: { write: () => true } as unknown as NodeJS.WritableStream, stderr: { write: (s: string) => ((log += s), true) } as unknown as NodeJS.WritableStream };
    const pol = ['--policies', TEST_POLICIES];
    assert.equal(await main(['evaluate', 'prev.json', ...pol, '--out', 'prev-results.json'], io), 0);
    assert.ok(existsSync(join(dir, 'prev-results.checks.json')));
    assert.equal(await main(['evaluate', 'cur.json', ...pol, '--out', 'full.json'], io), 0);
    assert.equal(await main(['evaluate', 'cur.json', ...pol, '--previous-snapshot', 'prev.json', '--previous-results', 'prev-results.json', '--out', 'inc.json'], io), 0);
    assert.match(log, /incremental: \d+ of \d+ resources changed/);
    const full = await readResultsJson(join(dir, 'full.json'));
    const inc = await readResultsJson(join(dir, 'inc.json'));
    assert.deepEqual(inc.findings, full.findings);
    assert.deepEqual(inc.summary, full.summary);
    assert.equal(await main(['evaluate', 'cur.json', '--previous-snapshot', 'prev.json', '--out', 'x.json'], io), 2);
    assert.match(log, /--previous-snapshot and --previous-results go together/);
  });
});
