import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { COMMANDS } from '../../src/cli/main.js';
import { GLOBAL_OPTIONS } from '../../src/cli/args.js';

const FILE = new URL('../../docs/ci/github-actions-sharded.yml', import.meta.url);

interface Step {
  run?: string;
  uses?: string;
}
interface Job {
  needs?: string | string[];
  strategy?: { matrix?: { shard?: number[] } };
  steps: Step[];
}

test('the sharded GitHub Actions example: N collect shards, then merge, evaluate and report', () => {
  const doc = parse(readFileSync(FILE, 'utf8')) as { jobs: Record<string, Job>; env: { SHARDS: number } };
  const collect = doc.jobs.collect;
  assert.ok(collect);
  const shards = collect.strategy?.matrix?.shard ?? [];
  assert.deepEqual(shards, Array.from({ length: doc.env.SHARDS }, (_, i) => i + 1));
  const collectRun = collect.steps.map((s) => s.run ?? '').join('\n');
  assert.match(collectRun, /cloudwarden collect [^\n]*\\\n[^\n]*--shard \$\{\{ matrix\.shard \}\}\/\$\{\{ env\.SHARDS \}\}/);
  const final = Object.values(doc.jobs).find((j) => j.needs === 'collect' || (Array.isArray(j.needs) && j.needs.includes('collect')));
  assert.ok(final, 'a job that needs the collect shards');
  const runs = final.steps.map((s) => s.run ?? '').join('\n');
  const order = ['cloudwarden merge', 'cloudwarden evaluate', 'cloudwarden report'].map((c) => runs.indexOf(c));
  assert.ok(order.every((i) => i >= 0) && order[0]! < order[1]! && order[1]! < order[2]!, `merge, evaluate, report in order: ${order.join(', ')}`);
});

test('every cloudwarden flag the example uses exists on its command', () => {
  const text = readFileSync(FILE, 'utf8').replace(/\\\n\s*/g, ' ');
  const calls = [...text.matchAll(/cloudwarden (\w+)([^\n]*)/g)].filter((m) => m[1] !== 'sharded' && m[1] !== 'collect:' );
  assert.ok(calls.length >= 4);
  for (const [, command, rest] of calls) {
    if (command === undefined || !(command in COMMANDS)) continue;
    const spec = COMMANDS[command]?.spec;
    for (const [, flag] of (rest ?? '').matchAll(/--([a-z][a-z0-9-]*)/g)) {
      assert.ok(flag !== undefined && (Object.hasOwn(spec?.options ?? {}, flag) || Object.hasOwn(GLOBAL_OPTIONS, flag)), `cloudwarden ${command} --${flag ?? ''}`);
    }
  }
});
