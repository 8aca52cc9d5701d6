import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { sarifChunks, writeSarif } from '../../src/report/sarif.js';
import { coverage, finding, hostileResults, makeResults, policy } from './fixtures.js';

/**
 * The SARIF 2.1.0 schema (final, "rtm.5") as shipped by Microsoft's @microsoft/jest-sarif package
 * (MIT; dev dependency). It is a draft-04 schema: ajv 8 reads it without `$schema`/`id`, and its
 * language-tag pattern needs non-unicode regular expressions.
 */
function sarifValidator(): ValidateFunction {
  const require = createRequire(import.meta.url);
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  assert.match(String(schema.title), /SARIF\) Version 2\.1\.0/);
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'http://base.example/') && !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /T/.test(s));
  return ajv.compile(schema);
}

const validate = sarifValidator();

function check(text: string): Log {
  const log = JSON.parse(text) as Log;
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
  return log;
}

test('the validator rejects what the schema forbids (it is really checking)', () => {
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
});

test('SARIF from hostile results is valid SARIF 2.1.0', () => {
  const log = check(writeSarif(hostileResults()));
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs[0]?.results?.length, hostileResults().findings.length);
});

test('SARIF is written a result at a time, laid out exactly as JSON.stringify with two spaces', () => {
  const results = hostileResults();
  const chunks = [...sarifChunks(results)];
  assert.ok(chunks.length > results.findings.length, 'a piece per result at least');
  const text = chunks.join('');
  assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
});

test('rules carry policy metadata, security-severity as a number string, problem.severity and tags', () => {
  const results = makeResults({
    policies: (['critical', 'high', 'medium', 'low', 'info'] as const).map((s) => policy(`aws.s3.check_${s}`, { severity: s })),
  });
  const log = check(writeSarif(results));
  const rules = log.runs[0]?.tool.driver.rules ?? [];
  const bySev = new Map(rules.map((r: ReportingDescriptor) => [r.id, r]));
  const expected = { critical: ['9.5', 'error', 'error'], high: ['8.0', 'error', 'error'], medium: ['5.5', 'warning', 'warning'], low: ['3.0', 'note', 'recommendation'], info: ['0.0', 'note', 'recommendation'] };
  for (const [sev, [score, level, problem]] of Object.entries(expected)) {
    const r = bySev.get(`aws.s3.check_${sev}`);
    assert.ok(r, sev);
    assert.equal(r.properties?.['security-severity'], score);
    assert.ok(Number.isFinite(Number(r.properties?.['security-severity'])));
    assert.equal(r.defaultConfiguration?.level, level);
    assert.equal(r.properties?.['problem.severity'], problem);
    assert.equal(r.shortDescription?.text, `Title of aws.s3.check_${sev}`);
    assert.equal(r.fullDescription?.text, `Description of aws.s3.check_${sev}`);
    assert.match(r.help?.text ?? '', /Recommended actions:\n- Do the right thing\./);
    assert.ok((r.properties?.tags as string[]).includes('security'));
    assert.ok((r.properties?.tags as string[]).includes('cis-aws-3.0/2.1.4'));
    assert.equal(r.name, `Check${sev.charAt(0).toUpperCase()}${sev.slice(1)}`);
  }
});

test('results: level by severity, logical location of the resource, a physical pseudo-artifact, stable fingerprints', () => {
  const results = makeResults({
    findings: [
      finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::a', { severity: 'critical' }),
      finding('aws.ec2.open_port', 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1', { severity: 'medium', resourceKind: 'network.firewall', resourceName: 'sg-1' }),
      finding('aws.ec2.open_port', 'libvirt://kvm 01/domain/x', { severity: 'low', provider: 'libvirt', account: 'qemu+ssh://admin@kvm01/system', region: 'global' }),
    ],
  });
  const log = check(writeSarif(results));
  const res = log.runs[0]?.results ?? [];
  assert.deepEqual(res.map((r: Result) => r.level), ['error', 'warning', 'note']);
  const r0 = res[0];
  assert.equal(r0?.ruleId, 'aws.s3.bucket_public_acl');
  assert.equal(r0?.ruleIndex, 0);
  const loc = r0?.locations?.[0];
  assert.equal(loc?.logicalLocations?.[0]?.fullyQualifiedName, 'arn:aws:s3:::a');
  assert.equal(loc?.logicalLocations?.[0]?.kind, 'storage.bucket');
  assert.deepEqual(loc?.logicalLocations?.[0]?.properties, { provider: 'aws', account: '123456789012', region: 'eu-west-1' });
  assert.equal(loc?.physicalLocation?.artifactLocation?.uri, 'cloud/aws/123456789012');
  assert.equal(loc?.physicalLocation?.region?.startLine, 1);
  // An account that is itself a URI is percent-encoded into one path segment.
  assert.equal(res[2]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri, 'cloud/libvirt/qemu%2Bssh%3A%2F%2Fadmin%40kvm01%2Fsystem');
  assert.equal(r0?.partialFingerprints?.['cloudwarden/v1'], results.findings[0]?.fingerprint);
  // Same input, same document: fingerprints and order are stable.
  assert.equal(writeSarif(results), writeSarif(results));
});

test('suppressed findings stay, with an accepted external suppression and its justification; baseline state', () => {
  const results = makeResults({
    findings: [
      finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::www', { suppressed: { reason: 'public website <b>', owner: 'web', expires: '2030-01-01', source: '.cloudwarden-ignore.yaml:2' }, baseline: 'existing' }),
      finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::new', { baseline: 'new' }),
    ],
  });
  results.resolved = [];
  const log = check(writeSarif(results));
  const [a, b] = log.runs[0]?.results ?? [];
  assert.deepEqual(a?.suppressions, [{ kind: 'external', status: 'accepted', justification: 'public website <b> (owner: web) (expires 2030-01-01)' }]);
  assert.equal(a?.baselineState, 'unchanged');
  assert.equal(b?.suppressions, undefined);
  assert.equal(b?.baselineState, 'new');
});

test('coverage gaps and check errors become tool execution notifications', () => {
  const results = makeResults({
    coverage: [coverage(), coverage({ status: 'denied', service: 'iam', operation: 'ListUsers', message: 'AccessDenied' })],
    policyErrors: [{ policyId: 'aws.s3.bucket_public_acl', rule: 'data.x.deny', message: 'boom' }],
  });
  const log = check(writeSarif(results));
  const inv = log.runs[0]?.invocations?.[0];
  assert.equal(inv?.executionSuccessful, false);
  const texts = (inv?.toolExecutionNotifications ?? []).map((n) => `${n.level}: ${n.message.text}`);
  assert.ok(texts.some((t) => t.startsWith('error: check aws.s3.bucket_public_acl failed to evaluate')), texts.join('\n'));
  assert.ok(texts.some((t) => t.startsWith('warning: coverage denied: aws/123456789012/eu-west-1 iam ListUsers')), texts.join('\n'));
});
