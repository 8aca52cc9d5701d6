import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resultsValidator } from '../../src/results/results-io.js';
import { ALL_FORMATS, REPORT_FORMATS, resolveFormats } from '../../src/report/registry.js';
import { writeJson } from '../../src/report/json.js';
import { writeReports } from '../../src/report/write-reports.js';
import { hostileResults } from './fixtures.js';

test('the registry is one sorted table; file names are distinct', () => {
  const names = Object.keys(REPORT_FORMATS);
  assert.deepEqual(names, [...names].sort());
  const files = Object.values(REPORT_FORMATS).map((f) => f.file);
  assert.equal(new Set(files).size, files.length);
});

test('--format names: aliases, all, order, unknown names', () => {
  assert.deepEqual(resolveFormats(['csv']), ['csv-findings', 'csv-savings']);
  assert.deepEqual(resolveFormats(['sarif,md'.split(',')].flat()), ['markdown', 'sarif']);
  assert.deepEqual(resolveFormats(['all']), ALL_FORMATS);
  assert.deepEqual(resolveFormats(['html', 'csv', 'sarif', 'junit', 'md', 'json']), ALL_FORMATS);
  assert.throws(() => resolveFormats(['pdf']), /unknown report format 'pdf': expected all, csv, csv-findings/);
});

test('every writer handles hostile input; JSON is the results document and validates against its schema', () => {
  const results = hostileResults();
  for (const [name, f] of Object.entries(REPORT_FORMATS)) {
    const out = f.write(results, {});
    assert.ok(out.length > 0, name);
  }
  const back = JSON.parse(writeJson(results)) as unknown;
  const validate = resultsValidator();
  assert.equal(validate(back), true, JSON.stringify(validate.errors));
  assert.deepEqual(back, results);
});

test('writeReports writes every file atomically; a failing file leaves no temporary file and the others intact', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-reports-'));
  try {
    const written = await writeReports(dir, hostileResults(), ALL_FORMATS);
    assert.deepEqual((await readdir(dir)).sort(), Object.values(REPORT_FORMATS).map((f) => f.file).sort());
    assert.equal(written.length, ALL_FORMATS.length);
    // A folder where junit.xml should go makes the rename fail.
    await writeFile(join(dir, 'summary.md'), 'previous summary');
    await rm(join(dir, 'junit.xml'));
    await mkdir(join(dir, 'junit.xml'));
    await assert.rejects(writeReports(dir, hostileResults(), ['junit', 'markdown']));
    const files = await readdir(dir);
    assert.deepEqual(files.filter((f) => f.endsWith('.tmp')), []);
    assert.equal(await readFile(join(dir, 'summary.md'), 'utf8'), 'previous summary');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
