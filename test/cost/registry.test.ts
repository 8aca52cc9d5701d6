/** Meta-tests: every rule is registered under its id and file name, sorted, valid, and tested. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROVIDERS, NODE_KINDS } from '../../src/graph/schema.js';
import { COST_RULES } from '../../src/cost/rules/index.js';

const RULES_DIR = fileURLToPath(new URL('../../src/cost/rules/', import.meta.url));

describe('cost rule registry', () => {
  it('lists every rule file once, under its file name, sorted', () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();
    const keys = Object.keys(COST_RULES);
    assert.deepEqual(keys, [...keys].sort());
    assert.deepEqual(keys, files);
    for (const [key, rule] of Object.entries(COST_RULES)) assert.equal(rule.id, key);
  });
  it('gives every rule valid metadata, numeric-or-list thresholds and a test beside it with both cases', () => {
    for (const rule of Object.values(COST_RULES)) {
      assert.ok(rule.title.length > 3 && rule.description.length > 20, rule.id);
      assert.ok(rule.providers.length > 0 && rule.providers.every((p) => (PROVIDERS as readonly string[]).includes(p)), rule.id);
      assert.ok(rule.kinds.every((k) => k === 'cost' || (NODE_KINDS as readonly string[]).includes(k)), rule.id);
      for (const [k, v] of Object.entries(rule.defaults)) assert.ok(typeof v === 'number' || Array.isArray(v) || typeof v === 'object', `${rule.id}.${k}`);
      const test = `${RULES_DIR}${rule.id}.test.ts`;
      assert.ok(existsSync(test), `${rule.id} has no test beside it`);
      assert.match(readFileSync(test, 'utf8'), /not fire|does not|ignores|is off/, `${rule.id}: no non-firing case`);
    }
  });
  it('documents every rule and threshold in docs/cost-rules.md', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/cost-rules.md', import.meta.url)), 'utf8');
    for (const rule of Object.values(COST_RULES)) {
      assert.ok(doc.includes(`\`${rule.id}\``), `docs/cost-rules.md lacks ${rule.id}`);
      for (const k of Object.keys(rule.defaults)) assert.ok(doc.includes(k), `docs/cost-rules.md lacks ${rule.id}.${k}`);
    }
  });
});
