import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resultsValidator } from '../../src/results/results-io.js';
import { hostileResults } from './fixtures.js';

test('the hostile fixture is a valid results document (so the writers see realistic input)', () => {
  const validate = resultsValidator();
  assert.equal(validate(hostileResults()), true, JSON.stringify(validate.errors));
});
