/**
 * The demo host collected live through virsh's test driver, compared with the graph worked out by
 * hand from its XML (expected-demo-graph.json).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CollectOutcome } from '../../src/collectors/collect.js';
import { describeValidationError, snapshotValidators } from '../../src/graph/validate.js';
import { DEMO_HOST, DEMO_URI, byId, collectLibvirt, expectedDemoGraph, sortEdges, virshMissingReason } from './helpers.js';

const skip = virshMissingReason();
if (skip) console.log(`# libvirt demo tests skipped: ${skip}`);

describe('libvirt demo host, collected live through virsh', { skip: skip ?? false }, () => {
  let outcome: CollectOutcome;
  before(async () => {
    outcome = await collectLibvirt([{ uri: DEMO_URI, name: DEMO_HOST }]);
  });

  it('gives exactly the nodes worked out by hand from node.xml', () => {
    const expected = expectedDemoGraph();
    const actual = [...outcome.snapshot.nodes].sort(byId);
    assert.deepEqual(actual.map((n) => n.id), [...expected.nodes].sort(byId).map((n) => n.id));
    for (const node of [...expected.nodes].sort(byId)) {
      assert.deepEqual(actual.find((n) => n.id === node.id), node, `node ${node.id}`);
    }
  });

  it('gives exactly the expected edges', () => {
    assert.deepEqual(sortEdges(outcome.snapshot.edges), sortEdges(expectedDemoGraph().edges));
  });

  it('records one ok coverage row per virsh command, with the number of calls', () => {
    const rows = outcome.snapshot.coverage;
    for (const r of rows) {
      assert.equal(r.provider, 'libvirt');
      assert.equal(r.account, DEMO_HOST);
      assert.equal(r.region, 'global');
    }
    const project = (r: { service: string; operation: string; status: string; calls: number }) => `${r.service}/${r.operation} ${r.status} ×${r.calls}`;
    assert.deepEqual(rows.map(project).sort(), expectedDemoGraph().coverage.map(project).sort());
  });

  it('reports the host as reached, with its account in the scope', () => {
    assert.deepEqual(outcome.unreachable, []);
    assert.deepEqual(outcome.snapshot.scope.accounts, [DEMO_HOST]);
    assert.deepEqual(outcome.snapshot.scope.providers, ['libvirt']);
  });

  it('never keeps a graphics password, only whether one is set', () => {
    const text = JSON.stringify(outcome.snapshot);
    assert.ok(!text.includes('demo-fixture-vnc-pw'), 'the VNC password of db-01 leaked into the snapshot');
    assert.ok(!text.includes('passwd'), 'a passwd attribute leaked into the snapshot');
  });

  it('validates against the snapshot JSON schema', () => {
    const v = snapshotValidators();
    outcome.snapshot.nodes.forEach((n, i) => assert.ok(v.node(n), describeValidationError(v.node.errors, n, `nodes[${i}]`)));
    outcome.snapshot.edges.forEach((e, i) => assert.ok(v.edge(e), describeValidationError(v.edge.errors, e, `edges[${i}]`)));
    outcome.snapshot.coverage.forEach((c, i) => assert.ok(v.coverage(c), describeValidationError(v.coverage.errors, c, `coverage[${i}]`)));
  });

  it('does not depend on the fixture path or the machine running the scan', () => {
    const text = JSON.stringify({ nodes: outcome.snapshot.nodes, edges: outcome.snapshot.edges });
    assert.ok(!text.includes('fixtures/worlds'), 'the fixture path leaked into the graph');
    assert.ok(!text.includes('test://'), 'the connection URI leaked into the graph');
  });
});
