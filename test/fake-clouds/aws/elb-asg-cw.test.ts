import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand, paginateDescribeAutoScalingGroups } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, GetMetricDataCommand, paginateGetMetricData } from '@aws-sdk/client-cloudwatch';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { loadAwsWorld } from './load.js';
import { startFakeAws } from './server.js';
import type { FakeAws } from './server.js';
import { cliShape, fixture, normFixture, rawRequest, sdkConfig, SMALL_ACCOUNT, SMALL_WORLD } from './sdk-helpers.js';

const dir = `accounts/${SMALL_ACCOUNT}/regions/us-east-1`;
const TG_WEB = `arn:aws:elasticloadbalancing:us-east-1:${SMALL_ACCOUNT}:targetgroup/small-web-tg/6d0ecf831eec9f09`;
const TG_IDLE = `arn:aws:elasticloadbalancing:us-east-1:${SMALL_ACCOUNT}:targetgroup/small-idle-tg/943f017f100becff`;

function cpuQuery(id: string, instanceId: string, stat = 'Average', period = 3600): MetricDataQuery {
  return {
    Id: id,
    MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: instanceId }] }, Period: period, Stat: stat },
    ReturnData: true,
  };
}

describe('fake AWS: ELBv2, Auto Scaling (awsQuery) and CloudWatch (JSON 1.0)', () => {
  let fake: FakeAws;
  let elb: ElasticLoadBalancingV2Client;
  let asg: AutoScalingClient;
  let cw: CloudWatchClient;
  before(async () => {
    fake = await startFakeAws({ world: loadAwsWorld(SMALL_WORLD) });
    elb = new ElasticLoadBalancingV2Client(sdkConfig(fake));
    asg = new AutoScalingClient(sdkConfig(fake));
    cw = new CloudWatchClient(sdkConfig(fake));
  });
  after(async () => {
    elb.destroy();
    asg.destroy();
    cw.destroy();
    await fake.close();
  });

  it('DescribeLoadBalancers and DescribeTargetGroups page with Marker/NextMarker', async () => {
    const lbs = [];
    let pages = 0;
    for await (const p of paginateDescribeLoadBalancers({ client: elb }, {})) {
      pages++;
      lbs.push(...(p.LoadBalancers ?? []));
    }
    assert.equal(pages, 2);
    assert.deepEqual(cliShape({ LoadBalancers: lbs }), normFixture(fixture(SMALL_WORLD, `${dir}/elbv2/describe-load-balancers.json`)));
    const tgs = [];
    for await (const p of paginateDescribeTargetGroups({ client: elb }, {})) tgs.push(...(p.TargetGroups ?? []));
    assert.deepEqual(cliShape({ TargetGroups: tgs }), normFixture(fixture(SMALL_WORLD, `${dir}/elbv2/describe-target-groups.json`)));
    const byLb = await elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lbs[1]?.LoadBalancerArn ?? '' }));
    assert.deepEqual(byLb.TargetGroups?.map((t) => t.TargetGroupName), ['small-idle-tg']);
    const named = await elb.send(new DescribeLoadBalancersCommand({ Names: ['small-web-alb'] }));
    assert.equal(named.LoadBalancers?.length, 1);
  });

  it('DescribeTargetHealth per target group; unknown group is TargetGroupNotFound', async () => {
    const web = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: TG_WEB }));
    assert.deepEqual(cliShape(web), fixture(SMALL_WORLD, `${dir}/elbv2/target-health/small-web-tg.json`));
    const idle = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: TG_IDLE }));
    assert.deepEqual(idle.TargetHealthDescriptions ?? [], []);
    await assert.rejects(elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: TG_WEB.replace('small-web-tg', 'gone') })), (e: Error) => {
      assert.ok(e instanceof TargetGroupNotFoundException);
      assert.equal(e.$metadata.httpStatusCode, 400);
      return true;
    });
  });

  it('DescribeAutoScalingGroups pages with MaxRecords/NextToken', async () => {
    const groups = [];
    let pages = 0;
    for await (const p of paginateDescribeAutoScalingGroups({ client: asg }, {})) {
      pages++;
      groups.push(...(p.AutoScalingGroups ?? []));
    }
    assert.equal(pages, 2);
    assert.deepEqual(cliShape({ AutoScalingGroups: groups }), normFixture(fixture(SMALL_WORLD, `${dir}/autoscaling/describe-auto-scaling-groups.json`)));
    const one = await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['small-app-asg'] }));
    assert.deepEqual(one.AutoScalingGroups?.[0]?.Instances?.map((i) => i.InstanceId), ['i-0small00000000app1']);
  });

  it('GetMetricData returns the stored series (newest first), aggregates periods, pages datapoints', async () => {
    const metrics = fixture(SMALL_WORLD, `${dir}/cloudwatch/metrics.json`).Metrics as { Timestamps: string[]; Values: number[] }[];
    const app = metrics[0];
    assert.ok(app);
    const start = new Date('2026-11-19T00:00:00Z');
    const end = new Date('2026-11-20T00:00:00Z');
    const queries = [cpuQuery('app', 'i-0small00000000app1'), cpuQuery('webmax', 'i-0small000000000web', 'Maximum', 86400), cpuQuery('none', 'i-0000000000000none')];
    const results = new Map<string, { t: number[]; v: number[]; status: string[] }>();
    let pages = 0;
    for await (const page of paginateGetMetricData({ client: cw }, { MetricDataQueries: queries, StartTime: start, EndTime: end })) {
      pages++;
      for (const r of page.MetricDataResults ?? []) {
        const acc = results.get(r.Id ?? '') ?? { t: [], v: [], status: [] };
        acc.t.push(...(r.Timestamps ?? []).map((d) => d.getTime()));
        acc.v.push(...(r.Values ?? []));
        acc.status.push(r.StatusCode ?? '');
        results.set(r.Id ?? '', acc);
      }
    }
    assert.equal(pages, 2); // 24 + 1 datapoints, 20 per page forced by the world
    const appRes = results.get('app');
    assert.ok(appRes);
    assert.deepEqual(appRes.t, app.Timestamps.map((t) => Date.parse(t)).reverse());
    assert.deepEqual(appRes.v, [...app.Values].reverse());
    assert.deepEqual(appRes.status, ['PartialData', 'Complete']);
    assert.deepEqual(results.get('webmax')?.v, [88]); // daily maximum of the hourly maxima
    assert.deepEqual(results.get('none')?.v, []);
  });

  it('GetMetricData also answers the form-encoded awsQuery variant in XML', async () => {
    const q = 'MetricDataQueries.member.1.';
    const form = new URLSearchParams({
      Action: 'GetMetricData',
      Version: '2010-08-01',
      [`${q}Id`]: 'app',
      [`${q}MetricStat.Metric.Namespace`]: 'AWS/EC2',
      [`${q}MetricStat.Metric.MetricName`]: 'CPUUtilization',
      [`${q}MetricStat.Metric.Dimensions.member.1.Name`]: 'InstanceId',
      [`${q}MetricStat.Metric.Dimensions.member.1.Value`]: 'i-0small00000000app1',
      [`${q}MetricStat.Period`]: '86400', // the daily mean of the 24 hourly values
      [`${q}MetricStat.Stat`]: 'Average',
      StartTime: '2026-11-19T00:00:00Z',
      EndTime: '2026-11-20T00:00:00Z',
    });
    const res = await rawRequest(fake, {
      method: 'POST',
      path: '/',
      scope: 'us-east-1/monitoring',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString(),
    });
    assert.equal(res.status, 200);
    assert.match(res.body, /^<GetMetricDataResponse xmlns="http:\/\/monitoring\.amazonaws\.com\/doc\/2010-08-01\/"><GetMetricDataResult>/);
    assert.match(res.body, /<Timestamps><member>2026-11-19T00:00:00\.000Z<\/member><\/Timestamps><Values><member>1\.4791666666666667<\/member><\/Values>/);
  });

  it('GetMetricData rejects more than 500 queries', async () => {
    const queries = Array.from({ length: 501 }, (_, i) => cpuQuery(`q${i}`, 'i-0small00000000app1'));
    await assert.rejects(cw.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date('2026-11-19T00:00:00Z'), EndTime: new Date('2026-11-20T00:00:00Z') })), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(e.$metadata?.httpStatusCode, 400);
      return true;
    });
  });
});
