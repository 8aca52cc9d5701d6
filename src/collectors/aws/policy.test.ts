import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizePolicy, normalizePolicyOrNull, normalizePrincipals } from './policy.js';

test('URL-encoded, JSON text and parsed documents normalize the same', () => {
  const doc = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Principal: '*' } };
  const text = JSON.stringify(doc);
  const expected = [{ sid: null, effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: ['arn:aws:s3:::b/*'], notResources: [], principals: ['*'], notPrincipals: [], conditions: {} }];
  assert.deepEqual(normalizePolicy(doc), expected);
  assert.deepEqual(normalizePolicy(text), expected);
  assert.deepEqual(normalizePolicy(encodeURIComponent(text)), expected);
});

test('principals: "*", AWS lists, services, federated; NotPrincipal kept apart', () => {
  assert.deepEqual(normalizePrincipals('*'), ['*']);
  assert.deepEqual(normalizePrincipals({ AWS: ['arn:aws:iam::1:root', '*'], Service: 'ec2.amazonaws.com', Federated: 'cognito-identity.amazonaws.com' }), [
    'AWS:arn:aws:iam::1:root',
    'AWS:*',
    'Service:ec2.amazonaws.com',
    'Federated:cognito-identity.amazonaws.com',
  ]);
  const [s] = normalizePolicy({ Statement: [{ Effect: 'Deny', NotAction: ['iam:*'], NotResource: 'x', NotPrincipal: { AWS: '123456789012' } }] });
  assert.deepEqual([s?.effect, s?.actions, s?.notActions, s?.notResources, s?.principals, s?.notPrincipals], ['Deny', [], ['iam:*'], ['x'], [], ['AWS:123456789012']]);
});

test('conditions: operator → key → string[] (scalars, booleans and numbers as strings)', () => {
  const [s] = normalizePolicy({ Statement: [{ Effect: 'Allow', Action: '*', Condition: { Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 's3:max-keys': 10 }, StringEquals: { 'aws:PrincipalOrgID': ['o-1', 'o-2'] } } }] });
  assert.deepEqual(s?.conditions, { Bool: { 'aws:SecureTransport': ['false'] }, NumericLessThan: { 's3:max-keys': ['10'] }, StringEquals: { 'aws:PrincipalOrgID': ['o-1', 'o-2'] } });
});

test('an unreadable document is null, not an empty policy', () => {
  assert.equal(normalizePolicyOrNull('{not json'), null);
  assert.equal(normalizePolicyOrNull(42), null);
  assert.deepEqual(normalizePolicyOrNull({ Version: '2012-10-17' }), []);
});
