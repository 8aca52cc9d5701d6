import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import type { GetCostAndUsageCommandOutput, ResultByTime } from '@aws-sdk/client-cost-explorer';
import {
  AccessDeniedException,
  AWSOrganizationsNotInUseException,
  ListAccountsCommand,
  OrganizationsClient,
  paginateListAccounts,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { loadAwsWorld } from './load.js';
import { startFakeAws } from './server.js';
import type { FakeAws } from './server.js';
import { cliShape, fixture, normFixture, sdkConfig, SMALL_ACCOUNT, SMALL_WORLD } from './sdk-helpers.js';

const GROUPED = {
  TimePeriod: { Start: '2026-09-01', End: '2026-11-01' },
  Granularity: 'MONTHLY' as const,
  Metrics: ['UnblendedCost', 'UsageQuantity'],
  GroupBy: [
    { Type: 'DIMENSION' as const, Key: 'SERVICE' },
    { Type: 'DIMENSION' as const, Key: 'USAGE_TYPE' },
  ],
};

describe('fake AWS: Cost Explorer and Organizations (JSON 1.1)', () => {
  let fake: FakeAws;
  let ce: CostExplorerClient;
  before(async () => {
    fake = await startFakeAws({ world: loadAwsWorld(SMALL_WORLD) });
    ce = new CostExplorerClient(sdkConfig(fake));
  });
  after(async () => {
    ce.destroy();
    await fake.close();
  });

  it('GetCostAndUsage grouped by SERVICE and USAGE_TYPE pages with NextPageToken and matches the fixture', async () => {
    const pages: GetCostAndUsageCommandOutput[] = [];
    let token: string | undefined;
    do {
      const page = await ce.send(new GetCostAndUsageCommand({ ...GROUPED, ...(token ? { NextPageToken: token } : {}) }));
      pages.push(page);
      token = page.NextPageToken;
    } while (token);
    assert.equal(pages.length, 4); // 10 groups, 3 per page forced by the world
    const merged = new Map<string, ResultByTime>();
    for (const p of pages) {
      for (const r of p.ResultsByTime ?? []) {
        const k = r.TimePeriod?.Start ?? '';
        const cur = merged.get(k);
        if (cur) cur.Groups?.push(...(r.Groups ?? []));
        else merged.set(k, { ...r, Groups: [...(r.Groups ?? [])] });
      }
    }
    const fx = normFixture(fixture(SMALL_WORLD, `accounts/${SMALL_ACCOUNT}/ce/get-cost-and-usage.json`)) as Record<string, unknown>;
    assert.deepEqual(cliShape({ GroupDefinitions: pages[0]?.GroupDefinitions, ResultsByTime: [...merged.values()], DimensionValueAttributes: pages[0]?.DimensionValueAttributes }), fx);
  });

  it('GetCostAndUsage without GroupBy answers from the ungrouped fixture, restricted to the requested metrics and period', async () => {
    const out = await ce.send(new GetCostAndUsageCommand({ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] }));
    assert.deepEqual(cliShape(out.ResultsByTime), [
      { TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Total: { UnblendedCost: { Amount: '95.22', Unit: 'USD' } }, Groups: [], Estimated: true },
    ]);
    await assert.rejects(ce.send(new GetCostAndUsageCommand({ TimePeriod: { Start: '2026-11-01', End: '2026-10-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] })), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(e.name, 'ValidationException');
      assert.equal(e.$metadata?.httpStatusCode, 400);
      return true;
    });
  });

  it('Organizations ListAccounts: not in an organization, then management account pages, member account denied', async () => {
    const org = new OrganizationsClient(sdkConfig(fake));
    try {
      await assert.rejects(org.send(new ListAccountsCommand({})), (e: Error) => e instanceof AWSOrganizationsNotInUseException);
    } finally {
      org.destroy();
    }
    const world = loadAwsWorld(SMALL_WORLD);
    const mgmt = world.accounts[SMALL_ACCOUNT];
    assert.ok(mgmt);
    world.organization = { managementAccountId: SMALL_ACCOUNT };
    const accounts = ['123456789012', '210987654321', '333344445555'].map((id, i) => ({
      Id: id,
      Arn: `arn:aws:organizations::${SMALL_ACCOUNT}:account/o-exampleorgid/${id}`,
      Email: `aws+${i}@example.com`,
      Name: `account-${i}`,
      Status: 'ACTIVE' as const,
      State: 'ACTIVE' as const,
      JoinedMethod: (i === 0 ? 'INVITED' : 'CREATED') as 'INVITED' | 'CREATED',
      JoinedTimestamp: `2025-0${i + 1}-01T00:00:00+00:00`,
    }));
    mgmt.organizationAccounts = { Accounts: accounts };
    world.identities.push({ accessKeyId: 'AKIAMEMBERSCANNER001', secretAccessKey: 'example', accountId: '210987654321', arn: 'arn:aws:iam::210987654321:user/scanner', userId: 'AIDAMEMBERSCANNER001' });
    const f2 = await startFakeAws({
      world,
      pageSizes: { 'organizations:ListAccounts': 2 },
      faults: [{ kind: 'throttle', service: 'organizations', times: 1 }],
    });
    const mgmtClient = new OrganizationsClient(sdkConfig(f2));
    const memberClient = new OrganizationsClient(sdkConfig(f2, { credentials: { accessKeyId: 'AKIAMEMBERSCANNER001', secretAccessKey: 'example' } }));
    const noRetry = new OrganizationsClient(sdkConfig(f2, { maxAttempts: 1 }));
    try {
      await assert.rejects(noRetry.send(new ListAccountsCommand({})), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.ok(e instanceof TooManyRequestsException);
        assert.equal(e.$metadata?.httpStatusCode, 400);
        return true;
      });
      const all = [];
      let pages = 0;
      for await (const p of paginateListAccounts({ client: mgmtClient }, {})) {
        pages++;
        all.push(...(p.Accounts ?? []));
      }
      assert.equal(pages, 2);
      assert.deepEqual(cliShape(all), normFixture(accounts));
      await assert.rejects(memberClient.send(new ListAccountsCommand({})), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.ok(e instanceof AccessDeniedException);
        assert.equal(e.name, 'AccessDeniedException');
        assert.equal(e.$metadata?.httpStatusCode, 400);
        return true;
      });
    } finally {
      mgmtClient.destroy();
      memberClient.destroy();
      noRetry.destroy();
      await f2.close();
    }
  });
});
