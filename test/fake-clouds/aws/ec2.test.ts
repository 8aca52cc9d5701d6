import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeNatGatewaysCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSpotPriceHistoryCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  EC2ServiceException,
  paginateDescribeInstances,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
} from '@aws-sdk/client-ec2';
import { loadAwsWorld } from './load.js';
import { startFakeAws } from './server.js';
import type { FakeAws } from './server.js';
import { cliShape, fixture, normFixture, sdkConfig, SMALL_ACCOUNT, SMALL_WORLD } from './sdk-helpers.js';

const ec2Dir = (region: string): string => `accounts/${SMALL_ACCOUNT}/regions/${region}/ec2`;
const expected = (region: string, file: string): unknown => normFixture(fixture(SMALL_WORLD, `${ec2Dir(region)}/${file}`));

describe('fake AWS: EC2 (EC2 query protocol)', () => {
  let fake: FakeAws;
  let ec2: EC2Client;
  let ec2eu: EC2Client;
  before(async () => {
    fake = await startFakeAws({ world: loadAwsWorld(SMALL_WORLD) });
    ec2 = new EC2Client(sdkConfig(fake));
    ec2eu = new EC2Client(sdkConfig(fake, { region: 'eu-west-1' }));
  });
  after(async () => {
    ec2.destroy();
    ec2eu.destroy();
    await fake.close();
  });

  it('DescribeRegions lists the enabled regions', async () => {
    const out = await ec2.send(new DescribeRegionsCommand({}));
    assert.deepEqual(cliShape(out), {
      Regions: ['us-east-1', 'eu-west-1'].map((r) => ({ RegionName: r, Endpoint: `ec2.${r}.amazonaws.com`, OptInStatus: 'opt-in-not-required' })),
    });
  });

  it('DescribeInstances: paginator returns every reservation and instance across pages, per region', async () => {
    let pages = 0;
    const instances: unknown[] = [];
    const reservationIds: string[] = [];
    for await (const page of paginateDescribeInstances({ client: ec2 }, {})) {
      pages++;
      for (const r of page.Reservations ?? []) {
        reservationIds.push(r.ReservationId ?? '');
        instances.push(...(r.Instances ?? []));
      }
    }
    assert.equal(pages, 2); // three instances, page size 2: reservation r-…01 fits, r-…02 on page 2
    const fx = expected('us-east-1', 'describe-instances.json') as { Reservations: { Instances: unknown[] }[] };
    assert.deepEqual(cliShape(instances), fx.Reservations.flatMap((r) => r.Instances));
    assert.deepEqual(reservationIds, ['r-0small00000000001', 'r-0small00000000002']);
    const eu = await ec2eu.send(new DescribeInstancesCommand({}));
    assert.deepEqual(cliShape(eu), expected('eu-west-1', 'describe-instances.json'));
  });

  it('DescribeInstances: a page boundary inside a reservation repeats the reservation', async () => {
    const first = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5, Filters: [{ Name: 'instance-state-name', Values: ['running'] }] }));
    assert.deepEqual(first.Reservations?.flatMap((r) => r.Instances?.map((i) => i.InstanceId)), ['i-0small000000000web', 'i-0small00000000app1']);
    const byId = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0small00000000old1'] }));
    assert.equal(byId.Reservations?.[0]?.Instances?.[0]?.StateTransitionReason, 'User initiated (2026-05-02 14:00:00 GMT)');
    await assert.rejects(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0000000000000dead'] })), (e: Error) => {
      assert.ok(e instanceof EC2ServiceException);
      assert.equal(e.name, 'InvalidInstanceID.NotFound');
      assert.equal(e.$metadata.httpStatusCode, 400);
      return true;
    });
  });

  it('DescribeInstanceAttribute userData is base64', async () => {
    const out = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: 'i-0small000000000web', Attribute: 'userData' }));
    assert.deepEqual(cliShape(out), expected('us-east-1', 'user-data/i-0small000000000web.json'));
    assert.match(Buffer.from(out.UserData?.Value ?? '', 'base64').toString('utf8'), /nginx/);
    const none = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: 'i-0small00000000app1', Attribute: 'userData' }));
    assert.equal(none.UserData?.Value, undefined);
  });

  it('DescribeVolumes and DescribeSnapshots (OwnerIds=self) page through all items', async () => {
    const volumes = [];
    for await (const p of paginateDescribeVolumes({ client: ec2 }, {})) volumes.push(...(p.Volumes ?? []));
    assert.deepEqual(cliShape({ Volumes: volumes }), expected('us-east-1', 'describe-volumes.json'));
    const snapshots = [];
    let pages = 0;
    for await (const p of paginateDescribeSnapshots({ client: ec2 }, { OwnerIds: ['self'] })) {
      pages++;
      snapshots.push(...(p.Snapshots ?? []));
    }
    assert.equal(pages, 2);
    assert.deepEqual(cliShape({ Snapshots: snapshots }), expected('us-east-1', 'describe-snapshots.json'));
    const one = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], SnapshotIds: ['snap-0small0000000base'] }));
    assert.deepEqual(one.Snapshots?.map((x) => x.SnapshotId), ['snap-0small0000000base']);
    const gp2 = await ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'volume-type', Values: ['gp2'] }] }));
    assert.deepEqual(gp2.Volumes?.map((v) => v.VolumeId), ['vol-0small0000orphan1']);
  });

  it('the other Describe operations return exactly their fixture documents', async () => {
    const cases: [string, () => Promise<unknown>][] = [
      ['describe-images.json', () => ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))],
      ['describe-security-groups.json', () => ec2.send(new DescribeSecurityGroupsCommand({}))],
      ['describe-addresses.json', () => ec2.send(new DescribeAddressesCommand({}))],
      ['describe-nat-gateways.json', () => ec2.send(new DescribeNatGatewaysCommand({}))],
      ['describe-vpcs.json', () => ec2.send(new DescribeVpcsCommand({}))],
      ['describe-subnets.json', () => ec2.send(new DescribeSubnetsCommand({}))],
      ['describe-launch-templates.json', () => ec2.send(new DescribeLaunchTemplatesCommand({}))],
      ['describe-launch-template-versions.json', () => ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: 'lt-0small00000000001' }))],
      ['describe-spot-price-history.json', () => ec2.send(new DescribeSpotPriceHistoryCommand({}))],
    ];
    for (const [file, call] of cases) assert.deepEqual(cliShape(await call()), expected('us-east-1', file), file);
  });

  it('DescribeLaunchTemplateVersions selects $Latest / $Default and exposes user data', async () => {
    const latest = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'small-app', Versions: ['$Latest'] }));
    assert.deepEqual(latest.LaunchTemplateVersions?.map((v) => v.VersionNumber), [2]);
    const def = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: 'lt-0small00000000001', Versions: ['$Default'] }));
    const ud = def.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.UserData ?? '';
    assert.equal(Buffer.from(ud, 'base64').toString('utf8'), '#!/bin/bash\necho v1\n');
  });

  it('an empty region answers with empty lists', async () => {
    const vols = await ec2eu.send(new DescribeVolumesCommand({}));
    assert.deepEqual(vols.Volumes ?? [], []);
  });
});
