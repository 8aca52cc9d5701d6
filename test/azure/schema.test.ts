/** Collected Azure snapshots (small and demo worlds) validate against the generated snapshot schema. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeValidationError, snapshotValidators } from '../../src/graph/validate.js';
import { loadAzureWorld } from '../fake-clouds/azure/world.js';
import { collectThroughFake, SMALL_WORLD } from './helpers.js';

for (const dir of [SMALL_WORLD, 'fixtures/worlds/demo/azure']) {
  test(`every node, edge and coverage row collected from ${dir} matches the snapshot schema`, async () => {
    const { snapshot } = await collectThroughFake({ world: await loadAzureWorld(dir) });
    const v = snapshotValidators();
    // round-trip through JSON, as written to disk
    const doc = JSON.parse(JSON.stringify(snapshot)) as typeof snapshot;
    doc.nodes.forEach((n, i) => assert.ok(v.node(n), describeValidationError(v.node.errors, n, `nodes[${i}]`)));
    doc.edges.forEach((e, i) => assert.ok(v.edge(e), describeValidationError(v.edge.errors, e, `edges[${i}]`)));
    doc.coverage.forEach((c, i) => assert.ok(v.coverage(c), describeValidationError(v.coverage.errors, c, `coverage[${i}]`)));
  });
}
