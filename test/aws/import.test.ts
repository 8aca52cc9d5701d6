/**
 * Offline import of the same worlds (folders of AWS CLI JSON outputs) through the same transforms:
 * the same graph as the live path, except the facts the files cannot give (listed in import.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importAwsCliJson } from '../../src/collectors/aws/index.js';
import type { GraphNode } from '../../src/graph/schema.js';
import { InputError } from '../../src/util/errors.js';
import { DEMO_CREDENTIALS, DEMO_WORLD, SMALL_ACCOUNT, SMALL_WORLD, WORLD_NOW, byId, collectWorld, expectedCosts, expectedEdges, expectedSmallGraph, sortEdges } from './helpers.js';

describe('AWS offline import', () => {
  it('the small world imports to exactly the graph worked out by hand (and so the live graph)', async () => {
    const f = await importAwsCliJson(SMALL_WORLD, { now: WORLD_NOW });
    const expected = [...expectedSmallGraph().nodes].sort(byId);
    const actual = [...f.nodes].sort(byId);
    assert.deepEqual(actual.map((n) => n.id), expected.map((n) => n.id));
    for (const n of expected) assert.deepEqual(actual.find((a) => a.id === n.id), n, n.id);
    assert.deepEqual(sortEdges(f.edges), expectedEdges());
    const project = (c: { service: string; usageType: string | null; metric: string; amount: number; unit: string }) => `${c.service}|${c.usageType}|${c.metric}|${c.amount}|${c.unit}`;
    assert.deepEqual((f.costs ?? []).map(project).sort(), expectedCosts().map(project).sort());
  });

  it('a single account folder imports the same, given its account id', async () => {
    const f = await importAwsCliJson(join(SMALL_WORLD, 'accounts', SMALL_ACCOUNT), { now: WORLD_NOW });
    assert.equal(f.nodes.length, expectedSmallGraph().nodes.length);
  });

  it('the demo organization imports to the live graph, except the account facts the files cannot give', async () => {
    const live = await collectWorld(DEMO_WORLD, { credentials: DEMO_CREDENTIALS, organization: { roleName: 'OrganizationAccountAccessRole' }, collectSpotPrices: true });
    const f = await importAwsCliJson(DEMO_WORLD, { now: WORLD_NOW, collectSpotPrices: true });
    // Not in files: the enabled regions (us-west-2 has no folder) and, without get-account-summary.json, IAM's summary.
    const comparable = (n: GraphNode): GraphNode => (n.kind === 'account' ? { ...n, attrs: { ...n.attrs, scannedRegions: undefined, iamSummary: undefined } } : n);
    const a = [...f.nodes].sort(byId).map(comparable);
    const l = [...live.outcome.snapshot.nodes].sort(byId).map(comparable);
    assert.deepEqual(a.map((n) => n.id), l.map((n) => n.id));
    for (const n of l) assert.deepEqual(JSON.parse(JSON.stringify(a.find((x) => x.id === n.id))), JSON.parse(JSON.stringify(n)), n.id);
    assert.deepEqual(sortEdges(f.edges), sortEdges(live.outcome.snapshot.edges));
    assert.equal((f.costs ?? []).length, live.outcome.snapshot.costs.length);
  });

  it('says what it expected when the folder is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-aws-import-'));
    try {
      await assert.rejects(importAwsCliJson(dir), (e: unknown) => e instanceof InputError && /accounts\/ folder/.test(e.message));
      await assert.rejects(importAwsCliJson(join(dir, 'missing')), InputError);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
