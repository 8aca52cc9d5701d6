import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CredentialReportNotPresentException,
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListAccessKeysCommand,
  NoSuchEntityException,
  paginateGetAccountAuthorizationDetails,
  paginateListAccessKeys,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadAwsWorld } from './load.js';
import { startFakeAws } from './server.js';
import type { FakeAws } from './server.js';
import { cliShape, fixture, normFixture, sdkConfig, SMALL_ACCOUNT, SMALL_WORLD } from './sdk-helpers.js';

const acct = `accounts/${SMALL_ACCOUNT}`;

describe('fake AWS: IAM (awsQuery)', () => {
  let fake: FakeAws;
  let iam: IAMClient;
  before(async () => {
    fake = await startFakeAws({ world: loadAwsWorld(SMALL_WORLD) });
    iam = new IAMClient(sdkConfig(fake));
  });
  after(async () => {
    iam.destroy();
    await fake.close();
  });

  it('GetAccountAuthorizationDetails pages with MaxItems/Marker/IsTruncated and URL-encoded documents', async () => {
    const first = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    assert.equal(first.IsTruncated, true);
    assert.ok(first.Marker);
    const doc = first.RoleDetailList?.[0]?.AssumeRolePolicyDocument ?? first.UserDetailList?.[1]?.UserPolicyList?.[0]?.PolicyDocument;
    assert.match(doc ?? '', /^%7B%22Version%22/);
    const merged: Record<string, unknown[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
    let pages = 0;
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam }, {})) {
      pages++;
      for (const k of Object.keys(merged)) merged[k]?.push(...((cliShape(page) as Record<string, unknown[]>)[k] ?? []));
    }
    assert.equal(pages, 3); // 9 entries, page size 3 forced by the world
    const expected = normFixture(fixture(SMALL_WORLD, `${acct}/iam/get-account-authorization-details.json`));
    assert.deepEqual(merged, expected);
  });

  it('GetAccountAuthorizationDetails honours Filter', async () => {
    const out = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'], MaxItems: 10 }));
    assert.deepEqual(out.RoleDetailList?.map((r) => r.RoleName), ['app-role', 'ci-role', 'audit-role']);
    assert.deepEqual(out.UserDetailList, []);
    assert.equal(out.IsTruncated, false);
  });

  it('ListAccessKeys pages and defaults to the caller', async () => {
    const keys = [];
    for await (const page of paginateListAccessKeys({ client: iam }, { UserName: 'alice' })) keys.push(...(page.AccessKeyMetadata ?? []));
    assert.deepEqual(cliShape(keys), (normFixture(fixture(SMALL_WORLD, `${acct}/iam/access-keys/alice.json`)) as Record<string, unknown>).AccessKeyMetadata);
    const own = await iam.send(new ListAccessKeysCommand({}));
    assert.equal(own.AccessKeyMetadata?.[0]?.UserName, 'scanner');
    const none = await iam.send(new ListAccessKeysCommand({ UserName: 'bob' }));
    assert.deepEqual(none.AccessKeyMetadata ?? [], []);
    await assert.rejects(iam.send(new ListAccessKeysCommand({ UserName: 'nobody' })), (e: Error) => {
      assert.ok(e instanceof NoSuchEntityException);
      assert.equal((e as NoSuchEntityException).$metadata.httpStatusCode, 404);
      return true;
    });
  });

  it('GetAccessKeyLastUsed returns the stored answer or N/A for never-used keys', async () => {
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIASMALLALICEKEY001' }));
    assert.deepEqual(cliShape(used), normFixture(fixture(SMALL_WORLD, `${acct}/iam/access-key-last-used/AKIASMALLALICEKEY001.json`)));
    const never = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIASMALLALICEKEY002' }));
    assert.deepEqual(cliShape(never), { UserName: 'alice', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
  });

  it('credential report: ReportNotPresent, then Generate (STARTED, COMPLETE), then base64 CSV', async () => {
    await assert.rejects(iam.send(new GetCredentialReportCommand({})), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      // Wire code ReportNotPresent (HTTP 410) is modelled as CredentialReportNotPresentException.
      assert.ok(e instanceof CredentialReportNotPresentException);
      assert.equal(e.name, 'CredentialReportNotPresentException');
      assert.equal(e.$metadata?.httpStatusCode, 410);
      return true;
    });
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE');
    const report = await iam.send(new GetCredentialReportCommand({}));
    assert.equal(report.ReportFormat, 'text/csv');
    const csv = Buffer.from(report.Content ?? new Uint8Array()).toString('utf8');
    const { readFileSync } = await import('node:fs');
    assert.equal(csv, readFileSync(`${SMALL_WORLD}/${acct}/iam/credential-report.csv`, 'utf8'));
  });

  it('GetAccountSummary (map) and GetAccountPasswordPolicy', async () => {
    const summary = await iam.send(new GetAccountSummaryCommand({}));
    assert.deepEqual(cliShape(summary), fixture(SMALL_WORLD, `${acct}/iam/get-account-summary.json`));
    const pp = await iam.send(new GetAccountPasswordPolicyCommand({}));
    assert.deepEqual(cliShape(pp), fixture(SMALL_WORLD, `${acct}/iam/get-account-password-policy.json`));
  });

  it('GetAccountPasswordPolicy is NoSuchEntity (404) without a policy', async () => {
    const world = loadAwsWorld(SMALL_WORLD);
    const a = world.accounts[SMALL_ACCOUNT];
    assert.ok(a);
    delete a.iam.passwordPolicy;
    const f2 = await startFakeAws({ world });
    const c = new IAMClient(sdkConfig(f2));
    try {
      await assert.rejects(c.send(new GetAccountPasswordPolicyCommand({})), (e: Error) => {
        assert.ok(e instanceof NoSuchEntityException);
        assert.match(e.message, /Password Policy with domain name 123456789012/);
        return true;
      });
    } finally {
      c.destroy();
      await f2.close();
    }
  });
});

