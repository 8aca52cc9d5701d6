import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedBy, parseAllowlist, scanText } from '../../src/secrets/scan/index.js';
import { secretFingerprint } from '../../src/secrets/index.js';
import { InputError } from '../../src/util/errors.js';
import { fakeAwsKeyId } from './fake-keys.js';

const hitsFor = (text: string, file: string, allow: ReturnType<typeof parseAllowlist>) => scanText(text, { file, commit: null, authorDate: null }, allow);

test('allow-list by path, by pattern and by fingerprint (prefix), each with its reason and source line', () => {
  const id = fakeAwsKeyId('allow');
  const fp = secretFingerprint(id);
  const allow = parseAllowlist(
    [
      'allow:',
      '  - path: "test/fixtures/*"',
      '    reason: fake keys for tests',
      '  - pattern: "# not-a-secret"',
      '    reason: marked inline',
      `  - fingerprint: ${fp.slice(0, 12)}`,
      '    detector: aws-access-key-id',
      '    reason: revoked, history kept',
    ].join('\n'),
    'allow.yaml',
  );
  assert.equal(allow.length, 3);
  const byPath = hitsFor(`k=${fakeAwsKeyId('other')}`, 'test/fixtures/deep/creds.env', allow);
  assert.deepEqual(byPath.map((h) => h.allowed), [{ reason: 'fake keys for tests', source: 'allow.yaml:2' }]);
  const byPattern = hitsFor(`k=${fakeAwsKeyId('p')} # not-a-secret`, 'src/app.ts', allow);
  assert.deepEqual(byPattern.map((h) => h.allowed?.reason), ['marked inline']);
  const byFingerprint = hitsFor(`k=${id}`, 'src/app.ts', allow);
  assert.deepEqual(byFingerprint.map((h) => h.allowed?.source), ['allow.yaml:6']);
  const open = hitsFor(`k=${fakeAwsKeyId('open')}`, 'src/app.ts', allow);
  assert.deepEqual(open.map((h) => h.allowed), [null]);
  // Every given field must match: a fingerprint entry restricted to one detector.
  assert.equal(allowedBy(allow, { detector: 'private-key', fingerprint: fp, file: 'x', lineText: '' }), null);
  // An empty file allows nothing.
  assert.deepEqual(parseAllowlist('', 'empty.yaml'), []);
});

test('a malformed allow-list is an input error naming file, line and column', () => {
  const cases: [string, RegExp][] = [
    ['allow:\n  - path: a\n    reason: [unclosed\n', /^bad\.yaml:\d+:\d+: invalid YAML/],
    ['allow:\n  - path: "x/*"\n', /^bad\.yaml:2:5: allow\[0\]: missing required setting "reason"/],
    ['allow:\n  - reason: nothing to match\n', /^bad\.yaml:2:5: allow\[0\]: needs at least one of "path", "pattern", "fingerprint"/],
    ['allow:\n  - path: a\n    reason: r\n  - pattern: "(unclosed"\n    reason: r\n', /^bad\.yaml:4:14: allow\[1\]\.pattern: invalid regular expression/],
    ['allow:\n  - fingerprint: NOT-HEX\n    reason: r\n', /^bad\.yaml:2:18: allow\[0\]\.fingerprint: expected the hex fingerprint/],
    ['allow:\n  - path: a\n    reason: r\n    detector: slack-token\n', /^bad\.yaml:4:15: allow\[0\]\.detector: unknown detector "slack-token"/],
    ['allow:\n  - path: a\n    reason: r\n    paths: b\n', /^bad\.yaml:4:5: allow\[0\]\.paths: unknown setting/],
    ['ignore: []\n', /^bad\.yaml:1:1: ignore: unknown setting \(expected: allow\)/],
    ['allow: yes\n', /^bad\.yaml:1:8: allow: expected a list/],
    ['allow:\n  - path: ""\n    reason: r\n', /^bad\.yaml:2:11: allow\[0\]\.path: expected a non-empty string/],
  ];
  for (const [text, expected] of cases) {
    assert.throws(() => parseAllowlist(text, 'bad.yaml'), (e: unknown) => e instanceof InputError && expected.test(e.message), `${JSON.stringify(text)} → ${expected}`);
  }
});
