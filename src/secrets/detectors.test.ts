import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { detectSecrets } from './detectors.js';
import { shannonEntropy } from './entropy.js';
import { maskSecret } from './mask.js';

const AKID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function noFullSecret(findings: unknown, ...secrets: string[]): void {
  const text = JSON.stringify(findings);
  for (const s of secrets) assert.ok(!text.includes(s), 'a full secret leaked into the findings');
}

test('maskSecret keeps the first and last 4 characters only; short values are hidden entirely', () => {
  assert.equal(maskSecret(AKID), 'AKIA…MPLE');
  assert.equal(maskSecret(SECRET), 'wJal…EKEY');
  assert.equal(maskSecret('short'), '…');
  assert.equal(maskSecret('123456789012'), '…');
});

test('entropy: random keys score high, repeated text low', () => {
  assert.ok(shannonEntropy(SECRET) > 4);
  assert.ok(shannonEntropy('a'.repeat(40)) === 0);
  assert.equal(shannonEntropy(''), 0);
});

test('an AWS access key id and the secret key next to it, in shell user data', () => {
  const text = `#!/bin/bash\nexport AWS_ACCESS_KEY_ID=${AKID}\nexport AWS_SECRET_ACCESS_KEY=${SECRET}\naws s3 sync s3://b /srv\n`;
  const found = detectSecrets(text);
  assert.deepEqual(found, [
    { detector: 'aws-access-key-id', masked: 'AKIA…MPLE', line: 2 },
    { detector: 'aws-secret-access-key', masked: 'wJal…EKEY', line: 3 },
  ]);
  noFullSecret(found, AKID, SECRET);
});

test('temporary (ASIA) key ids are found; a 40-char string far from any key id is not a secret', () => {
  assert.deepEqual(detectSecrets('id: ASIAY34FZKBOKMUTVV7A').map((f) => f.detector), ['aws-access-key-id']);
  const far = `${SECRET}\n${'\n'.repeat(10)}key=${AKID}`;
  assert.deepEqual(detectSecrets(far).map((f) => f.detector), ['aws-access-key-id']);
  // Without a key id nearby, a low-entropy or single-case 40-char token is never reported.
  assert.deepEqual(detectSecrets('commit 0123456789abcdef0123456789abcdef01234567'), []);
  assert.deepEqual(detectSecrets(`${AKID}\npath/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1`), [{ detector: 'aws-access-key-id', masked: 'AKIA…MPLE', line: 1 }]);
});

test('a named secret key assignment is found even without a key id', () => {
  assert.deepEqual(detectSecrets(`aws_secret_access_key = ${SECRET}`).map((f) => [f.detector, f.masked]), [['aws-secret-access-key', 'wJal…EKEY']]);
});

test('Azure storage connection strings and SAS tokens', () => {
  const key = createHash('sha512').update('cloudwarden-test-key').digest('base64');
  const conn = `DefaultEndpointsProtocol=https;AccountName=demostore;AccountKey=${key};EndpointSuffix=core.windows.net`;
  const sig = encodeURIComponent(createHash('sha256').update('sig').digest('base64'));
  const sas = `https://demostore.blob.core.windows.net/c/f?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-01T00:00:00Z&sig=${sig}`;
  const found = detectSecrets(`${conn}\n${sas}`);
  assert.deepEqual(found.map((f) => [f.detector, f.line]), [['azure-storage-connection-string', 1], ['azure-sas-token', 2]]);
  noFullSecret(found, key, decodeURIComponent(sig));
  assert.deepEqual(detectSecrets('https://x.blob.core.windows.net/c?sig=notbase64'), []);
});

test('GCP service-account JSON keys are reported once, by key id', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const keyId = createHash('sha1').update('k').digest('hex');
  const json = JSON.stringify({ type: 'service_account', project_id: 'p', private_key_id: keyId, private_key: privateKey, client_email: 'sa@p.iam.gserviceaccount.com' }, null, 2);
  const found = detectSecrets(json);
  assert.deepEqual(found.map((f) => f.detector), ['gcp-service-account-key']);
  assert.equal(found[0]?.masked, maskSecret(keyId));
  noFullSecret(found, keyId, privateKey);
});

test('PEM private keys; a placeholder body with little entropy is ignored', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const found = detectSecrets(`cat > /etc/key.pem <<EOF\n${privateKey}EOF\n`);
  assert.deepEqual(found.map((f) => [f.detector, f.line]), [['private-key', 2]]);
  noFullSecret(found, privateKey.split('\n')[1] ?? '');
  assert.deepEqual(detectSecrets(`-----BEGIN PRIVATE KEY-----\n${'A'.repeat(64)}\n-----END PRIVATE KEY-----`), []);
});
