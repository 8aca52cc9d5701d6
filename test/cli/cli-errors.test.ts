/**
 * Bad input must give a specific message and exit 2, and leave no output file behind.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../../src/cli/main.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-cli-'));

test('help: top level and per command, generated from the same option declarations', async () => {
  const top = await runCli(['--help']);
  assert.equal(top.code, 0);
  for (const cmd of Object.keys(COMMANDS)) assert.match(top.stdout, new RegExp(`^  ${cmd} `, 'm'));
  const collect = await runCli(['collect', '--help']);
  assert.equal(collect.code, 0);
  assert.match(collect.stdout, /--libvirt-uri URI/);
  assert.match(collect.stdout, /--out FILE/);
  const none = await runCli([]);
  assert.equal(none.code, 2);
  assert.match(none.stdout, /Usage: cloudwarden COMMAND/);
});

test('unknown command, unknown option and stray arguments are usage errors (exit 2)', async () => {
  const r1 = await runCli(['colect']);
  assert.equal(r1.code, 2);
  assert.ok(r1.stderr.includes(`unknown command 'colect': expected one of ${Object.keys(COMMANDS).join(', ')}.`), r1.stderr);
  assert.deepEqual(Object.keys(COMMANDS), Object.keys(COMMANDS).sort(), 'the command table is sorted');
  const r2 = await runCli(['collect', '--provder', 'libvirt']);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /collect: unknown option '--provder'.*cloudwarden collect --help/);
  const r3 = await runCli(['validate']);
  assert.equal(r3.code, 2);
  assert.match(r3.stderr, /validate: missing SNAPSHOT/);
});

test('unknown and not-yet-available providers are named', async () => {
  const out = join(dir, 'p.json');
  const r1 = await runCli(['collect', '--provider', 'digitalocean', '--out', out]);
  assert.equal(r1.code, 2);
  assert.match(r1.stderr, /unknown provider 'digitalocean': expected one of aws, gcp, azure, libvirt/);
  const r2 = await runCli(['collect', '--out', out], { cwd: dir });
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /no provider selected/);
  assert.equal(existsSync(out), false);
});

test('a malformed config file is reported with file, line and field', async () => {
  const cfg = join(dir, 'bad.yaml');
  writeFileSync(cfg, 'collect:\n  concurrency: -3\n');
  const r = await runCli(['collect', '--provider', 'libvirt', '--config', cfg, '--out', join(dir, 'x.json')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\.yaml:2:16: collect\.concurrency: must be >= 1/);
  const missing = await runCli(['collect', '--config', join(dir, 'nope.yaml'), '--out', join(dir, 'x.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.yaml: cannot read config file \(no such file\)/);
  assert.equal(existsSync(join(dir, 'x.json')), false);
});

test('bad env overrides and flags name their source', async () => {
  const r = await runCli(['collect', '--provider', 'libvirt', '--out', join(dir, 'e.json')], { env: { CLOUDWARDEN_CONCURRENCY: 'many' }, cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /CLOUDWARDEN_CONCURRENCY: expected a whole number from 1 to 1024, got 'many'/);
  const f = await runCli(['collect', '--provider', 'libvirt', '--log-format', 'xml', '--out', join(dir, 'e.json')], { cwd: dir });
  assert.equal(f.code, 2);
  assert.match(f.stderr, /--log-format: expected 'text' or 'json', got 'xml'/);
  const o = await runCli(['collect', '--provider', 'libvirt', '--out', join(dir, 'e.yaml')], { cwd: dir });
  assert.equal(o.code, 2);
  assert.match(o.stderr, /expected a file name ending in \.json or \.json\.gz/);
});

test('validate: malformed and truncated snapshots give specific messages and exit 2', async () => {
  const truncated = join(dir, 'trunc.json');
  writeFileSync(truncated, '{"schemaVersion":"1.0","tool":{"name":"x","version":"1"},"startedAt":"2026-11-25T00:00:00Z","finishedAt":"2026-11-25T00:00:00Z","scope":{"providers":[],"accounts":[],"regions":[]},\n"nodes":[\n{"id":"a"');
  const r1 = await runCli(['validate', truncated]);
  assert.equal(r1.code, 2);
  assert.match(r1.stderr, /trunc\.json: line 3, column \d+: nodes\[0\]: unexpected end of file.*truncated/);
  const garbage = join(dir, 'garbage.json');
  writeFileSync(garbage, 'not json at all');
  const r2 = await runCli(['validate', garbage]);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /garbage\.json: line 1, column 1: expected '\{' \(a snapshot is a JSON object\)/);
});

test('JSON log lines in CI mode', async () => {
  const r = await runCli(['colect', '--log-format', 'json'], { env: { CLOUDWARDEN_LOG_FORMAT: 'json' } });
  assert.equal(r.code, 2);
  const line = JSON.parse(r.stderr.trim().split('\n')[0] ?? '') as { level: string; msg: string };
  assert.equal(line.level, 'error');
  assert.match(line.msg, /unknown command 'colect'/);
});

test('nothing half-written is left in the working folder', () => {
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});
