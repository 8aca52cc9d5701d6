/**
 * Policy evaluation benchmark: 20 representative checks (the built-in ones plus synthetic checks
 * of the shapes real policies have: attribute tests, nested iteration over rules and statements,
 * time arithmetic, regex, CIDR maths, joins through the graph indexes) over synthetic snapshots.
 *
 *   npm run bench:policy-eval                 # 10k and 100k resources
 *   npm run bench:policy-eval -- --sizes 10000,30000
 *
 * Target (2-core machine): 100k resources × 20 checks in under 5 s.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Snapshot } from '../src/graph/schema.js';
import { evaluateChecks } from '../src/policy/evaluate-checks.js';
import { BUILTIN_POLICY_DIR, loadPolicies } from '../src/policy/load-policies.js';
import { REGIONS, syntheticEdges, syntheticNodes } from './synthetic-world.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' }, checks: { type: 'string', default: '20' } } });
const sizes = (values.sizes ?? '').split(',').map(Number);

const header = (id: string, kind: string): string => `# METADATA
# title: bench ${id}
# description: benchmark check
# custom:
#   id: ${id}
#   severity: medium
#   resource_kinds: [${kind}]
#   recommended_actions: ["none"]
#   frameworks: {}
package cloudwarden.${id}

import data.cloudwarden.lib.graph
import rego.v1

`;

/** Synthetic checks, each a typical shape. Bodies bind `n` to a node of the kind and emit a result. */
const SYNTHETIC: [string, string, string][] = [
  ['bucket_unencrypted', 'storage.bucket', 'n.attrs.encryption == null'],
  ['bucket_unversioned', 'storage.bucket', 'n.attrs.versioning == false'],
  ['bucket_public_acl', 'storage.bucket', 'some g in n.attrs.aclGrants\n\tg.grantee in {"AllUsers", "AuthenticatedUsers"}'],
  ['bucket_policy_star', 'storage.bucket', 'some st in n.attrs.policyStatements\n\tst.effect == "Allow"\n\t"*" in st.principals'],
  ['disk_unencrypted', 'compute.disk', 'n.attrs.encrypted == false'],
  ['disk_unattached', 'compute.disk', 'count(n.attrs.attachedTo) == 0'],
  ['disk_gp2', 'compute.disk', 'n.attrs.diskType == "gp2"'],
  ['instance_public_ip', 'compute.instance', 'count(n.attrs.publicIps) > 0'],
  ['instance_stopped_long', 'compute.instance', 'n.attrs.state == "stopped"\n\tsince := time.parse_rfc3339_ns(n.attrs.stateSince)\n\ttime.now_ns() - since > 90 * 24 * 3600 * 1000000000'],
  ['instance_previous_gen', 'compute.instance', 'regex.match(`^(m4|c4|r4|t2)\\.`, n.attrs.instanceType)'],
  ['instance_no_owner', 'compute.instance', 'not n.tags.owner'],
  ['instance_prod_replaceable', 'compute.instance', 'n.tags.env == "prod"\n\tn.attrs.replaceable == true\n\tstartswith(n.tags.team, "team-1")'],
  ['sg_egress_all', 'network.firewall', 'some r in n.attrs.rules\n\tr.direction == "egress"\n\tcount(r.ports) == 0\n\t"0.0.0.0/0" in r.sources'],
  ['sg_https_world', 'network.firewall', 'some r in n.attrs.rules\n\tr.direction == "ingress"\n\tsome p in r.ports\n\tp[0] <= 443\n\t443 <= p[1]'],
  ['sg_cidr_private', 'network.firewall', 'some r in n.attrs.rules\n\tsome s in r.sources\n\tnot net.cidr_contains("10.0.0.0/8", s)\n\tr.direction == "ingress"'],
  ['disk_on_stopped_instance', 'compute.disk', 'some id in n.attrs.attachedTo\n\tvm := graph.node_by_id[id]\n\tvm.attrs.state == "stopped"'],
  ['account_large', 'account', 'count(graph.edges_from[n.id]) > 1000'],
  ['instance_name_pattern', 'compute.instance', 'contains(lower(n.name), "web-1")\n\tendswith(n.name, "7")'],
];

function writeSyntheticChecks(root: string, count: number): number {
  const chosen = SYNTHETIC.slice(0, Math.max(0, count));
  for (const [name, kind, body] of chosen) {
    const id = `common.bench.${name}`;
    const path = join(root, 'common', 'bench', `${name}.rego`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${header(id, kind)}deny contains {"resource": n.id, "msg": sprintf("%s: ${name}", [n.name])} if {\n\tsome n in graph.nodes_by_kind["${kind}"]\n\t${body}\n}\n`);
  }
  return chosen.length;
}

function snapshotOf(total: number): Snapshot {
  return {
    schemaVersion: '1.0',
    tool: { name: 'bench', version: '0' },
    startedAt: '2026-11-25T00:00:00Z',
    finishedAt: '2026-11-25T00:10:00Z',
    scope: { providers: ['aws'], accounts: [], regions: REGIONS },
    nodes: [...syntheticNodes(total)],
    edges: [...syntheticEdges(total)],
    costs: [],
    coverage: [],
  };
}

/** Kinds the synthetic world holds: built-in checks over these are representative of real runs. */
const WORLD_KINDS = new Set(['account', 'compute.disk', 'compute.instance', 'network.firewall', 'storage.bucket']);

const dir = mkdtempSync(join(tmpdir(), 'cw-policy-bench-'));
try {
  const wanted = Number(values.checks);
  const all = await loadPolicies([BUILTIN_POLICY_DIR]);
  // Built-in AWS and provider-neutral checks over the world's kinds first (in id order), then
  // synthetic checks of typical shapes to make up the number.
  const builtin = all.checks.filter((c) => (c.info.provider === 'aws' || c.info.provider === 'common') && c.info.resourceKinds.some((k) => WORLD_KINDS.has(k))).slice(0, wanted);
  const synthetic = writeSyntheticChecks(dir, wanted - builtin.length);
  const loaded = await loadPolicies([BUILTIN_POLICY_DIR, dir]);
  const keep = new Set([...builtin.map((c) => c.info.id), ...loaded.checks.filter((c) => c.info.id.startsWith('common.bench.')).map((c) => c.info.id)]);
  const policies = { ...loaded, checks: loaded.checks.filter((c) => keep.has(c.info.id)) };
  console.log(`${policies.checks.length} checks (${builtin.length} built-in AWS/common, ${synthetic} synthetic)`);
  console.log('resources  eval s   resources/s   findings  peak RSS MiB  slowest check');
  for (const size of sizes) {
    const snapshot = snapshotOf(size);
    const t0 = performance.now();
    const ev = evaluateChecks(policies, snapshot, { now: new Date('2026-11-25T00:00:00Z') });
    const s = (performance.now() - t0) / 1000;
    if (ev.errors.length) throw new Error(`check errors: ${JSON.stringify(ev.errors)}`);
    const slowest = [...ev.timings].sort((a, b) => b.ms - a.ms)[0];
    console.log(
      `${String(size).padStart(9)}  ${s.toFixed(2).padStart(6)}  ${Math.round(size / s).toLocaleString('en-US').padStart(12)}  ${String(ev.findings.length).padStart(8)}  ${String(Math.round(process.resourceUsage().maxRSS / 1024)).padStart(12)}  ${slowest ? `${slowest.policyId} ${slowest.ms.toFixed(0)} ms` : ''}`,
    );
  }
  console.log('target: 100k resources × 20 checks < 5 s');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
