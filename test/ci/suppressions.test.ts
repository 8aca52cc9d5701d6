import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { globMatch } from '../../src/ci/glob.js';
import { applySuppressions, parseSuppressions, suppressionWarnings } from '../../src/ci/suppressions.js';
import { runCli } from '../cli/run-cli.js';
import { finding, makeResults } from '../report/fixtures.js';

const FILE = `suppressions:
  - policy: aws.s3.bucket_public_acl
    resource: "arn:aws:s3:::www-*"
    reason: public website buckets
    expires: 2030-12-31
    owner: web-team@example.com
  - policy: "aws.ec2.*"
    resource: "*"
    account: "1234*"
    region: eu-west-?
    tags: { env: dev* }
    reason: dev sandboxes
  - policy: aws.s3.bucket_public_acl
    resource: arn:aws:s3:::old-*
    reason: temporary exception
    expires: 2020-01-31
  - policy: aws.iam.*
    reason: never matches anything here
`;

test('globs: * spans any characters including / and :, ? one character, everything else literal', () => {
  assert.equal(globMatch('arn:aws:s3:::www-*', 'arn:aws:s3:::www-prod'), true);
  assert.equal(globMatch('aws.ec2.*', 'aws.ec2.open_port'), true);
  assert.equal(globMatch('aws.ec2.*', 'awsXec2.open_port'), false);
  assert.equal(globMatch('eu-west-?', 'eu-west-1'), true);
  assert.equal(globMatch('eu-west-?', 'eu-west-10'), false);
  assert.equal(globMatch('a(b)+', 'a(b)+'), true);
  assert.equal(globMatch('*', ''), true);
});

test('parse: entries with defaults and sources', () => {
  const s = parseSuppressions(FILE, '.cloudwarden-ignore.yaml');
  assert.equal(s.length, 4);
  assert.deepEqual(s[0], { policy: 'aws.s3.bucket_public_acl', resource: 'arn:aws:s3:::www-*', account: null, region: null, tags: {}, reason: 'public website buckets', expires: '2030-12-31', owner: 'web-team@example.com', source: '.cloudwarden-ignore.yaml:2' });
  assert.deepEqual(s[1]?.tags, { env: 'dev*' });
  assert.equal(s[3]?.resource, '*');
  assert.deepEqual(parseSuppressions('', 'f'), []);
  assert.deepEqual(parseSuppressions('suppressions: []\n', 'f'), []);
});

test('apply: globs, account/region/tags, expiry (inclusive), first entry wins, unused reported; findings stay', () => {
  const s = parseSuppressions(FILE, '.cloudwarden-ignore.yaml');
  const results = makeResults({
    findings: [
      finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::www-prod'),
      finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::old-logs'),
      finding('aws.ec2.open_port', 'sg-dev', { region: 'eu-west-1' }),
      finding('aws.ec2.open_port', 'sg-prod', { region: 'eu-west-1' }),
      finding('aws.ec2.open_port', 'sg-us', { region: 'us-east-1' }),
    ],
  });
  const tags: Record<string, Record<string, string>> = { 'sg-dev': { env: 'dev-1' }, 'sg-prod': { env: 'prod' }, 'sg-us': { env: 'dev' } };
  const out = applySuppressions(results, s, { today: '2030-12-31', tagsOf: (id) => tags[id] });
  const by = new Map(out.results.findings.map((f) => [f.resourceId, f.suppressed]));
  assert.equal(by.get('arn:aws:s3:::www-prod')?.reason, 'public website buckets');
  assert.equal(by.get('arn:aws:s3:::www-prod')?.source, '.cloudwarden-ignore.yaml:2');
  assert.equal(by.get('arn:aws:s3:::old-logs'), null, 'expired entries stop suppressing');
  assert.equal(by.get('sg-dev')?.reason, 'dev sandboxes');
  assert.equal(by.get('sg-prod'), null, 'tag value does not match');
  assert.equal(by.get('sg-us'), null, 'region does not match');
  assert.equal(out.results.findings.length, 5, 'suppressed findings stay in the results');
  assert.equal(out.results.summary.suppressedFindings, 2);
  assert.equal(out.results.summary.openFindings, 3);
  assert.deepEqual(out.expired.map((e) => e.source), ['.cloudwarden-ignore.yaml:13']);
  assert.deepEqual(out.unused.map((e) => e.source), ['.cloudwarden-ignore.yaml:17']);
  const warnings = suppressionWarnings(out);
  assert.match(warnings[0] ?? '', /expired on 2020-01-31: its findings are open again/);
  assert.match(warnings[1] ?? '', /matched no finding/);
  // The day after the expiry date, the first entry expires too.
  const later = applySuppressions(results, s, { today: '2031-01-01', tagsOf: (id) => tags[id] });
  assert.equal(later.results.findings.find((f) => f.resourceId === 'arn:aws:s3:::www-prod')?.suppressed, null);
  // Without tags (no snapshot), tag-constrained entries match nothing.
  const noTags = applySuppressions(results, s, { today: '2030-01-01' });
  assert.equal(noTags.results.findings.find((f) => f.resourceId === 'sg-dev')?.suppressed, null);
});

