/**
 * The refresh script is deterministic and the committed catalog is what it builds from the staged
 * sources. Needs the sources folder (`../shared/pricing-sources` beside the clone, or
 * $CLOUDWARDEN_PRICING_SOURCES); skipped with the reason when it is absent.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { defaultSourcesDir, stableStringify, writeCatalog } from '../../scripts/refresh-pricing.js';
import { SHIPPED_DATA_DIR } from '../../src/cost/pricing/index.js';

const sources = defaultSourcesDir();
const present = existsSync(join(sources, 'README.md'));
const skip = present ? false : `pricing sources not found at ${sources} (set CLOUDWARDEN_PRICING_SOURCES)`;
if (skip) console.log(`# skipping refresh-pricing tests: ${skip}`);

const out = mkdtempSync(join(tmpdir(), 'cw-refresh-'));
after(() => rmSync(out, { recursive: true, force: true }));

describe('scripts/refresh-pricing.ts', () => {
  it('gives byte-identical files when run twice, equal to the committed catalog', { skip }, () => {
    const first = writeCatalog(sources, join(out, 'a'));
    const second = writeCatalog(sources, join(out, 'b'));
    assert.deepEqual(first.map((f) => basename(f)), ['aws.json', 'azure.json', 'gcp.json']);
    for (const [i, f] of first.entries()) {
      const a = readFileSync(f, 'utf8');
      const b = readFileSync(second[i] ?? '', 'utf8');
      assert.equal(a, b, `${basename(f)} differs between runs`);
      assert.equal(a, readFileSync(join(SHIPPED_DATA_DIR, basename(f)), 'utf8'), `pricing/${basename(f)} is stale: run npm run pricing:refresh`);
    }
  });

  it('opens each file with its header (provider, dates, sources, caveats) before the price tables', () => {
    assert.equal(stableStringify({ instances: [], caveats: ['c'], provider: 'aws' }, 0), '{"provider":"aws","caveats":["c"],"instances":[]}');
  });

  it('writes sorted keys whatever the insertion order', () => {
    assert.equal(stableStringify({ b: 1, a: { d: [1, 2], c: null } }), '{\n  "a": {\n    "c": null,\n    "d": [1,2]\n  },\n  "b": 1\n}');
  });
});
