import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { writeJunit } from '../../src/report/junit.js';
import { xmlAttr, xmlSafe, xmlText } from '../../src/report/xml.js';
import { coverage, finding, HOSTILE, hostileResults, makeResults, policy } from './fixtures.js';

type Case = { '@_classname': string; '@_name': string; failure?: { '#text'?: string; '@_message': string; '@_type': string }; skipped?: { '@_message': string }; error?: { '@_message': string } };

function parseJunit(xml: string): { suite: Record<string, string>; cases: Case[] } {
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, JSON.stringify(valid));
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testcase', trimValues: false, processEntities: true, htmlEntities: false }).parse(xml) as {
    testsuites: { testsuite: Record<string, string> & { testcase?: Case[] } };
  };
  const suite = doc.testsuites.testsuite;
  return { suite, cases: suite.testcase ?? [] };
}

test('XML escaping: markup, quotes, and control characters XML cannot carry', () => {
  assert.equal(xmlText('<a & b>'), '&lt;a &amp; b&gt;');
  assert.equal(xmlAttr('say "hi"\n\'x\''), 'say &quot;hi&quot;&#10;&apos;x&apos;');
  assert.equal(xmlSafe('bell\u0007nul\u0000'), 'bell\\u0007nul\\u0000');
  assert.equal(xmlSafe('tab\tok\n'), 'tab\tok\n');
  assert.equal(xmlSafe('emoji 🔥'), 'emoji 🔥');
  assert.equal(xmlSafe('lone \uD800 surrogate'), 'lone \\uD800 surrogate');
});

test('escaping failure lines one by one equals escaping them joined (the writer streams them)', () => {
  const lines = ['high \uD800', '\uDC00 low', '\uD83D\uDD25 pair', 'a<b>&"c"', '', HOSTILE.control, HOSTILE.newlines];
  assert.equal(lines.map(xmlText).join('\n'), xmlText(lines.join('\n')));
});

test('one testcase per check; failure lists failing resources; counts in the suite', () => {
  const results = makeResults({
    policies: [policy('aws.s3.bucket_public_acl'), policy('aws.ec2.open_port'), policy('common.network.admin_port_open_to_world', { provider: 'common' })],
    findings: [
      finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::a'),
      finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::b'),
      finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::c', { suppressed: { reason: 'ok', owner: null, expires: null, source: 'x:1' } }),
    ],
  });
  const { suite, cases } = parseJunit(writeJunit(results));
  assert.equal(suite['@_tests'], '3');
  assert.equal(suite['@_failures'], '1');
  assert.equal(suite['@_errors'], '0');
  assert.equal(suite['@_skipped'], '0');
  const s3 = cases.find((c) => c['@_name'] === 'aws.s3.bucket_public_acl');
  assert.equal(s3?.['@_classname'], 'aws.s3');
  assert.match(s3?.failure?.['@_message'] ?? '', /^2 open finding\(s\)/);
  assert.match(s3?.failure?.['#text'] ?? '', /arn:aws:s3:::a/);
  assert.match(s3?.failure?.['#text'] ?? '', /arn:aws:s3:::b/);
  assert.doesNotMatch(s3?.failure?.['#text'] ?? '', /arn:aws:s3:::c/);
  const common = cases.find((c) => c['@_name'] === 'common.network.admin_port_open_to_world');
  assert.equal(common?.['@_classname'], 'common.network');
  assert.equal(common?.failure, undefined);
});

test('a check with no finding but denied or failed coverage for its service is skipped; a broken check is an error', () => {
  const results = makeResults({
    coverage: [coverage({ service: 'ec2', operation: 'DescribeSecurityGroups', status: 'denied', message: 'UnauthorizedOperation' })],
    policyErrors: [{ policyId: 'aws.s3.bucket_public_acl', rule: 'data.cloudwarden.aws.s3.bucket_public_acl.deny', message: 'division by zero' }],
  });
  const { suite, cases } = parseJunit(writeJunit(results));
  assert.equal(suite['@_skipped'], '1');
  assert.equal(suite['@_errors'], '1');
  assert.match(cases.find((c) => c['@_name'] === 'aws.ec2.open_port')?.skipped?.['@_message'] ?? '', /coverage gaps for aws\.ec2: .*DescribeSecurityGroups: denied/);
  assert.match(cases.find((c) => c['@_name'] === 'aws.s3.bucket_public_acl')?.error?.['@_message'] ?? '', /division by zero/);
});

test('hostile strings give well-formed XML whose text parses back', () => {
  const xml = writeJunit(hostileResults());
  const { cases } = parseJunit(xml);
  const text = cases[0]?.failure?.['#text'] ?? '';
  assert.ok(text.includes(HOSTILE.script), 'script text kept as text');
  assert.ok(text.includes(HOSTILE.emoji));
  assert.ok(text.includes(HOSTILE.rtl));
  assert.ok(text.includes('bell\\u0007'), 'control characters shown, not emitted');
  assert.doesNotMatch(xml, /<script>/);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
});
