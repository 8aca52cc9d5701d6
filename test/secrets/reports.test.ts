import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REPORT_FORMATS } from '../../src/report/registry.js';
import { buildResults } from '../../src/results/build-results.js';
import { resultsValidator } from '../../src/results/results-io.js';
import { groupLeaks, indexInventory, leakFindings, scanText, SECRET_POLICIES } from '../../src/secrets/scan/index.js';
import { assertNoSecret, EXAMPLE_KEY_ID, fakeAwsKeyId, fakeAwsSecret, fakeAzureConnectionString, fakePemKey } from './fake-keys.js';
import { inventorySnapshot, KEYS } from './inventory.js';

test('leak findings fit the results schema and every report format renders them without a secret', () => {
  const snapshot = inventorySnapshot();
  const adminSecret = fakeAwsSecret('reports');
  const stray = fakeAwsKeyId('reports-stray');
  const conn = fakeAzureConnectionString('reports');
  const pem = fakePemKey();
  const text = [`AWS_ACCESS_KEY_ID=${KEYS.admin}`, `AWS_SECRET_ACCESS_KEY=${adminSecret}`, '', '', '', '', '', '', `other=${stray}`, conn.text, `docs: ${EXAMPLE_KEY_ID}`, pem.text].join('\n');
  const hits = scanText(text, { file: 'deploy/<script>.env', commit: '0123456789abcdef0123456789abcdef01234567', authorDate: '2026-02-01T00:00:00.000Z' }, []);
  const findings = leakFindings(groupLeaks(hits), indexInventory(snapshot));
  assert.deepEqual(findings.map((f) => f.severity), ['critical', 'high', 'high', 'medium', 'info']);
  const results = buildResults({ snapshot, policies: [...SECRET_POLICIES], findings, generatedAt: new Date('2026-11-20T00:00:00Z') });
  const validate = resultsValidator();
  assert.ok(validate(JSON.parse(JSON.stringify(results))), JSON.stringify(validate.errors));
  const secrets = [KEYS.admin, adminSecret, stray, conn.key, pem.body, ...(pem.body.match(/.{64}/g) ?? [])];
  for (const [name, format] of Object.entries(REPORT_FORMATS)) {
    const body = [...format.write(results, {})].join('');
    assert.ok(body.length > 0 && !body.startsWith("[object"), `${name}: ${body.slice(0, 80)}`);
    assertNoSecret(body, secrets, name);
  }
});
