/** Writes docs/policies.md from the built-in checks' METADATA (`npm run docs:policies`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUILTIN_POLICY_DIR, loadPolicies } from '../src/policy/load-policies.js';
import { POLICIES_DOC_PATH, renderPoliciesDoc } from '../src/policy/policies-doc.js';

const loaded = await loadPolicies([BUILTIN_POLICY_DIR]);
mkdirSync(dirname(POLICIES_DOC_PATH), { recursive: true });
writeFileSync(POLICIES_DOC_PATH, renderPoliciesDoc(loaded.checks.map((c) => c.info)));
console.log(`wrote ${POLICIES_DOC_PATH} (${loaded.checks.length} checks)`);
