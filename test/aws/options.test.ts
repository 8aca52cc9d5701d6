/** Options: the region allow-list, cost collection off, option checks before any call. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsProvider } from '../../src/collectors/aws/index.js';
import type { AwsOptions } from '../../src/collectors/aws/index.js';
import { InputError } from '../../src/util/errors.js';
import { SMALL_WORLD, collectWorld } from './helpers.js';

const resolveCtx = { signal: new AbortController().signal, debug: () => {} };

describe('AWS options', () => {
  it('a region allow-list scans only those regions; buckets elsewhere are skipped with a row saying how many', async () => {
    const run = await collectWorld(SMALL_WORLD, { regions: ['us-east-1'], collectCosts: false });
    const s = run.outcome.snapshot;
    assert.ok(!s.nodes.some((n) => n.region === 'eu-west-1'));
    assert.ok(!s.nodes.some((n) => n.id === 'arn:aws:s3:::small-data'));
    assert.ok(s.nodes.some((n) => n.id === 'arn:aws:s3:::small-logs'));
    assert.equal(run.fake.callCounts['ec2:DescribeInstances'], 2); // us-east-1 only, 3 instances at page size 2
    assert.deepEqual(
      s.coverage.filter((c) => c.status !== 'ok').map((c) => [c.status, c.service, c.operation, c.message]),
      [
        ['skipped', 'ce', 'GetCostAndUsage', 'cost collection disabled (collectCosts: false)'],
        ['skipped', 's3', 'GetBucket*', '1 bucket(s) outside the region allow-list'],
      ],
    );
    assert.equal(run.fake.callCounts['ce:GetCostAndUsage'], undefined);
    assert.deepEqual(s.costs, []);
  });

  it('bad options are input errors before any call', async () => {
    const cases: [AwsOptions, RegExp][] = [
      [{ regions: ['us-east'] }, /invalid region 'us-east' in regions/],
      [{ region: 'mars-1' }, /invalid region 'mars-1'/],
      [{ metricsDays: 0 }, /metricsDays must be an integer from 1 to 455/],
      [{ organization: { roleName: 'bad role' } }, /invalid role name/],
      [{ organization: { roleName: 'r', accounts: ['12345'] } }, /invalid account id '12345'/],
      [{ endpoint: 'not a url' }, /invalid endpoint/],
    ];
    for (const [options, why] of cases) {
      await assert.rejects(awsProvider.resolveTargets(options, resolveCtx), (e: unknown) => e instanceof InputError && why.test(e.message));
    }
  });

  it('credentials the endpoint does not know: an input error naming the ways to fix it', async () => {
    const { startFakeAws, loadAwsWorld } = await import('../fake-clouds/aws/index.js');
    const fake = await startFakeAws({ world: loadAwsWorld(SMALL_WORLD) });
    try {
      await assert.rejects(
        awsProvider.resolveTargets({ endpoint: `http://localhost:${fake.port}`, region: 'us-east-1', credentials: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' } }, resolveCtx),
        (e: unknown) => e instanceof InputError && /cannot identify the account/.test(e.message) && /InvalidClientTokenId/.test(e.message),
      );
    } finally {
      await fake.close();
    }
  });
});
