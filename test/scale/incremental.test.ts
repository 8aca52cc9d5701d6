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
import { canonicalJson, changedNodes, checkState, evaluateIncrementally, fingerprintChecks, graphSteps, readCheckState, sameJson, reducedSnapshot, within, writeCheckState } from '../../src/scale/incremental.js';
import { NOW, tempDir } from './helpers.js';

const TEST_POLICIES = fileURLToPath(new URL('./policies/', import.meta.url));

function sorted(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
}

function clone(s: Snapshot): Snapshot {
  return structuredClone(s);
}

describe('changed nodes', () => {
  it('compares JSON structurally; an incident edge change changes both endpoints', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }), '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    assert.ok(sameJson({ b: 1, a: [1, { y: 2, x: 1 }] }, { a: [1, { x: 1, y: 2 }], b: 1 }));
    assert.ok(!sameJson({ a: [1, 2] }, { a: [2, 1] }));
    assert.ok(!sameJson({ a: 1 }, { a: 1, b: null }));
    assert.ok(!sameJson({ a: {} }, { a: [] }));
    const s = worldSnapshot(300) as Snapshot;
    const edge = s.edges.find((e) => e.kind === 'attached_to');
    assert.ok(edge);
    const after = { ...s, edges: s.edges.filter((e) => e !== edge) };
    const { changed, removed } = changedNodes(s, after);
    assert.deepEqual([...changed].sort(), [edge.from, edge.to].sort());
    assert.equal(removed, 0);
    // Edges in another order take the general path, with the same answer.
    assert.deepEqual([...changedNodes(s, { ...after, edges: [...after.edges].reverse() }).changed].sort(), [edge.from, edge.to].sort());
    assert.equal(changedNodes(s, { ...s, edges: [...s.edges].reverse() }).changed.size, 0);
    // The same edge with other attributes changes both ends, on both paths.
    const other = s.edges.map((e) => (e === edge ? { ...e, attrs: { note: 'x' } } : e));
    assert.deepEqual([...changedNodes(s, { ...s, edges: other }).changed].sort(), [edge.from, edge.to].sort());
    assert.deepEqual([...changedNodes(s, { ...s, edges: [...other].reverse() }).changed].sort(), [edge.from, edge.to].sort());
    // The same content in another key order is not a change; one attribute is.
    const reordered = { ...s, nodes: s.nodes.map((n) => Object.fromEntries(Object.entries(n).reverse()) as unknown as GraphNode) };
    assert.equal(changedNodes(s, reordered).changed.size, 0);
    const one = clone(s);
    const target = one.nodes[7] as GraphNode;
    (target.tags as Record<string, string>).owner = 'someone-else';
    assert.deepEqual([...changedNodes(s, one).changed], [target.id]);
  });
});

