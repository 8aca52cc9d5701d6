/**
 * SDK v3 clients for one account. Every client is built with `maxAttempts: 1`: retries belong to
 * `ctx.call` alone (one backoff policy, every attempt counted in CallStats and coverage, a
 * limiter slot never held while a retry waits). Endpoints: `endpoint` when given, else whatever
 * the SDK resolves (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, `endpoint_url` in the profile).
 *
 * The HTTP agents resolve `localhost` and `*.localhost` to 127.0.0.1 (RFC 6761), so that host
 * prefixes the SDK adds (`{AccountId}.` for S3 Control, `{Bucket}.` for virtual-hosted S3) work
 * against a local endpoint such as `http://localhost:4566`; every other name goes to DNS as usual.
 */
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { STSClient } from '@aws-sdk/client-sts';
import { lookup as dnsLookup } from 'node:dns';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AwsOptions, AwsStaticCredentials } from './options.js';

/** Credentials as the SDK takes them: static, or a provider function. */
export type AwsCredentialsInput =
  | AwsStaticCredentials
  | (() => Promise<AwsStaticCredentials & { expiration?: Date }>);

const localhostLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
    return;
  }
  dnsLookup(hostname, options, callback);
};

/** The clients of one account, created on first use per region and destroyed together. */
export class AwsClients {
  private readonly cache = new Map<string, { destroy(): void }>();
  private readonly httpAgent = new HttpAgent({ keepAlive: true, lookup: localhostLookup } as ConstructorParameters<typeof HttpAgent>[0]);
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, lookup: localhostLookup } as ConstructorParameters<typeof HttpsAgent>[0]);

  constructor(
    private readonly options: AwsOptions,
    /** Home region: global services (IAM, Cost Explorer, Organizations, S3 Control) are signed for it. */
    readonly homeRegion: string,
    private readonly credentials: AwsCredentialsInput | undefined,
  ) {}

  private base(region: string) {
    return {
      region,
      maxAttempts: 1,
      ...(this.options.endpoint !== undefined ? { endpoint: this.options.endpoint } : {}),
      ...(this.credentials !== undefined ? { credentials: this.credentials } : this.options.profile !== undefined ? { profile: this.options.profile } : {}),
      requestHandler: { httpAgent: this.httpAgent, httpsAgent: this.httpsAgent },
    };
  }

  private get<C extends { destroy(): void }>(key: string, make: () => C): C {
    let c = this.cache.get(key) as C | undefined;
    if (!c) this.cache.set(key, (c = make()));
    return c;
  }

  sts(region = this.homeRegion): STSClient {
    return this.get(`sts:${region}`, () => new STSClient(this.base(region)));
  }
  iam(): IAMClient {
    return this.get('iam', () => new IAMClient(this.base(this.homeRegion)));
  }
  organizations(): OrganizationsClient {
    return this.get('organizations', () => new OrganizationsClient(this.base(this.homeRegion)));
  }
  ce(): CostExplorerClient {
    // Cost Explorer has one endpoint, in us-east-1.
    return this.get('ce', () => new CostExplorerClient(this.base('us-east-1')));
  }
  s3(region: string): S3Client {
    return this.get(`s3:${region}`, () => new S3Client({ ...this.base(region), forcePathStyle: this.options.s3ForcePathStyle === true, followRegionRedirects: false }));
  }
  s3control(): S3ControlClient {
    return this.get('s3control', () => new S3ControlClient(this.base(this.homeRegion)));
  }
  ec2(region: string): EC2Client {
    return this.get(`ec2:${region}`, () => new EC2Client(this.base(region)));
  }
  elbv2(region: string): ElasticLoadBalancingV2Client {
    return this.get(`elbv2:${region}`, () => new ElasticLoadBalancingV2Client(this.base(region)));
  }
  autoscaling(region: string): AutoScalingClient {
    return this.get(`autoscaling:${region}`, () => new AutoScalingClient(this.base(region)));
  }
  cloudwatch(region: string): CloudWatchClient {
    return this.get(`cloudwatch:${region}`, () => new CloudWatchClient(this.base(region)));
  }

  destroy(): void {
    for (const c of this.cache.values()) c.destroy();
    this.cache.clear();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
