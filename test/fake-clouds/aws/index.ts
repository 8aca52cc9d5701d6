// The fake AWS: world model and loader, generator, server, and client support.
export { loadAwsWorld } from './load.js';
export { emptyAccount, emptyRegion } from './model.js';
export type {
  AwsAccountState,
  AwsEc2State,
  AwsElbv2State,
  AwsIamState,
  AwsIdentity,
  AwsRegionState,
  AwsS3Bucket,
  AwsS3State,
  AwsWorld,
  CliJson,
  IamAuthorizationDetails,
  MetricSeries,
  PolicyDocument,
} from './model.js';
export { generateAwsOrgWorld, generateAwsWorld, GENERATED_IDENTITY } from './generate.js';
export type { GenerateOptions, GenerateOrgOptions } from './generate.js';
export { startFakeAws } from './server.js';
export type { FakeAws, FakeAwsOptions, FaultRule } from './server.js';
export { localhostRequestHandler } from './client-support.js';
export type { LocalhostHandler } from './client-support.js';