describe('fake AWS: STS', () => {
  let fake: FakeAws;
  let sts: STSClient;
  before(async () => {
    fake = await startFakeAws({ world: loadAwsWorld(SMALL_WORLD) });
    sts = new STSClient(sdkConfig(fake));
  });
  after(async () => {
    sts.destroy();
    await fake.close();
  });

  it('GetCallerIdentity resolves the access key id', async () => {
    const id = await sts.send(new GetCallerIdentityCommand({}));
    assert.deepEqual(cliShape(id), { UserId: 'AIDASMALLSCANNER0001', Account: SMALL_ACCOUNT, Arn: `arn:aws:iam::${SMALL_ACCOUNT}:user/scanner` });
  });

  it('AssumeRole issues session credentials that identify as the assumed role', async () => {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SMALL_ACCOUNT}:role/audit-role`, RoleSessionName: 'cloudwarden' }));
    const c = out.Credentials;
    assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken && c.Expiration instanceof Date);
    const assumed = new STSClient(sdkConfig(fake, { credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken } }));
    try {
      const id = await assumed.send(new GetCallerIdentityCommand({}));
      assert.equal(id.Arn, `arn:aws:sts::${SMALL_ACCOUNT}:assumed-role/audit-role/cloudwarden`);
      assert.equal(id.UserId, 'AROASMALLAUDITROLE01:cloudwarden');
    } finally {
      assumed.destroy();
    }
  });

  it('AssumeRole is AccessDenied when the trust policy does not name the caller or the ExternalId is wrong', async () => {
    for (const input of [
      { RoleArn: `arn:aws:iam::${SMALL_ACCOUNT}:role/ci-role`, RoleSessionName: 'scan', ExternalId: 'small-ext-42' },
      { RoleArn: `arn:aws:iam::${SMALL_ACCOUNT}:role/app-role`, RoleSessionName: 'scan' },
      { RoleArn: `arn:aws:iam::${SMALL_ACCOUNT}:role/missing`, RoleSessionName: 'scan' },
    ]) {
      await assert.rejects(sts.send(new AssumeRoleCommand(input)), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'AccessDenied');
        assert.equal(e.$metadata?.httpStatusCode, 403);
        return true;
      });
    }
  });

  it('rejects unknown access keys as InvalidClientTokenId', async () => {
    const bad = new STSClient(sdkConfig(fake, { credentials: { accessKeyId: 'AKIANOTAREALKEY00000', secretAccessKey: 'x' } }));
    try {
      await assert.rejects(bad.send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
    } finally {
      bad.destroy();
    }
  });
});
