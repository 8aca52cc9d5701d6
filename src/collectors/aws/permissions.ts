/** The minimal read-only IAM policy for the AWS collectors, derived from their declared permissions. */
import type { RegisteredCollector } from '../types.js';
import type { AwsTarget } from './options.js';

export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
}

/** Every action the collectors declare, sorted and de-duplicated, as one Allow statement. */
export function minimalPolicy(collectors: readonly RegisteredCollector<AwsTarget>[]): IamPolicyDocument {
  const actions = [...new Set(collectors.flatMap((c) => c.permissions.map((p) => p.action)))].sort();
  return { Version: '2012-10-17', Statement: [{ Sid: 'CloudwardenReadOnly', Effect: 'Allow', Action: actions, Resource: '*' }] };
}
