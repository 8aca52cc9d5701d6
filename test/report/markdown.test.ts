import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateGate } from '../../src/ci/gate.js';
import { mdEscape, writeMarkdown } from '../../src/report/markdown.js';
import { coverage, finding, HOSTILE, hostileResults, makeResults, saving } from './fixtures.js';

test('mdEscape: pipes, backticks, emphasis, links, HTML and line breaks cannot escape their cell', () => {
  assert.equal(mdEscape('a | b'), 'a \\| b');
  assert.equal(mdEscape('`x`'), '\\`x\\`');
  assert.equal(mdEscape('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.equal(mdEscape('[a](http://x)'), '\\[a\\](http://x)');
  assert.equal(mdEscape('line1\nline2\r\nline3'), 'line1 line2 line3');
  assert.equal(mdEscape('*b* _i_ ~s~ \\'), '\\*b\\* \\_i\\_ \\~s\\~ \\\\');
  assert.equal(mdEscape('bell\u0007end'), 'bell end');
});

test('summary: gate verdict, counts by severity, top findings, coverage gaps, suppression warnings, savings', () => {
  const results = makeResults({
    findings: [finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::a', { severity: 'critical' }), finding('aws.ec2.open_port', 'sg-1', { severity: 'low' })],
    coverage: [coverage({ status: 'error', service: 'ec2', operation: 'DescribeInstances', message: 'timeout | retry' })],
    savings: [saving('vol-1', 12.5)],
  });
  const gate = evaluateGate(results, { failOn: 'high', newOnly: false, allowPartial: true, allowDenied: false });
  const md = writeMarkdown(results, { gate, suppressionWarnings: ['suppression at x:3 expired on 2020-01-01'] });
  assert.match(md, /\*\*Gate: FAILED\*\* \(fail on high, exit code 1\)/);
  assert.match(md, /\| critical \| 1 \|/);
  assert.match(md, /\| low \| 1 \|/);
  assert.match(md, /### Top findings/);
  assert.match(md, /### Coverage gaps \(1\)/);
  assert.match(md, /timeout \\\| retry/);
  assert.match(md, /### Suppression warnings\n\n- suppression at x:3 expired on 2020-01-01/);
  assert.match(md, /Estimated monthly savings: \*\*12\.50 USD\*\*/);
});

test('hostile strings: every table row keeps its column count and no raw HTML gets through', () => {
  const md = writeMarkdown(hostileResults(), { topFindings: 50 });
  assert.doesNotMatch(md, /<script>/);
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
  for (const row of rows) {
    const cells = row.split(/(?<!\\)\|/).length - 2;
    assert.ok(cells === 2 || cells === 5, `row has ${cells} cells: ${row}`);
  }
  assert.ok(md.includes(HOSTILE.emoji));
});
