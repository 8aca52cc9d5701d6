import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resultsValidator } from '../../src/results/results-io.js';
import { ALL_FORMATS, REPORT_FORMATS, resolveFormats } from '../../src/report/registry.js';
import { writeJson } from '../../src/report/json.js';
import { writeReports } from '../../src/report/write-reports.js';
import type { Finding, Results } from '../../src/results/schema.js';
import { writeFindingsCsv } from '../../src/report/csv-findings.js';
import { writeSavingsCsv } from '../../src/report/csv-savings.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import { writeJunit } from '../../src/report/junit.js';
import { writeMarkdown } from '../../src/report/markdown.js';
import { writeSarif } from '../../src/report/sarif.js';
import { finding, hostileResults, makeResults, policy } from './fixtures.js';

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
    const out = [...f.write(results, {})].join('');
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

async function withDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cw-reports-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('writeReports streams each format to a file that is the same as the format as one string', async () => {
  await withDir(async (dir) => {
    const results = hostileResults();
    const options = { bom: true, suppressionWarnings: ['<b>expired</b>'] };
    await writeReports(dir, results, ALL_FORMATS, options);
    const read = (name: ReportFileName): Promise<string> => readFile(join(dir, REPORT_FORMATS[name].file), 'utf8');
    // JSON against an independent answer; the others against the whole-string functions the format tests check.
    assert.equal(await read('json'), `${JSON.stringify(results, null, 2)}\n`);
    assert.equal(await read('sarif'), writeSarif(results, options));
    assert.equal(await read('junit'), writeJunit(results, options));
    assert.equal(await read('csv-findings'), writeFindingsCsv(results, options));
    assert.equal(await read('csv-savings'), writeSavingsCsv(results, options));
    assert.equal(await read('markdown'), writeMarkdown(results, options));
    assert.equal(await read('html'), renderHtmlReport(results));
  });
});

type ReportFileName = keyof typeof REPORT_FORMATS;

/** `n` findings with little text in them, over a few checks. */
function manyFindings(n: number): Results {
  const policies = ['aws.s3.bucket_public_acl', 'aws.ec2.open_port', 'aws.iam.root_mfa'].map((id) => policy(id));
  const findings = Array.from({ length: n }, (_, i): Finding => {
    const p = policies[i % policies.length]?.id ?? '';
    return finding(p, `r-${i}`, { fingerprint: i.toString(36), message: 'm', resourceName: null, evidence: null, frameworks: [], recommendedActions: [] });
  });
  return makeResults({ policies, findings });
}

test('writeReports writes 200,000 findings as JSON piece by piece: the file is on disk before the last finding is made', async () => {
  await withDir(async (dir) => {
    const results = manyFindings(200_000);
    // The last finding looks at the temporary file when the writer gets to it: by then most of
    // the document must already be written out, not held in memory.
    let onDiskBeforeLast = -1;
    const last = results.findings[results.findings.length - 1] as Finding;
    results.findings[results.findings.length - 1] = Object.assign({ ...last }, {
      toJSON: () => {
        // Only the writer's call counts (the expected text below calls it again).
        if (onDiskBeforeLast < 0) onDiskBeforeLast = readdirSync(dir).filter((f) => f.endsWith('.tmp')).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
        return last;
      },
    });
    const [file = ''] = await writeReports(dir, results, ['json']);
    const text = await readFile(file, 'utf8');
    assert.equal(text, `${JSON.stringify(results, null, 2)}\n`);
    assert.equal((JSON.parse(text) as Results).findings.length, 200_000);
    assert.ok(onDiskBeforeLast > text.length / 2, `${onDiskBeforeLast} of ${text.length} bytes on disk when the last finding was made`);
  });
});

test('a writer that throws halfway leaves no temporary file and every previous report as it was', async () => {
  await withDir(async (dir) => {
    for (const name of ['findings.csv', 'results.json', 'summary.md']) await writeFile(join(dir, name), `previous ${name}`);
    const results = manyFindings(20_000);
    // JSON.stringify throws on a BigInt: the JSON writer fails after megabytes were flushed to its temporary file.
    (results.findings[19_999] as Finding).evidence = { size: 1n } as unknown as Finding['evidence'];
    await assert.rejects(writeReports(dir, results, ['csv-findings', 'json', 'markdown']), /BigInt/);
    assert.deepEqual((await readdir(dir)).sort(), ['findings.csv', 'results.json', 'summary.md']);
    for (const name of ['findings.csv', 'results.json', 'summary.md']) assert.equal(await readFile(join(dir, name), 'utf8'), `previous ${name}`);
  });
});
