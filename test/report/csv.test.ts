import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { FINDINGS_CSV_COLUMNS, writeFindingsCsv } from '../../src/report/csv-findings.js';
import { SAVINGS_CSV_COLUMNS, writeSavingsCsv } from '../../src/report/csv-savings.js';
import { csvDocument, money, neutralizeFormula, quoteCsvField } from '../../src/report/csv.js';
import { finding, HOSTILE, hostileResults, makeResults, saving } from './fixtures.js';

const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false }) as string[][];

test('RFC 4180: cells with comma, quote, CR or LF are quoted with doubled quotes; records end with CRLF', () => {
  assert.equal(quoteCsvField('plain'), 'plain');
  assert.equal(quoteCsvField('a,b'), '"a,b"');
  assert.equal(quoteCsvField('say "hi"'), '"say ""hi"""');
  assert.equal(quoteCsvField('a\nb'), '"a\nb"');
  assert.equal(quoteCsvField('a\rb'), '"a\rb"');
  const doc = csvDocument(['A', 'B'], [['x', 'y,z']]);
  assert.equal(doc, 'A,B\r\nx,"y,z"\r\n');
  assert.equal(csvDocument(['A'], [], { bom: true }), '\uFEFFA\r\n');
});

test('formula triggers are neutralised with a leading quote; our own numbers are not', () => {
  for (const t of ['=1+1', '+1', '-1', '@x', '\tx', '\rx']) assert.equal(neutralizeFormula(t), `'${t}`);
  for (const t of ['1+1', 'a=b', ' =x', '']) assert.equal(neutralizeFormula(t), t);
  assert.deepEqual(money(-12.5), { number: '-12.50' });
  assert.equal(csvDocument(['N'], [[money(-3)]]), 'N\r\n-3.00\r\n');
});

test('findings CSV: hostile strings survive a real CSV parser, and no cell starts a formula', () => {
  const results = hostileResults();
  const rows = parseCsv(writeFindingsCsv(results));
  assert.deepEqual(rows[0], [...FINDINGS_CSV_COLUMNS]);
  assert.equal(rows.length, results.findings.length + 1);
  for (const row of rows.slice(1)) {
    assert.equal(row.length, FINDINGS_CSV_COLUMNS.length);
    for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `cell starts a formula: ${JSON.stringify(cell)}`);
  }
  const messages = rows.slice(1).map((r) => r[FINDINGS_CSV_COLUMNS.indexOf('Message')]);
  for (const [i, text] of Object.values(HOSTILE).entries()) {
    const expected = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    assert.equal(messages[i], expected, `round trip of ${JSON.stringify(text)}`);
  }
});

test('findings CSV columns: frameworks, suppressed reason, baseline status, first seen', () => {
  const results = makeResults({
    findings: [
      finding('aws.s3.bucket_public_acl', 'arn:aws:s3:::a', {
        suppressed: { reason: 'public website', owner: 'web', expires: '2030-01-01', source: '.cloudwarden-ignore.yaml:3' },
        baseline: 'existing',
        firstSeen: '2026-01-01T00:00:00.000Z',
        frameworks: [{ framework: 'cis-aws-3.0', controls: ['2.1.4', '2.1.5'] }],
      }),
    ],
  });
  const [header, row] = parseCsv(writeFindingsCsv(results));
  const col = (name: string): string | undefined => row?.[header?.indexOf(name) ?? -1];
  assert.equal(col('Suppressed'), 'yes: public website');
  assert.equal(col('BaselineStatus'), 'existing');
  assert.equal(col('FirstSeen'), '2026-01-01T00:00:00.000Z');
  assert.equal(col('Frameworks'), 'cis-aws-3.0:2.1.4+2.1.5');
});

