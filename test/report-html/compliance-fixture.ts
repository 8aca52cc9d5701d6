/**
 * A hand-built policy/framework set whose compliance outcome is known in advance:
 * - acme-baseline 1.2: its policy has an open finding → fail;
 * - acme-baseline 1.9: its policy ran and found nothing → pass;
 * - acme-baseline 1.10: an AWS IAM read was denied and its policy checks IAM users → not evaluated;
 * - acme-baseline 2 / acme-extra C: the only finding is suppressed → pass;
 * - acme-extra A: its policy failed to evaluate → not evaluated;
 * - acme-extra B: two policies, one with an open finding → fail.
 * A GCP storage error touches none of these (no GCP or storage policy).
 */
import type { Results } from '../../src/results/schema.js';
import { ACCOUNTS, assemble, makeFinding, policy } from './fixtures.js';

export const EXPECTED_CONTROLS: Record<string, 'fail' | 'pass' | 'not-evaluated'> = {
  'acme-baseline 1.2': 'fail',
  'acme-baseline 1.9': 'pass',
  'acme-baseline 1.10': 'not-evaluated',
  'acme-baseline 2': 'pass',
  'acme-extra A': 'not-evaluated',
  'acme-extra B': 'fail',
  'acme-extra C': 'pass',
};

export function complianceFixture(): Results {
  const aws = ACCOUNTS[0] as (typeof ACCOUNTS)[number];
  const policies = [
    policy('acme.s3.public', 'Public bucket', 'high', 'aws', ['storage.bucket'], [{ framework: 'acme-baseline', controls: ['1.2'] }, { framework: 'acme-extra', controls: ['B'] }], ['Close it.']),
    policy('acme.ebs.unencrypted', 'Unencrypted disk', 'low', 'aws', ['compute.disk'], [{ framework: 'acme-baseline', controls: ['1.9'] }, { framework: 'acme-extra', controls: ['B'] }], ['Encrypt it.']),
    policy('acme.iam.no_mfa', 'User without MFA', 'medium', 'aws', ['iam.user'], [{ framework: 'acme-baseline', controls: ['1.10'] }], ['Enable MFA.']),
    policy('acme.net.open_port', 'Open admin port', 'critical', 'common', ['network.firewall'], [{ framework: 'acme-baseline', controls: ['2'] }, { framework: 'acme-extra', controls: ['C'] }], ['Close it.']),
    policy('acme.trail.off', 'No trail', 'high', 'aws', ['account'], [{ framework: 'acme-extra', controls: ['A'] }], ['Create a trail.']),
  ];
  const base = { at: aws, resourceKind: null, evidence: null } as const;
  const findings = [
    makeFinding({ ...base, policyId: 'acme.s3.public', resourceId: 'arn:aws:s3:::open', resourceName: 'open', message: 'open' }, policies),
    makeFinding(
      {
        ...base,
        policyId: 'acme.net.open_port',
        resourceId: 'arn:aws:ec2:us-east-1:111111111111:security-group/sg-1',
        resourceName: 'sg-1',
        message: 'port 22',
        suppressed: { reason: 'bastion', owner: null, expires: null, source: 'ignore.yaml:1' },
      },
      policies,
    ),
  ];
  return assemble(
    policies,
    findings,
    [],
    [
      { provider: 'aws', account: aws.account, region: 'global', service: 'iam', operation: 'ListUsers', status: 'denied', calls: 1, message: 'AccessDenied' },
      { provider: 'aws', account: aws.account, region: 'us-east-1', service: 'ec2', operation: 'DescribeVolumes', status: 'ok', calls: 2, message: null },
      { provider: 'gcp', account: 'prod-analytics', region: 'global', service: 'storage', operation: 'buckets.list', status: 'error', calls: 1, message: 'UNAVAILABLE' },
    ],
    null,
    [{ policyId: 'acme.trail.off', rule: 'data.acme.trail.off.deny', message: 'eval_type_error' }],
  );
}
