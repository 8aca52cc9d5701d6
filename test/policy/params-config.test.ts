/** Check parameters in cloudwarden.yaml reach checks as data.cloudwarden.params. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeSnapshot } from '../../src/graph/snapshot-io.js';
import { tinySnapshot } from '../../src/graph/test-helpers.js';
import type { Results } from '../../src/results/schema.js';
import { runCli } from '../cli/run-cli.js';

const CHECK = `# METADATA
# title: Disk below the minimum size
# description: A disk smaller than the min_size_gib parameter (default 5).
# custom:
#   id: common.storage.disk_below_minimum
#   severity: low
#   resource_kinds: [compute.disk]
#   recommended_actions: ["Grow the disk."]
#   frameworks: {}
package cloudwarden.common.storage.disk_below_minimum

import data.cloudwarden.lib.params
import rego.v1

deny contains {"resource": d.id, "msg": sprintf("%s is below %v GiB", [d.name, params.get("min_size_gib", 5)])} if {
	some d in input.nodes
	d.kind == "compute.disk"
	d.attrs.sizeGiB < params.get("min_size_gib", 5)
}
`;

test('policies.params and policies.folders in cloudwarden.yaml are used by evaluate', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-params-'));
  mkdirSync(join(dir, 'mine', 'common', 'storage'), { recursive: true });
  writeFileSync(join(dir, 'mine', 'common', 'storage', 'disk_below_minimum.rego'), CHECK);
  await writeSnapshot(join(dir, 'snap.json'), tinySnapshot());
  const run = async (config: string): Promise<Results> => {
    writeFileSync(join(dir, 'cloudwarden.yaml'), config);
    const r = await runCli(['evaluate', 'snap.json', '--out', 'results.json', '--quiet'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Results;
  };
  const mine = (res: Results) => res.findings.filter((f) => f.policyId === 'common.storage.disk_below_minimum');
  // The tiny snapshot's disks are 10 GiB: below 20, not below the default 5.
  assert.equal(mine(await run('policies:\n  folders: [mine]\n')).length, 0);
  const withParam = mine(await run('policies:\n  folders: [mine]\n  params:\n    min_size_gib: 20\n'));
  assert.equal(withParam.length, 2);
  assert.match(withParam[0]?.message ?? '', /below 20 GiB/);
  const bad = await runCli(['evaluate', 'snap.json', '--out', 'r.json'], { cwd: dir, env: {} });
  assert.equal(bad.code, 0);
  writeFileSync(join(dir, 'cloudwarden.yaml'), 'policies:\n  params:\n    Bad-Name: 1\n');
  const invalid = await runCli(['evaluate', 'snap.json', '--out', 'r.json'], { cwd: dir });
  assert.equal(invalid.code, 2);
  assert.match(invalid.stderr, /cloudwarden\.yaml:3:5: policies\.params/);
});