describe('incremental evaluation', () => {
  let policies: LoadedPolicies;
  let previous: Snapshot;
  let current: Snapshot;
  let diskId = '';

  before(async () => {
    policies = await loadPolicies([BUILTIN_POLICY_DIR, TEST_POLICIES]);
    previous = worldSnapshot(4000) as Snapshot;
    current = clone(previous);
    mutateWorld(current, 0.01);
    // A neighbour change: make public an instance that has an unencrypted disk attached. The disk
    // itself is unchanged, but the reach-1 test check must then re-evaluate it.
    const byId = new Map(current.nodes.map((n, i) => [n.id, i]));
    const disk = current.nodes.find((n) => n.kind === 'compute.disk' && n.attrs.encrypted === false && n.attrs.attachedTo.length > 0);
    assert.ok(disk && disk.kind === 'compute.disk');
    diskId = disk.id;
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
    // The neighbour change flipped the reach-1 check's verdict on the unchanged disk.
    const onDisk = (ev: { findings: Finding[] }): boolean => ev.findings.some((f) => f.policyId === 'common.scaletest.unencrypted_disk_on_public_instance' && f.resourceId === diskId);
    assert.notEqual(onDisk(full), onDisk(prevEval));

    const s = inc.stats;
    const reused = new Set(s.reusedChecks);
    for (const id of ['common.scaletest.bucket_unversioned', 'common.scaletest.unencrypted_disk_on_public_instance', 'aws.iam.privilege_escalation_actions', 'common.network.public_instance_exposed']) assert.ok(reused.has(id), id);
    for (const id of ['common.scaletest.declared_but_reads_clock', 'aws.iam.access_key_not_rotated', 'aws.ec2.user_data_contains_credentials']) assert.ok(s.fullChecks.includes(id), id);
    assert.ok(s.reusedFindings > 0, 'findings are reused');
    assert.ok(s.changedNodes > 0 && s.changedNodes < current.nodes.length / 20, `changed ${s.changedNodes}`);
    assert.ok(s.reducedNodes < current.nodes.length, `reduced snapshots of ${s.reducedNodes} nodes in all`);
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

  it('the check state round-trips beside the results file; parameters and the clock decide reuse', async () => {
    const dir = tempDir();
    const fingerprints = await fingerprintChecks(policies);
    await writeCheckState(join(dir, 'results.json'), fingerprints);
    assert.deepEqual(await readCheckState(join(dir, 'results.json')), checkState(fingerprints));
    assert.equal(await readCheckState(join(dir, 'nothing.json')), undefined);
    // Declared, but reaching time.now_ns through lib.iam: never reused.
    assert.equal(fingerprints.get('common.scaletest.declared_but_reads_clock')?.incremental, null);
    assert.deepEqual(fingerprints.get('common.scaletest.bucket_unversioned')?.incremental, { reach: 0, via: [] });
    assert.deepEqual(fingerprints.get('aws.iam.policy_allows_not_action')?.incremental, { reach: 2, via: ['attached_policy', 'member_of', 'permissionsBoundaryArn'] });
    // Other check parameters: every hash changes (a parameter may change any finding).
    const withParams = await fingerprintChecks(policies, { cloudwarden: { params: { sensitive_markers: ['payroll'] } } });
    for (const [id, f] of fingerprints) assert.notEqual(withParams.get(id)?.hash, f.hash, id);
  });
});

describe('reach: steps along edges and id references', () => {
  const user = (id: string, boundary: string | null): GraphNode =>
    ({ id, provider: 'aws', account: '111122223333', region: 'global', kind: 'iam.user', nativeType: 'AWS::IAM::User', name: id.split('/').pop(), tags: {}, attrs: { inlineStatements: [], permissionsBoundaryArn: boundary } }) as unknown as GraphNode;
  const policy = (id: string, actions: string[]): GraphNode =>
    ({ id, provider: 'aws', account: '111122223333', region: 'global', kind: 'iam.policy', nativeType: 'AWS::IAM::ManagedPolicy', name: id.split('/').pop(), tags: {}, attrs: { statements: [{ effect: 'Allow', actions, notActions: [], resources: ['*'], principals: [], notPrincipals: [], conditions: {} }] } }) as unknown as GraphNode;
  const A = 'arn:aws:iam::111122223333:policy/Admin';
  const B = 'arn:aws:iam::111122223333:policy/Boundary';
  const U = 'arn:aws:iam::111122223333:user/u';
  const V = 'arn:aws:iam::111122223333:user/v';
  const world = (boundaryActions: string[] | null): Snapshot =>
    ({
      schemaVersion: '1.0',
      tool: { name: 'test', version: '0' },
      startedAt: NOW.toISOString(),
      finishedAt: NOW.toISOString(),
      scope: { providers: ['aws'], accounts: ['111122223333'], regions: [] },
      nodes: [user(U, B), user(V, null), policy(A, ['*']), ...(boundaryActions ? [policy(B, boundaryActions)] : [])],
      edges: [
        { from: U, to: A, kind: 'attached_policy' },
        { from: V, to: A, kind: 'attached_policy' },
      ],
      costs: [],
      coverage: [],
    }) as unknown as Snapshot;

  it('an attribute naming another node is a step; naming a removed node counts as a change', () => {
    const via = ['attached_policy', 'permissionsBoundaryArn'];
    assert.deepEqual(graphSteps(world(['*']), ['member_of'], new Set()).out.size, 0, 'only the listed edge kinds and attributes are steps');
    const { out, into, namingRemoved } = graphSteps(world(['*']), via, new Set(['arn:aws:iam::111122223333:policy/Gone']));
    assert.deepEqual(out.get(U)?.sort(), [A, B].sort());
    assert.deepEqual(into.get(A)?.sort(), [U, V].sort());
    assert.deepEqual([...within([B], into, 1)].sort(), [B, U].sort());
    assert.deepEqual([...namingRemoved], []);
    const gone = graphSteps(world(null), via, new Set([B]));
    assert.deepEqual([...gone.namingRemoved], [U]);
    // Reach 1 around V: V, its policy, and only V's edges and the policy's outgoing ones (not U's).
    const reduced = reducedSnapshot(world(['*']), new Set([V]), 1, out);
    assert.deepEqual(reduced.nodes.map((n) => n.id).sort(), [A, V].sort());
    assert.deepEqual(reduced.edges, [{ from: V, to: A, kind: 'attached_policy' }]);
  });

  for (const [label, boundary] of [
    ['narrowed', ['s3:*']],
    ['removed', null],
  ] as const) {
    it(`a permissions boundary ${label} (no edge, the unchanged user names it by ARN) re-evaluates the user`, async () => {
      const policies = await loadPolicies([BUILTIN_POLICY_DIR]);
      const admin = { ...policies, checks: policies.checks.filter((c) => c.info.id === 'aws.iam.principal_with_admin_privileges') };
      const before = world(['*']);
      const after = world(boundary ? [...boundary] : null);
      const prevEval = evaluateChecks(admin, before, { now: NOW });
      assert.deepEqual(prevEval.findings.map((f) => f.resourceId).sort(), [U, V].sort(), 'a full-allow boundary caps nothing');
      const prevResults = buildResults({ snapshot: before, policies: admin.checks.map((c) => c.info), findings: prevEval.findings, generatedAt: NOW });
      const fingerprints = await fingerprintChecks(admin);
      const inc = await evaluateIncrementally(admin, after, { snapshot: before, results: prevResults, checks: checkState(fingerprints) }, { now: NOW });
      assert.deepEqual(inc.stats.reusedChecks, ['aws.iam.principal_with_admin_privileges']);
      assert.deepEqual(inc.evaluation.findings.map((f) => f.resourceId), [V], 'U is capped by its boundary now; V is reused');
      assert.deepEqual(sorted(inc.evaluation.findings), sorted(evaluateChecks(admin, after, { now: NOW }).findings));
    });
  }
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
