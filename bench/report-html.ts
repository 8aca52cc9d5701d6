/**
 * HTML report benchmark: renders a results document of N findings (default 10,000) and M savings
 * (default 2,000), then opens it in headless Chromium (Debian's /usr/bin/chromium) and measures, from
 * navigation start, when the first page of rows is in the DOM and when the search box has answered
 * a query typed as soon as the page was ready.
 *
 *   npm run bench:report-html
 *   npm run bench:report-html -- --findings 50000 --savings 5000 --runs 5
 *
 * Targets: report under 5 MB; time to interactive under 2 s.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderHtmlReport } from '../src/report/html/index.js';
import type { Results } from '../src/results/schema.js';
import { chromiumMissing, launchChromium } from '../test/report-html/browser.js';
import { assemble, COVERAGE, makeFindings, makeSavings, POLICIES, resolvedFindings } from '../test/report-html/fixtures.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { values } = parseArgs({ options: { findings: { type: 'string', default: '10000' }, savings: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' } } });
const nFindings = Number(values.findings);
const nSavings = Number(values.savings);
const runs = Number(values.runs);
for (const [name, n] of [['--findings', nFindings], ['--savings', nSavings], ['--runs', runs]] as const) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a whole number of at least 1`);
}

/** Exactly `n` items spread evenly over `all`, so every kind of finding (toxic ones too) is in the sample. */
function spread<T>(all: T[], n: number): T[] {
  const step = all.length / n;
  return Array.from({ length: n }, (_, i) => all[Math.floor(i * step)] as T);
}

/** About 55 findings and 24 savings per fixture scale step. */
function results(): Results {
  const findings = spread(makeFindings(Math.ceil(nFindings / 50)), nFindings);
  const savings = spread(makeSavings(Math.ceil(nSavings / 24)), nSavings);
  return assemble(POLICIES, findings, savings, COVERAGE, resolvedFindings());
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (n: number): string => `${Math.round(n)} ms`;

const doc = results();
const t0 = performance.now();
const html = renderHtmlReport(doc);
const firstRender = performance.now() - t0;
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  renderHtmlReport(doc);
  warm.push(performance.now() - t);
}
const bytes = Buffer.byteLength(html);
console.log(`findings ${doc.findings.length.toLocaleString('en-US')}, savings ${doc.savings.length.toLocaleString('en-US')}`);
console.log(`render in Node: ${ms(firstRender)} first (templates compiled), ${ms(median(warm))} median of ${runs} warm`);
console.log(`report size: ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes.toLocaleString('en-US')} bytes; target < 5 MB) ${bytes < 5 * 1024 * 1024 ? 'OK' : 'OVER'}`);

const missing = chromiumMissing();
if (missing) {
  console.log(`time to interactive: not measured, ${missing}`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-report-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  const browser = await launchChromium();
  try {
    const samples: { rows: number; search: number; searchMs: number; fcp: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, offline: true });
      const page = await context.newPage();
      // Runs after the report's own script (DOMContentLoaded follows inline scripts): types a query
      // into the search box at the first moment the page is ready and notes when the table answered.
      await page.addInitScript(() => {
        const w = globalThis as unknown as Record<string, unknown> & { document: { addEventListener(t: string, f: () => void): void; getElementById(id: string): { value: string; dispatchEvent(e: unknown): void; dataset: Record<string, string> } | null } };
        w.document.addEventListener('DOMContentLoaded', () => {
          const box = w.document.getElementById('f-search');
          const count = w.document.getElementById('findings-count');
          if (!box || !count) return;
          const before = count.dataset.matching;
          const t = performance.now();
          box.value = 'acme-web';
          const InputEvent = w.Event as new (type: string, init: { bubbles: boolean }) => unknown;
          box.dispatchEvent(new InputEvent('input', { bubbles: true }));
          w.__cwBench = { searchStart: t, searchDone: performance.now(), changed: count.dataset.matching !== before };
        });
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForSelector('body[data-ready="true"]');
      const m = await page.evaluate(() => {
        const w = globalThis as unknown as { __cwBench?: { searchStart: number; searchDone: number; changed: boolean } };
        const mark = performance.getEntriesByName('cw-interactive')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return { rows: mark?.startTime ?? NaN, bench: w.__cwBench ?? null, fcp: fcp?.startTime ?? NaN };
      });
      if (!m.bench?.changed) throw new Error('the search box did not answer');
      samples.push({ rows: m.rows, search: m.bench.searchDone, searchMs: m.bench.searchDone - m.bench.searchStart, fcp: m.fcp });
      await context.close();
    }
    const tti = median(samples.map((s) => Math.max(s.search, s.fcp)));
    console.log(`first page of rows in the DOM: ${ms(median(samples.map((s) => s.rows)))} after navigation start (median of ${runs})`);
    console.log(`search answered: ${ms(median(samples.map((s) => s.search)))} after navigation start (the query itself ${median(samples.map((s) => s.searchMs)).toFixed(1)} ms over ${doc.findings.length.toLocaleString('en-US')} findings)`);
    console.log(`first contentful paint: ${ms(median(samples.map((s) => s.fcp)))}`);
    console.log(`time to interactive: ${ms(tti)} (later of search answered and first paint; target < 2 s) ${tti < 2000 ? 'OK' : 'OVER'}`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
