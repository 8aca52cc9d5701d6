/** The cost engine through the CLI: `evaluate` writes savings and the catalog dates; sheet and config errors exit 2. */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importLibvirtXml } from '../../src/collectors/libvirt/index.js';
import { writeSnapshot } from '../../src/graph/snapshot-io.js';
import type { Results } from '../../src/results/schema.js';
import { runCli } from '../cli/run-cli.js';
import { snapshotOf } from './fixtures.js';

const DEMO_XML = fileURLToPath(new URL('../../fixtures/worlds/demo/libvirt/node.xml', import.meta.url));
const SHEET = fileURLToPath(new URL('./fixtures/libvirt-prices.yaml', import.meta.url));

describe('cost engine in the CLI', () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cw-cost-cli-'));
    const g = await importLibvirtXml(DEMO_XML, { host: 'kvm-demo-01' });
    await writeSnapshot(join(dir, 'snapshot.json'), snapshotOf(g.nodes, g.edges));
  });

  it('evaluate --price-sheet: savings priced from the sheet, pricingCatalog set, summary printed', async () => {
    const r = await runCli(['evaluate', 'snapshot.json', '--out', 'results.json', '--price-sheet', SHEET], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Savings: 3\.06 USD\/month/); // 0.56 + 1.00 + 1.50
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Results;
    const orphans = results.savings.filter((s) => s.ruleId === 'unattached_disk');
    assert.equal(orphans.length, 3);
    assert.ok(orphans.every((s) => s.pricingSource.startsWith('override:')));
    assert.equal(results.pricingCatalog?.[`override:${SHEET}`], '2026-11-01');
    assert.equal(results.summary.monthlySavingsTotal, 3.06);
  });

  it('cost settings from cloudwarden.yaml: a rule turned off, the sheet relative to the config file', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'cw-cost-cfg-'));
    writeFileSync(join(sub, 'prices.yaml'), readFileSync(SHEET));
    writeFileSync(join(sub, 'cloudwarden.yaml'), 'cost:\n  priceSheet: prices.yaml\n  rules:\n    unattached_disk:\n      enabled: false\n');
    const r = await runCli(['evaluate', join(dir, 'snapshot.json'), '--out', join(sub, 'results.json')], { cwd: sub });
    assert.equal(r.code, 0, r.stderr);
    const results = JSON.parse(readFileSync(join(sub, 'results.json'), 'utf8')) as Results;
    assert.equal(results.savings.filter((s) => s.ruleId === 'unattached_disk').length, 0);
    assert.ok(Object.keys(results.pricingCatalog ?? {}).some((k) => k.endsWith('prices.yaml')));
  });

  it('a malformed price sheet is rejected with file, line and field (exit 2)', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'libvirt:\n  "*":\n    rates:\n      vcpuHour: lots\n');
    const r = await runCli(['evaluate', 'snapshot.json', '--out', 'r2.json', '--price-sheet', bad], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.yaml:4:\d+: libvirt\.\*\.rates\.vcpuHour: expected/);
  });

  it('scan checks the cost settings before collecting: a bad threshold fails at once (exit 2)', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'cw-cost-cfg-'));
    writeFileSync(join(sub, 'cloudwarden.yaml'), 'cost:\n  rules:\n    instance_idle:\n      maxCpuP95: high\n');
    const r = await runCli(['scan', '--demo', '--out', join(sub, 'out')], { cwd: sub });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cost\.rules\.instance_idle\.maxCpuP95: expected a number/);
    assert.doesNotMatch(r.stderr + r.stdout, /wrote/);
  });

  it('an unknown threshold in cloudwarden.yaml is rejected with its path (exit 2)', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'cw-cost-cfg-'));
    writeFileSync(join(sub, 'cloudwarden.yaml'), 'cost:\n  rules:\n    snapshot_old:\n      maxAge: 10\n');
    const r = await runCli(['evaluate', join(dir, 'snapshot.json'), '--out', join(sub, 'r.json')], { cwd: sub });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cost\.rules\.snapshot_old\.maxAge: unknown threshold/);
  });
});
