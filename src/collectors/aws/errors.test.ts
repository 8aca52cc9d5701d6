import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyAwsError } from './errors.js';

const err = (name: string, status?: number, message = 'x') => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

test('throttling codes of every protocol are throttled', () => {
  for (const [code, status] of [['Throttling', 400], ['RequestLimitExceeded', 503], ['SlowDown', 503], ['LimitExceededException', 400], ['TooManyRequestsException', 400], ['Whatever', 429]] as const) {
    assert.equal(classifyAwsError(err(code, status)).kind, 'throttled', code);
  }
});

test('access denied in its protocol spellings is denied; 5xx, network and truncated bodies are transient', () => {
  for (const code of ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']) assert.equal(classifyAwsError(err(code, 403)).kind, 'denied', code);
  assert.equal(classifyAwsError(err('InternalError', 500)).kind, 'transient');
  assert.equal(classifyAwsError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).kind, 'transient');
  assert.equal(classifyAwsError(err('SyntaxError', 200, 'Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.')).kind, 'transient');
  assert.equal(classifyAwsError(err('ValidationError', 400)).kind, 'fatal');
  assert.equal(classifyAwsError('weird').kind, 'fatal');
});
