/** A small results document full of hostile strings, valid against the results schema. */
import type { CoverageRow } from '../../src/graph/schema.js';
import { summarize } from '../../src/results/build-results.js';
import type { Finding, PolicyInfo, Results, Saving } from '../../src/results/schema.js';
import { RESULTS_SCHEMA_VERSION } from '../../src/results/schema.js';

export const HOSTILE = {
  formula: "=cmd|' /C calc'!A0",
  plus: '+1+2',
  minus: '-2+3',
  at: '@SUM(1,2)',
  tab: '\tleading tab',
  cr: '\rleading cr',
  quotes: 'a "quoted", value',
  newlines: 'line1\nline2\r\nline3',
  script: '<script>alert(1)</script>',
  control: 'bell\u0007 esc\u001b[31m nul\u0000 end',
  rtl: 'invoice\u202Egpj.exe\u202C',
  emoji: 'fire 🔥 boom 💥',
  markdown: 'pipe | `tick` *bold* [link](http://x) _u_',
} as const;

export function policy(id: string, over: Partial<PolicyInfo> = {}): PolicyInfo {
  const [provider = 'aws'] = id.split('.');
  return {
    id,
    title: `Title of ${id}`,
    description: `Description of ${id}`,
    severity: 'high',
    resourceKinds: ['storage.bucket'],
    provider: provider as PolicyInfo['provider'],
    recommendedActions: ['Do the right thing.'],
    frameworks: [{ framework: 'cis-aws-3.0', controls: ['2.1.4'] }],
    file: `${id.replace(/\./g, '/')}.rego`,
    package: `data.cloudwarden.${id}`,
    ...over,
  };
}

export function finding(policyId: string, resourceId: string, over: Partial<Finding> = {}): Finding {
  return {
    fingerprint: `fp-${policyId}-${resourceId}`.replace(/[^a-z0-9-]/gi, '').slice(0, 60),
    policyId,
    title: `Title of ${policyId}`,
    severity: 'high',
    message: `problem on ${resourceId}`,
    resourceId,
    resourceKind: 'storage.bucket',
    resourceName: resourceId.split(':').pop() ?? resourceId,
    provider: 'aws',
    account: '123456789012',
    region: 'eu-west-1',
    discriminator: null,
    evidence: { note: 'x' },
    path: null,
    frameworks: [{ framework: 'cis-aws-3.0', controls: ['2.1.4'] }],
    recommendedActions: ['Do the right thing.'],
    suppressed: null,
    baseline: null,
    firstSeen: null,
    ...over,
  };
}

export function saving(resourceId: string, monthlySavings: number | null, over: Partial<Saving> = {}): Saving {
  return {
    fingerprint: `sv-${resourceId}`.replace(/[^a-z0-9-]/gi, '').slice(0, 60),
    ruleId: 'disk_unattached',
    resourceId,
    resourceKind: 'compute.disk',
    resourceName: resourceId,
    provider: 'aws',
    account: '123456789012',
    region: 'eu-west-1',
    service: 'EC2',
    tags: { team: 'web' },
    owner: 'web@example.com',
    recommendation: 'Delete the unattached disk',
    monthlyCost: monthlySavings,
    monthlySavings,
    currency: 'USD',
    confidence: 'high',
    pricingSource: 'catalog:aws:2025-04-04',
    evidence: null,
    ...over,
  };
}

export function coverage(over: Partial<CoverageRow> = {}): CoverageRow {
  return { provider: 'aws', account: '123456789012', region: 'eu-west-1', service: 's3', operation: 'ListBuckets', status: 'ok', calls: 1, resource: null, message: null, ...over };
}

export function makeResults(parts: { policies?: PolicyInfo[]; findings?: Finding[]; savings?: Saving[]; coverage?: CoverageRow[]; policyErrors?: Results['policyErrors'] } = {}): Results {
  const policies = parts.policies ?? [policy('aws.s3.bucket_public_acl'), policy('aws.ec2.open_port', { severity: 'medium', resourceKinds: ['network.firewall'] })];
  const findings = parts.findings ?? [];
  const savings = parts.savings ?? [];
  const cov = parts.coverage ?? [coverage()];
  const base = { policies, findings, savings, coverage: cov };
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'cloudwarden', version: '0.1.0' },
    generatedAt: '2026-11-25T10:00:00.000Z',
    snapshot: { startedAt: '2026-11-25T09:59:00.000Z', finishedAt: '2026-11-25T09:59:30.000Z', scope: { providers: ['aws'], accounts: ['123456789012'], regions: ['eu-west-1'] }, resources: 10 },
    policies,
    findings,
    savings,
    coverage: cov,
    pricingCatalog: null,
    summary: summarize(base, 10),
    resolved: null,
    policyErrors: parts.policyErrors ?? [],
  };
}

/** Findings and savings whose every text field is hostile. */
export function hostileResults(): Results {
  const values = Object.values(HOSTILE);
  const findings = values.map((text, i) =>
    finding('aws.s3.bucket_public_acl', `arn:aws:s3:::bucket-${i}`, {
      fingerprint: `fp${String(i).padStart(4, '0')}`,
      message: text,
      title: text,
      resourceName: text,
      account: i % 2 ? text : '123456789012',
      severity: (['critical', 'high', 'medium', 'low', 'info'] as const)[i % 5],
    }),
  );
  const savings = values.map((text, i) => saving(`vol-${i}`, i * 10.005 + 1000, { fingerprint: `sv${i}`, recommendation: text, resourceName: text, tags: { note: text, 'k"ey': text }, owner: text }));
  return makeResults({ policies: [policy('aws.s3.bucket_public_acl', { title: HOSTILE.script, description: HOSTILE.newlines, recommendedActions: [HOSTILE.formula, HOSTILE.emoji] }), policy('aws.ec2.open_port')], findings, savings });
}
