/**
 * Renders the HTML report for a results file (or the built-in sample) and saves a screenshot of its
 * top (summary, coverage gaps, start of the findings table) for the README.
 *
 *   npm run report:screenshot                              # built-in sample → docs/images/report.png
 *   npm run report:screenshot -- results.json --out shot.png --height 1500
 *
 * Needs Debian's Chromium at /usr/bin/chromium (never downloads a browser).
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderHtmlReport } from '../src/report/html/index.js';
import type { Results } from '../src/results/schema.js';
import { chromiumMissing, launchChromium, openReport } from '../test/report-html/browser.js';
import { makeResults, validateResults } from '../test/report-html/fixtures.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', default: 'docs/images/report.png' }, width: { type: 'string', default: '1280' }, height: { type: 'string', default: '1480' } },
});
const width = Number(values.width);
const height = Number(values.height);
if (!Number.isInteger(width) || !Number.isInteger(height) || width < 320 || height < 240) throw new Error('--width/--height: whole numbers of pixels');

const missing = chromiumMissing();
if (missing) {
  console.error(`report:screenshot: ${missing}`);
  process.exit(2);
}

let results: Results;
const file = positionals[0];
if (file) {
  results = JSON.parse(readFileSync(file, 'utf8')) as Results;
  const problems = validateResults(results);
  if (problems) throw new Error(`${file} is not a valid results document:\n${problems}`);
} else {
  results = makeResults();
}

const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });
const browser = await launchChromium();
try {
  const report = await openReport(browser, renderHtmlReport(results, { title: 'Cloud security & cost report' }), { width, height });
  if (report.errors.length) throw new Error(`the report logged errors:\n${report.errors.join('\n')}`);
  await report.page.screenshot({ path: out, fullPage: false });
  await report.close();
} finally {
  await browser.close();
}
console.log(`wrote ${out} (${Math.round(statSync(out).size / 1024)} KB)`);
