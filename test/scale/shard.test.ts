import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Provider } from '../../src/graph/schema.js';
import { assignShards, parseShard, selectShard, shardLoads, targetKey, type TargetRef } from '../../src/scale/shard.js';

const PROVIDERS: Provider[] = ['aws', 'gcp', 'azure', 'libvirt'];

function targets(n: number): TargetRef[] {
  return Array.from({ length: n }, (_, i) => ({ provider: PROVIDERS[i % 4] ?? 'aws', account: `acct-${String(i).padStart(4, '0')}` }));
}

/** A simple deterministic pseudo-random sequence (no Math.random in tests). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('shard assignment', () => {
  it('puts every target in exactly one shard, whatever the input order', () => {
    const ts = targets(103);
    const a = assignShards(ts, 7);
    const shuffled = [...ts].reverse();
    const b = assignShards(shuffled, 7);
    assert.equal(a.size, 103);
    assert.deepEqual([...a].sort(), [...b].sort());
    const union = [1, 2, 3, 4, 5, 6, 7].flatMap((i) => selectShard(ts, { index: i, count: 7 }).targets.map(targetKey));
    assert.equal(union.length, 103);
    assert.equal(new Set(union).size, 103);
  });

  it('is balanced with equal weights (shard sizes differ by at most one)', () => {
    const sizes = [0, 0, 0, 0, 0];
    for (const s of assignShards(targets(52), 5).values()) sizes[s - 1] = (sizes[s - 1] ?? 0) + 1;
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, String(sizes));
  });

  it('balances by previous resource counts (LPT within 4/3 of the optimum bound)', () => {
    const ts = targets(200);
    const rnd = lcg(42);
    const weights = new Map(ts.map((t) => [targetKey(t), Math.round(10 + rnd() ** 3 * 5000)]));
    const a = assignShards(ts, 8, weights);
    const loads = shardLoads(a, 8, weights);
    const total = [...weights.values()].reduce((x, y) => x + y, 0);
    const lowerBound = Math.max(total / 8, ...weights.values());
    assert.ok(Math.max(...loads) <= (4 / 3) * lowerBound, `${Math.max(...loads)} vs bound ${lowerBound}`);
    // Much better than a round-robin split by name.
    const rr = new Array<number>(8).fill(0);
    [...ts].sort((x, y) => (targetKey(x) < targetKey(y) ? -1 : 1)).forEach((t, i) => (rr[i % 8] = (rr[i % 8] ?? 0) + (weights.get(targetKey(t)) ?? 0)));
    assert.ok(Math.max(...loads) <= Math.max(...rr));
  });

  it('gives targets missing from the weights the mean weight', () => {
    const ts = targets(4); // aws:acct-0000, gcp:acct-0001, azure:acct-0002, libvirt:acct-0003
    const weights = new Map([['aws:acct-0000', 300], ['gcp:acct-0001', 100]]);
    // Unknown targets weigh the mean (200): 300 → 1, 200 → 2, 200 → 2, 100 → 1.
    assert.deepEqual(Object.fromEntries(assignShards(ts, 2, weights)), { 'aws:acct-0000': 1, 'azure:acct-0002': 2, 'libvirt:acct-0003': 2, 'gcp:acct-0001': 1 });
  });

  it('is stable: the exact assignment of a fixed input', () => {
    const ts: TargetRef[] = [
      { provider: 'gcp', account: 'proj-b' },
      { provider: 'aws', account: '222222222222' },
      { provider: 'aws', account: '111111111111' },
      { provider: 'azure', account: 'sub-1' },
      { provider: 'libvirt', account: 'kvm01' },
    ];
    const weights = new Map([['aws:111111111111', 50], ['aws:222222222222', 10], ['gcp:proj-b', 30], ['azure:sub-1', 30], ['libvirt:kvm01', 5]]);
    assert.deepEqual(Object.fromEntries(assignShards(ts, 2, weights)), { 'aws:111111111111': 1, 'azure:sub-1': 2, 'gcp:proj-b': 2, 'aws:222222222222': 1, 'libvirt:kvm01': 1 });
    const one = selectShard(ts, { index: 2, count: 2 }, weights);
    assert.deepEqual(one.shard, { index: 2, count: 2, targets: ['azure:sub-1', 'gcp:proj-b'] });
  });

  it('more shards than targets: some shards are empty, none is doubled', () => {
    const a = assignShards(targets(3), 5);
    assert.deepEqual([...a.values()].sort(), [1, 2, 3]);
  });

  it('parses I/N and rejects bad values with a clear message', () => {
    assert.deepEqual(parseShard('2/8'), { index: 2, count: 8 });
    assert.deepEqual(parseShard(' 1 / 1 '), { index: 1, count: 1 });
    assert.throws(() => parseShard('3/2'), { message: '--shard 3/2: expected I/N with 1 ≤ I ≤ N (e.g. --shard 2/8)' });
    for (const bad of ['0/4', '1/0', 'a/b', '2', '1/2/3', '-1/2', '']) assert.throws(() => parseShard(bad), /expected I\/N with 1 ≤ I ≤ N/);
  });
});

describe('collect --shard', () => {
  it('rejects an invalid --shard with a clear message (exit 2)', async () => {
    const { main } = await import('../../src/cli/main.js');
    let err = '';
    const io = { cwd: '/tmp', env: {}, stdout: { write: () => true } as unknown as NodeJS.WritableStream, stderr: { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream };
    const code = await main(['collect', '--provider', 'libvirt', '--libvirt-uri', 'test:///default', '--shard', '3/2', '--out', 'x.json'], io);
    assert.equal(code, 2);
    assert.match(err, /--shard 3\/2: expected I\/N with 1 ≤ I ≤ N/);
    err = '';
    assert.equal(await main(['collect', '--provider', 'libvirt', '--libvirt-uri', 'test:///default', '--shard-weights', 'w.json', '--out', 'x.json'], io), 2);
    assert.match(err, /--shard-weights is only used with --shard/);
  });
});

describe('collect --shard end to end (libvirt test driver through virsh)', () => {
  it('two shards of three hosts, merged back into one snapshot', async (t) => {
    const { virshAvailable } = await import('../../src/demo/demo-world.js');
    if (!virshAvailable()) return t.skip('virsh not installed');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const { main } = await import('../../src/cli/main.js');
    const { readSnapshot } = await import('../../src/graph/snapshot-io.js');
    const dir = mkdtempSync(join(tmpdir(), 'cw-shard-'));
    const xml = fileURLToPath(new URL('../../fixtures/worlds/demo/libvirt/node.xml', import.meta.url));
    writeFileSync(join(dir, 'cloudwarden.yaml'), `providers:\n  libvirt:\n    connections:\n      - { uri: "test:///default", name: kvm-a }\n      - { uri: "test://${xml}", name: kvm-b }\n      - { uri: "test:///default", name: kvm-c }\n`);
    const io = { cwd: dir, env: {}, stdout: { write: () => true } as unknown as NodeJS.WritableStream, stderr: { write: () => true } as unknown as NodeJS.WritableStream };
    assert.equal(await main(['collect', '--shard', '1/2', '--out', 's1.json'], io), 0);
    assert.equal(await main(['collect', '--shard', '2/2', '--out', 's2.json.gz'], io), 0);
    const s1 = await readSnapshot(join(dir, 's1.json'));
    const s2 = await readSnapshot(join(dir, 's2.json.gz'));
    assert.deepEqual(s1.scope.shard, { index: 1, count: 2, targets: ['libvirt:kvm-a', 'libvirt:kvm-c'] });
    assert.deepEqual(s2.scope.shard, { index: 2, count: 2, targets: ['libvirt:kvm-b'] });
    assert.equal(await main(['merge', '--out', 'all.json', 's1.json', 's2.json.gz'], io), 0);
    const all = await readSnapshot(join(dir, 'all.json'));
    assert.deepEqual(all.scope.accounts, ['kvm-a', 'kvm-b', 'kvm-c']);
    assert.equal(all.nodes.length, s1.nodes.length + s2.nodes.length);
  });
});
