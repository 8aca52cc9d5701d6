/**
 * The AWS provider: one target per account (the credentials' account, plus organization members
 * through AssumeRole), one collector per service, a pure link step for joins and edges, and an
 * offline importer for folders of AWS CLI JSON outputs, through the same transforms.
 *
 * Ids are ARNs (built where the API gives none): see README.md.
 */
import type { GraphFragment, ProviderModule } from '../types.js';
import { autoscaling } from './autoscaling.js';
import { ce, isEgressUsageType } from './ce.js';
import { cloudwatch } from './cloudwatch.js';
import { ec2 } from './ec2.js';
import { elbv2 } from './elbv2.js';
import { classifyAwsError } from './errors.js';
import { iam } from './iam.js';
import { importAwsCliJson } from './import.js';
import type { AwsImportOptions } from './import.js';
import { linkAws } from './link.js';
import { minimalPolicy } from './permissions.js';
import type { IamPolicyDocument } from './permissions.js';
import type { AwsOptions, AwsOrganizationOptions, AwsStaticCredentials, AwsTarget } from './options.js';
import { resolveAwsTargets } from './resolve.js';
import { s3 } from './s3.js';
import { setCollectorCount } from './session.js';
import { sts } from './sts.js';

export type { AwsImportOptions, AwsOptions, AwsOrganizationOptions, AwsStaticCredentials, AwsTarget, IamPolicyDocument };
export { importAwsCliJson, isEgressUsageType };

const collectors = [autoscaling, ce, cloudwatch, ec2, elbv2, iam, s3, sts] as const;
setCollectorCount(collectors.length);

export const awsProvider: ProviderModule<AwsOptions, AwsTarget> = {
  provider: 'aws',
  description: 'AWS accounts (one, a list, or an organization) through the SDK v3: IAM, S3, EC2, ELBv2, Auto Scaling, CloudWatch, Cost Explorer',
  resolveTargets: resolveAwsTargets,
  classifyError: classifyAwsError,
  collectors,
  link: (fragment: GraphFragment): GraphFragment => linkAws(fragment),
};

/** The minimal read-only IAM policy for every AWS collector (the README shows it). */
export function awsMinimalPolicy(): IamPolicyDocument {
  return minimalPolicy(collectors);
}
