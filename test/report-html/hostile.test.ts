/**
 * Hostile input in real Chromium: every free-text field of the results carries payloads that try to
 * set `window.__pwned` or call `alert`. None may run, every payload must show as plain text, and the
 * Content-Security-Policy must refuse an inline script even if one were injected.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { renderHtmlReport } from '../../src/report/html/index.js';
import { artifactPath, chromiumMissing, launchChromium, openReport, type OpenedReport } from './browser.js';
import { HOSTILE, makeHostileResults } from './fixtures.js';
import type { PageDocument, PageWindow } from './page-types.js';

declare const document: PageDocument;
declare const window: PageWindow;

const skip = chromiumMissing();
if (skip) console.log(`# HTML report hostile-input tests skipped: ${skip}`);

describe('HTML report with hostile input in Chromium', { skip: skip ?? false }, () => {
  let browser: Browser;
  let report: OpenedReport;
  let page: Page;
  const results = makeHostileResults();
  const evil = results.findings[0];
  const huge = results.findings[1];
  const toxic = results.findings[2];

  before(async () => {
    browser = await launchChromium();
    report = await openReport(browser, renderHtmlReport(results, { title: `Report ${HOSTILE.script}` }));
    page = report.page;
  });

  after(async () => {
    await report?.close();
    await browser?.close();
  });

  /** Opens every page of every table and every detail dialog of the hostile findings, so any payload gets its chance to run. */
  async function exercise(): Promise<void> {
    await page.selectOption('#findings-page-size', '1000');
    await page.selectOption('#savings-page-size', '1000');
    for (const f of [evil, huge, toxic]) {
      await page.click(`#findings-table tr[data-fingerprint="${f?.fingerprint}"] button.row-open`);
      await page.keyboard.press('Escape');
    }
    await page.click(`#savings-table tr[data-fingerprint="${results.savings[0]?.fingerprint}"] button.row-open`);
    await page.keyboard.press('Escape');
    await page.click(`#resolved-table tbody button.row-open`);
    await page.keyboard.press('Escape');
    await page.fill('#f-search', '<script>');
    await page.fill('#f-search', '');
  }

  it('runs no injected script, opens no dialog, makes no request and logs no error', async () => {
    await exercise();
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(report.dialogs, []);
    assert.deepEqual(report.requests, []);
    assert.deepEqual(report.errors, []);
    // No element or event-handler attribute came from the data.
    const found = await page.evaluate(() => ({
      scripts: document.scripts.length,
      embeds: document.querySelectorAll('img, iframe, object, embed, link, base, form[action], meta[http-equiv="refresh"]').length,
      handlers: Array.from(document.querySelectorAll('*')).filter((e) => Array.from(e.attributes).some((a) => a.name.toLowerCase().startsWith('on'))).length,
      jsUrls: Array.from(document.querySelectorAll('[href]')).filter((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? '')).length,
    }));
    assert.deepEqual(found, { scripts: 2, embeds: 0, handlers: 0, jsUrls: 0 });
    await page.screenshot({ path: artifactPath('hostile.png'), fullPage: false });
  });

  it('shows the payloads as legible text in the table, the detail view and the drawings', async () => {
    await page.selectOption('#findings-page-size', '1000');
    const row = page.locator(`#findings-table tr[data-fingerprint="${evil?.fingerprint}"]`);
    assert.ok(((await row.textContent()) ?? '').includes(HOSTILE.script), 'resource name shown as text');
    await row.locator('button.row-open').click();
    const detail = (await page.textContent('#detail-body')) ?? '';
    for (const p of [HOSTILE.script, HOSTILE.img, HOSTILE.endScript, HOSTILE.handlebars, HOSTILE.svg, HOSTILE.comment, HOSTILE.entity, HOSTILE.emoji]) {
      assert.ok(detail.includes(p), `detail shows ${p}`);
    }
    assert.ok(detail.includes('invoice⟦U+202E⟧fdp.exe'), 'right-to-left override shown as a visible token');
    assert.ok(detail.includes('before⟦U+0000⟧after'), 'NUL shown as a visible token');
    assert.ok(!detail.includes('\u202e'));
    await page.keyboard.press('Escape');
    // Title text went through escaping too.
    assert.equal(await page.title(), `Report ${HOSTILE.script}`);
    // Attack path drawn with the hostile node ids as text.
    const svgText = (await page.locator(`#path-${toxic?.fingerprint} svg`).textContent()) ?? '';
    assert.ok(svgText.includes(HOSTILE.script.slice(0, 15)), 'edge label shown as text');
    const nodeIds = await page.locator(`#path-${toxic?.fingerprint} svg g.node`).evaluateAll((gs) => gs.map((g) => g.getAttribute('data-node-id')));
    assert.deepEqual(nodeIds, toxic?.path?.map((s) => s.nodeId));
    // Coverage and policy errors sections show their payloads as text.
    const coverage = (await page.textContent('#coverage')) ?? '';
    assert.ok(coverage.includes(HOSTILE.img) && coverage.includes(HOSTILE.handlebars));
  });

  it('truncates a 100 KB string in the table and shows all of it in the detail view', async () => {
    const row = page.locator(`#findings-table tr[data-fingerprint="${huge?.fingerprint}"]`);
    const cellText = (await row.locator('td.finding-cell .sub').textContent()) ?? '';
    assert.ok(cellText.length < 300, `table cell is short (${cellText.length})`);
    assert.match(cellText, /… \(100,\d{3} characters\)$/);
    await row.locator('button.row-open').click();
    const message = (await page.locator('#detail-body .long-text').first().textContent()) ?? '';
    assert.equal(message, huge?.message);
    await page.keyboard.press('Escape');
  });

  it('blocks an inline script injected at run time (CSP by hash)', async () => {
    const before = report.errors.length;
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__cspProbe = 1';
      document.body.append(s);
    });
    assert.equal(await page.evaluate(() => window.__cspProbe), undefined);
    await page.waitForFunction(() => true);
    const csp = report.errors.slice(before).join('\n');
    assert.match(csp, /Content Security Policy/, 'Chromium reports the refused script');
    report.errors.splice(before);
  });
});