test('malformed files: line-accurate errors naming the field and what was expected', () => {
  const cases: [string, RegExp][] = [
    ['suppressions:\n  - policy: a\n    resource: b\n', /^f\.yaml:2:5: suppressions\[0\]: missing required setting "reason"$/],
    ['suppressions:\n  - policy: a\n    reason: ""\n', /^f\.yaml:3:13: suppressions\[0\]\.reason: expected a non-empty string, got string ""$/],
    ['suppressions:\n  - policy: a\n    reason: r\n    expires: 31/12/2030\n', /^f\.yaml:4:14: suppressions\[0\]\.expires: expected a date YYYY-MM-DD, got string "31\/12\/2030"$/],
    ['suppressions:\n  - policy: a\n    reason: r\n    expires: 2030-02-30\n', /^f\.yaml:4:14: suppressions\[0\]\.expires: expected a date YYYY-MM-DD/],
    ['suppressions:\n  - policy: a\n    reason: r\n    reasn: typo\n', /^f\.yaml:4:5: suppressions\[0\]\.reasn: unknown setting \(expected one of: policy, resource/],
    ['suppressions:\n  - policy: a\n    reason: r\n    tags: [a, b]\n', /^f\.yaml:4:11: suppressions\[0\]\.tags: expected a mapping of tag name to value, got a list$/],
    ['suppressions:\n  - just a string\n', /^f\.yaml:2:5: suppressions\[0\]: expected a mapping/],
    ['suppressions: yes\n', /^f\.yaml:1:15: suppressions: expected a list, got string "yes"$/],
    ['ignore:\n  - policy: a\n', /^f\.yaml:1:1: ignore: unknown setting \(expected: suppressions\)$/],
    ['suppressions:\n  - policy: [unclosed\n', /^f\.yaml:\d+:\d+: invalid YAML: /],
    ['suppressions:\n  - policy: a\n    reason: r\n    policy: b\n', /^f\.yaml:4:5: invalid YAML: Map keys must be unique/],
  ];
  for (const [text, re] of cases) assert.throws(() => parseSuppressions(text, 'f.yaml'), (e: Error) => re.test(e.message) || assert.fail(`${JSON.stringify(text)} → ${e.message}`));
});

test('CLI: the default file in the working folder is used; suppressed findings stay in JSON/SARIF/CSV; warnings in the summary', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-sup-'));
  try {
    const results = makeResults({ findings: [finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::www-prod'), finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::old-logs')] });
    await writeFile(join(dir, 'results.json'), JSON.stringify(results));
    await writeFile(join(dir, '.cloudwarden-ignore.yaml'), FILE);
    const r = await runCli(['report', 'results.json', '--out', 'out', '--fail-on', 'high'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /warn: suppression at \.cloudwarden-ignore\.yaml:13 .* expired on 2020-01-31/);
    assert.match(r.stderr, /warn: suppression at \.cloudwarden-ignore\.yaml:17 .* matched no finding/);
    const json = JSON.parse(await readFile(join(dir, 'out', 'results.json'), 'utf8')) as typeof results;
    assert.equal(json.findings.length, 2);
    assert.equal(json.findings.find((f) => f.resourceId.endsWith('www-prod'))?.suppressed?.reason, 'public website buckets');
    const sarif = JSON.parse(await readFile(join(dir, 'out', 'results.sarif'), 'utf8')) as { runs: { results: { suppressions?: unknown[] }[] }[] };
    assert.equal(sarif.runs[0]?.results.filter((x) => x.suppressions).length, 1);
    assert.match(await readFile(join(dir, 'out', 'findings.csv'), 'utf8'), /yes: public website buckets/);
    const md = await readFile(join(dir, 'out', 'summary.md'), 'utf8');
    assert.match(md, /### Suppression warnings/);
    assert.match(md, /expired on 2020-01-31/);
    // With only the www bucket left, the gate passes.
    const onlyWww = makeResults({ findings: [finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::www-prod')] });
    await writeFile(join(dir, 'www.json'), JSON.stringify(onlyWww));
    assert.equal((await runCli(['report', 'www.json', '--out', 'out2', '--fail-on', 'high', '--format', 'md'], { cwd: dir })).code, 0);
    // A malformed explicit file is a usage error with its location.
    await writeFile(join(dir, 'bad.yaml'), 'suppressions:\n  - policy: a\n');
    const bad = await runCli(['report', 'www.json', '--out', 'out3', '--suppressions', 'bad.yaml'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.yaml:2:5: suppressions\[0\]: missing required setting "reason"/);
    // scan reads the file before collecting: a bad file fails at once and writes nothing.
    const scan = await runCli(['scan', '--demo', '--out', 'scan-out', '--suppressions', 'bad.yaml', '--no-history'], { cwd: dir });
    assert.equal(scan.code, 2);
    assert.match(scan.stderr, /bad\.yaml:2:5: suppressions\[0\]: missing required setting "reason"/);
    assert.equal(existsSync(join(dir, 'scan-out')), false);
    const missing = await runCli(['report', 'www.json', '--out', 'out3', '--suppressions', 'nope.yaml'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml: cannot read suppressions file \(no such file\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
