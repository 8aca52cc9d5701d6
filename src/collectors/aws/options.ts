/** The AWS provider's options and target. */
import type { TargetBase } from '../types.js';

/** Static credentials (tests, or credentials obtained elsewhere). Normally the standard chain is used. */
export interface AwsStaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsOrganizationOptions {
  /** Role to assume in each member account, e.g. `OrganizationAccountAccessRole` or a read-only audit role. */
  roleName: string;
  externalId?: string;
  /** Member account ids to scan; default: every ACTIVE account of the organization (Organizations ListAccounts). */
  accounts?: string[];
}

export interface AwsOptions {
  /** Shared-config profile; default: the standard chain (env, SSO, web identity, instance role …). */
  profile?: string;
  /** Home region (STS, IAM, Cost Explorer, DescribeRegions); default: the chain's region, else us-east-1. */
  region?: string;
  /** Regions to scan (allow-list); default: every region enabled in the account. Buckets outside it are skipped. */
  regions?: string[];
  /** Scan the management account and its members through AssumeRole. */
  organization?: AwsOrganizationOptions;
  /** S3 path-style addressing (LocalStack, MinIO-like endpoints). */
  s3ForcePathStyle?: boolean;
  /** One endpoint for every service (LocalStack, the test fake). Default: the SDK's (AWS_ENDPOINT_URL* and endpoint_url still apply). */
  endpoint?: string;
  /** Static credentials; tests only. */
  credentials?: AwsStaticCredentials;
  /** Cost Explorer GetCostAndUsage (costs $0.01 per request on AWS). Default true. */
  collectCosts?: boolean;
  /** EC2 DescribeSpotPriceHistory for the instance types seen. Default false. */
  collectSpotPrices?: boolean;
  /** CloudWatch utilization window in days. Default 14. */
  metricsDays?: number;
  /** Clock for the collection time (key ages, metric and cost windows); tests only. */
  now?: () => Date;
}

/** One AWS account to scan. */
export interface AwsTarget extends TargetBase {
  provider: 'aws';
  /** Home region: the target's `region` label. */
  region: string;
  /** Role to assume into this account; absent for the account of the base credentials. */
  assumeRoleArn: string | null;
  externalId: string | null;
  /** Account name from Organizations, when known. */
  accountName: string | null;
  /** Management account id, for member accounts of an organization. */
  organizationManagementAccount: string | null;
  options: AwsOptions;
}

export const DEFAULT_METRICS_DAYS = 14;
