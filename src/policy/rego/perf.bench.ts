/**
 * Benchmark: 20 simple per-resource checks over N synthetic resources (default 100,000).
 * Run: node --import tsx src/policy/rego/perf.bench.ts [N]
 */
import { compileModules, evaluate } from './index.js';
const N = Number(process.argv[2] ?? 100000);
const resources: unknown[] = [];
// Plain JSON, as the scanner's snapshot loader produces it.
for (let i = 0; i < N; i++) {
  resources.push({
    id: `r-${i}`, type: i % 3 === 0 ? 'aws_s3_bucket' : i % 3 === 1 ? 'aws_instance' : 'aws_security_group',
    region: 'us-east-1', tags: i % 5 === 0 ? {} : { owner: 'x', env: 'prod' },
    props: { public: i % 7 === 0, encrypted: i % 2 === 0, size: i % 100, ports: [22, 443], cidr: i % 11 === 0 ? '0.0.0.0/0' : '10.0.0.0/8', name: `res-${i}` },
  });
}
const input = JSON.parse(JSON.stringify({ resources }));
let src = 'package checks\nimport rego.v1\n';
for (let j = 0; j < 20; j++) {
  const cond = [
    'r.props.public == true',
    'not r.props.encrypted',
    'r.props.size > 90',
    'count(r.tags) == 0',
    'r.props.cidr == "0.0.0.0/0"',
    'startswith(r.props.name, "res-99")',
    'some p in r.props.ports; p == 22',
    'not r.tags.owner',
    'r.region != "eu-west-1"; r.props.size < 1',
    'regex.match("^res-1[0-9]$", r.props.name)',
  ][j % 10];
  src += `deny_${j} contains msg if {\n  some r in input.resources\n  r.type == "${['aws_s3_bucket', 'aws_instance', 'aws_security_group'][j % 3]}"\n  ${cond}\n  msg := sprintf("%s: check ${j}", [r.id])\n}\n`;
}
const set = compileModules([{ path: 'checks.rego', source: src }]);
const t0 = performance.now();
const rs = evaluate(set, 'x := data.checks', { input });
const t1 = performance.now();
const x = rs[0]?.x as Record<string, { size: number }>;
let total = 0;
for (const k of Object.keys(x)) total += x[k]!.size;
console.log(`N=${N} eval ${(t1 - t0).toFixed(0)} ms, findings ${total}`);
