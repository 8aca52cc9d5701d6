/** The installed entry point (`npx cloudwarden`) runs the built CLI. `npm test` builds first. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/cloudwarden.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)));

test('bin/cloudwarden.js prints help and the version', { skip: built ? false : 'dist/ not built: run `npm run build` (npm test does)' }, () => {
  const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.match(help, /Usage: cloudwarden COMMAND/);
  const version = execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim();
  assert.match(version, /^\d+\.\d+\.\d+/);
  const bad = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown command 'frobnicate'/);
});