test('savings CSV: FOCUS column names, sorted by savings, two decimals without separators, Tags as JSON', () => {
  const results = makeResults({
    savings: [
      saving('vol-small', 1.5),
      saving('vol-unknown', null, { monthlyCost: null }),
      saving('vol-big', 12345.678, { tags: { b: '2', a: '1' } }),
      saving('vol-mid', 100),
    ],
  });
  const rows = parseCsv(writeSavingsCsv(results, { bom: true }));
  assert.deepEqual(rows[0], [...SAVINGS_CSV_COLUMNS]);
  const idx = (n: string): number => SAVINGS_CSV_COLUMNS.indexOf(n as (typeof SAVINGS_CSV_COLUMNS)[number]);
  assert.deepEqual(
    rows.slice(1).map((r) => r[idx('ResourceId')]),
    ['vol-big', 'vol-mid', 'vol-small', 'vol-unknown'],
  );
  assert.equal(rows[1]?.[idx('EstimatedMonthlySavings')], '12345.68');
  assert.equal(rows[3]?.[idx('EstimatedMonthlySavings')], '1.50');
  assert.equal(rows[4]?.[idx('EstimatedMonthlySavings')], '');
  assert.deepEqual(JSON.parse(rows[1]?.[idx('Tags')] ?? ''), { a: '1', b: '2' });
  assert.equal(rows[1]?.[idx('ProviderName')], 'aws');
  assert.equal(rows[1]?.[idx('SubAccountId')], '123456789012');
  assert.equal(rows[1]?.[idx('BillingCurrency')], 'USD');
});

test('savings CSV with hostile strings parses back cell for cell; the BOM is only there when asked', () => {
  const results = hostileResults();
  const plain = writeSavingsCsv(results);
  assert.notEqual(plain.charCodeAt(0), 0xfeff);
  assert.equal(writeSavingsCsv(results, { bom: true }).charCodeAt(0), 0xfeff);
  const rows = parseCsv(plain);
  assert.equal(rows.length, results.savings.length + 1);
  const rec = SAVINGS_CSV_COLUMNS.indexOf('Recommendation');
  const got = new Set(rows.slice(1).map((r) => r[rec]));
  for (const text of Object.values(HOSTILE)) assert.ok(got.has(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text), JSON.stringify(text));
  for (const row of rows.slice(1)) {
    const tags = JSON.parse(row[SAVINGS_CSV_COLUMNS.indexOf('Tags')] ?? '') as Record<string, string>;
    assert.equal(typeof tags.note, 'string');
  }
});

const exec = promisify(execFile);

async function findSoffice(): Promise<string | null> {
  for (const name of ['soffice', 'libreoffice']) {
    try {
      await exec(name, ['--version'], { timeout: 60_000 });
      return name;
    } catch {
      // try the next
    }
  }
  return null;
}

test('LibreOffice opens the savings CSV as text cells, not formulas (skipped without LibreOffice)', async (t) => {
  const soffice = await findSoffice();
  if (!soffice) {
    const reason = 'LibreOffice (soffice) is not installed; the CSV parser tests above cover CI';
    console.log(`skipping: ${reason}`);
    t.skip(reason);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'cw-csv-'));
  try {
    await writeFile(join(dir, 'savings.csv'), writeSavingsCsv(hostileResults(), { bom: true }));
    await exec(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false', '--outdir', join(dir, 'out'), join(dir, 'savings.csv')], { timeout: 120_000 });
    const back = parseCsv(await readFile(join(dir, 'out', 'savings.csv'), 'utf8'));
    const rec = SAVINGS_CSV_COLUMNS.indexOf('Recommendation');
    const cells = back.slice(1).map((r) => r[rec] ?? '');
    // LibreOffice evaluates formulas on CSV import (`=1+1` comes back as 2, the classic `=cmd|…` as
    // Err:509); the neutralised cells come back as the text we wrote.
    for (const text of [HOSTILE.formula, HOSTILE.plus, HOSTILE.minus, HOSTILE.at]) assert.ok(cells.includes(`'${text}`), `${text}: ${JSON.stringify(cells)}`);
    assert.ok(cells.includes(HOSTILE.emoji), JSON.stringify(cells));
    assert.ok(cells.includes(HOSTILE.script), JSON.stringify(cells));
    assert.ok(!cells.some((c) => /^(#NAME\?|Err:\d+|-?\d+(\.\d+)?)$/.test(c)), JSON.stringify(cells));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
