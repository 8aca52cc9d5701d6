import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectSecrets, detectSecretsDetailed, secretFingerprint } from '../../src/secrets/index.js';
import { scanText } from '../../src/secrets/scan/index.js';
import { assertNoSecret, EXAMPLE_KEY_ID, EXAMPLE_SECRET, fakeAwsKeyId, fakeAwsSecret, fakeAzureConnectionString, fakeGcpKeyFile, fakePemKey, fakeSasUrl } from './fake-keys.js';

test('true positives: every kind of secret is found, with a fingerprint and no value', () => {
  const id = fakeAwsKeyId('tp');
  const secret = fakeAwsSecret('tp');
  const conn = fakeAzureConnectionString('tp');
  const sas = fakeSasUrl('tp');
  const pem = fakePemKey();
  const text = [`aws_access_key_id = ${id}`, `aws_secret_access_key = ${secret}`, '', conn.text, sas.text, '', pem.text].join('\n');
  const found = detectSecretsDetailed(text);
  assert.deepEqual(found.map((f) => [f.detector, f.line]), [
    ['aws-access-key-id', 1],
    ['aws-secret-access-key', 2],
    ['azure-storage-connection-string', 4],
    ['azure-sas-token', 5],
    ['private-key', 7],
  ]);
  assert.equal(found[0]?.fingerprint, secretFingerprint(id));
  assert.equal(found[0]?.masked, `${id.slice(0, 4)}…${id.slice(-4)}`);
  assert.ok(found.every((f) => /^[0-9a-f]{24}$/.test(f.fingerprint) && !f.example));
  assertNoSecret(JSON.stringify(found), [id, secret, conn.key, sas.sig, encodeURIComponent(sas.sig), pem.body], 'detectSecretsDetailed');
});

test('temporary ASIA key ids and GCP service-account key files', () => {
  assert.deepEqual(detectSecretsDetailed(`key: ${fakeAwsKeyId('t', 'ASIA')}`).map((f) => f.detector), ['aws-access-key-id']);
  const gcp = fakeGcpKeyFile('sa');
  const found = detectSecretsDetailed(gcp.text);
  assert.deepEqual(found.map((f) => f.detector), ['gcp-service-account-key']);
  assert.equal(found[0]?.fingerprint, secretFingerprint(gcp.keyId));
  assertNoSecret(JSON.stringify(found), [gcp.keyId, gcp.privateKey], 'gcp');
});

test('entropy rejects placeholders and repeated characters', () => {
  assert.deepEqual(detectSecrets('AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX'), []);
  assert.deepEqual(detectSecrets('AWS_ACCESS_KEY_ID=AKIAAAAAAAAAAAAAAAAA'), []);
  assert.deepEqual(detectSecrets('AWS_ACCESS_KEY_ID=AKIAABABABABABABABAB'), []);
  assert.deepEqual(detectSecrets(`aws_secret_access_key = ${'x'.repeat(40)}`), []);
  assert.deepEqual(detectSecrets(`aws_secret_access_key = ${'Ab1'.repeat(13)}A`), []);
  assert.deepEqual(detectSecrets(`-----BEGIN RSA PRIVATE KEY-----\n${'AbCd'.repeat(20)}\n-----END RSA PRIVATE KEY-----`), []);
  // The AWS collector's view (detectSecrets) is unchanged for real keys.
  assert.deepEqual(detectSecrets(`x=${fakeAwsKeyId('keep')}`).map((f) => f.detector), ['aws-access-key-id']);
});

test("AWS's documentation example keys are recognised as examples", () => {
  const found = detectSecretsDetailed(`AWS_ACCESS_KEY_ID=${EXAMPLE_KEY_ID}\nAWS_SECRET_ACCESS_KEY=${EXAMPLE_SECRET}\n`);
  assert.deepEqual(found.map((f) => [f.detector, f.example]), [['aws-access-key-id', true], ['aws-secret-access-key', true]]);
  assert.deepEqual(detectSecretsDetailed(`id=${fakeAwsKeyId('live')}`).map((f) => f.example), [false]);
});

test('scanText pairs a key id with the secret key next to it and maps history lines', () => {
  const id = fakeAwsKeyId('pair');
  const secret = fakeAwsSecret('pair');
  const hits = scanText(`[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`, { file: '.aws/credentials', commit: 'abc', authorDate: '2026-01-01T00:00:00Z', lineOf: (n) => n + 10 }, []);
  assert.deepEqual(hits.map((h) => [h.detector, h.location.line, h.pairedSecret]), [['aws-access-key-id', 12, true], ['aws-secret-access-key', 13, undefined]]);
  assertNoSecret(JSON.stringify(hits), [id, secret], 'scanText');
});
