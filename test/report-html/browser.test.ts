/**
 * The HTML report in real headless Chromium (Debian's /usr/bin/chromium through playwright-core):
 * every expectation is computed here from the input results, independently of the renderer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Finding, Results } from '../../src/results/schema.js';
import { SEVERITIES } from '../../src/results/schema.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import { artifactPath, chromiumMissing, launchChromium, openReport, visibleFingerprints, type OpenedReport } from './browser.js';
import { complianceFixture, EXPECTED_CONTROLS } from './compliance-fixture.js';
import { dedupSavings, makeResults } from './fixtures.js';
import type { PageComputedStyle, PageDocument, PageElement, PageEventConstructor, PageWindow } from './page-types.js';

declare const document: PageDocument;
declare const window: PageWindow;
declare const Event: PageEventConstructor;
declare const getComputedStyle: PageComputedStyle;

const skip = chromiumMissing();
if (skip) console.log(`# HTML report browser tests skipped: ${skip}`);

const num = (text: string | null): number => Number((text ?? '').replace(/[^0-9.-]/g, ''));
const usd = (n: number): string => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(n);
const sorted = (xs: string[]): string[] => [...xs].sort();
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** sRGB `rgb(…)`/`rgba(…)` → [r, g, b, a]. */
function rgba(css: string): [number, number, number, number] {
  const m = /rgba?\(([^)]+)\)/.exec(css);
  const [r = 0, g = 0, b = 0, a = 1] = (m?.[1] ?? '0,0,0,0').split(',').map((x) => Number(x.trim()));
  return [r, g, b, a];
}

/** WCAG 2 contrast ratio of two opaque colours. */
function contrast(fg: string, bg: string): number {
  const lum = (c: string): number => {
    const [r, g, b] = rgba(c).map((v, i) => (i < 3 ? (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4) : v));
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return ((a ?? 0) + 0.05) / ((b ?? 0) + 0.05);
}

/** What the search box matches: every word, case-insensitively, in these fields. */
function searchHit(f: Finding, query: string): boolean {
  const hay = [f.title, f.message, f.resourceId, f.resourceName, f.policyId, f.account, f.region, f.discriminator].filter((x) => x != null).join('\n').toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((t) => hay.includes(t));
}

async function stat(page: Page, name: string): Promise<number> {
  return num(await page.textContent(`[data-stat="${name}"]`));
}

async function clearFilters(page: Page): Promise<void> {
  await page.fill('#f-search', '');
  for (const id of ['f-severity', 'f-provider', 'f-account', 'f-policy', 'f-framework', 'f-baseline', 'f-status', 'f-path']) await page.selectOption(`#${id}`, '');
}

describe('HTML report in Chromium', { skip: skip ?? false }, () => {
  let browser: Browser;
  let report: OpenedReport;
  let page: Page;
  const results: Results = makeResults();
  const all = results.findings;

  before(async () => {
    browser = await launchChromium();
    report = await openReport(browser, renderHtmlReport(results, { pageSize: 25 }));
    page = report.page;
  });

  after(async () => {
    await report?.close();
    await browser?.close();
  });

  it('opens from file:// offline with no console error, page error, dialog or network request', async () => {
    await page.screenshot({ path: artifactPath('report.png'), fullPage: true });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.dialogs, []);
    assert.deepEqual(report.requests, []);
  });

  it('shows summary numbers equal to counts computed from the input', async () => {
    const open = all.filter((f) => !f.suppressed);
    assert.equal(await stat(page, 'open'), open.length);
    assert.equal(await stat(page, 'suppressed'), all.length - open.length);
    for (const s of SEVERITIES) {
      assert.equal(await stat(page, `open-${s}`), open.filter((f) => f.severity === s).length, `open ${s}`);
      assert.equal(await stat(page, `suppressed-${s}`), all.filter((f) => f.severity === s && f.suppressed).length, `suppressed ${s}`);
    }
    assert.equal(await stat(page, 'gaps'), results.coverage.filter((c) => c.status !== 'ok').length);
    assert.equal(await page.textContent('[data-stat="savings-dedup"]'), usd(dedupSavings(results.savings)));
    const raw = results.savings.reduce((s, x) => s + (x.monthlySavings ?? 0), 0);
    assert.equal(await page.textContent('[data-stat="savings-total-USD"]'), usd(raw));
    assert.equal(await stat(page, 'resources'), results.snapshot.resources);
    assert.equal(await stat(page, 'policies'), results.policies.length);
    assert.equal(await page.textContent('[data-stat="duration"]').then((t) => t?.split('(')[0]?.trim()), '3 min 47 s');
    assert.match((await page.textContent('[data-stat="pricing"]')) ?? '', /aws 2026-11-01/);
    assert.equal(await page.textContent('[data-stat="tool"]'), 'cloudwarden 0.1.0');
    // By provider: open / suppressed / total per row.
    const rows = await page.$$eval('[data-table="by-provider"] tbody tr', (trs) => trs.map((tr) => Array.from((tr as PageElement).children).map((c) => c.textContent ?? '')));
    for (const [provider, o, s, t] of rows) {
      const of = all.filter((f) => f.provider === provider);
      assert.deepEqual([num(o ?? ''), num(s ?? ''), num(t ?? '')], [of.filter((f) => !f.suppressed).length, of.filter((f) => f.suppressed).length, of.length], provider);
    }
    assert.equal(rows.length, new Set(all.map((f) => f.provider)).size);
  });

  it('search narrows the table to exactly the matching findings', async () => {
    await clearFilters(page);
    await page.selectOption('#findings-page-size', '1000');
    assert.deepEqual(sorted(await visibleFingerprints(page)), sorted(all.map((f) => f.fingerprint)));
    for (const q of ['acme-web', 'ADMINISTRATOR', '222222222222 tcp/22', 'europe-west1 public', 'no-such-thing']) {
      await page.fill('#f-search', q);
      const want = all.filter((f) => searchHit(f, q)).map((f) => f.fingerprint);
      assert.deepEqual(sorted(await visibleFingerprints(page)), sorted(want), q);
      assert.equal(num(await page.getAttribute('#findings-count', 'data-matching')), want.length);
    }
    await page.fill('#f-search', '');
  });

  it('each filter, alone and combined, shows exactly the matching findings', async () => {
    await clearFilters(page);
    await page.selectOption('#findings-page-size', '1000');
    const cases: [string, string, (f: Finding) => boolean][] = [
      ['f-severity', 'high', (f) => f.severity === 'high'],
      ['f-severity', 'info', (f) => f.severity === 'info'],
      ['f-provider', 'gcp', (f) => f.provider === 'gcp'],
      ['f-account', '222222222222', (f) => f.account === '222222222222'],
      ['f-policy', 'aws.iam.user_without_mfa', (f) => f.policyId === 'aws.iam.user_without_mfa'],
      ['f-framework', 'cis-gcp-3.0', (f) => f.frameworks.some((r) => r.framework === 'cis-gcp-3.0')],
      ['f-baseline', 'new', (f) => f.baseline === 'new'],
      ['f-baseline', 'existing', (f) => f.baseline === 'existing'],
      ['f-status', 'suppressed', (f) => f.suppressed != null],
      ['f-status', 'open', (f) => f.suppressed == null],
      ['f-path', 'yes', (f) => (f.path?.length ?? 0) > 0],
    ];
    for (const [id, value, pred] of cases) {
      await page.selectOption(`#${id}`, value);
      const want = all.filter(pred).map((f) => f.fingerprint);
      assert.ok(want.length > 0 && want.length < all.length, `${id}=${value} is a real filter on this fixture`);
      assert.deepEqual(sorted(await visibleFingerprints(page)), sorted(want), `${id}=${value}`);
      await page.selectOption(`#${id}`, '');
    }
    // Combined: provider aws + open + search.
    await page.selectOption('#f-provider', 'aws');
    await page.selectOption('#f-status', 'open');
    await page.fill('#f-search', 'bucket');
    const want = all.filter((f) => f.provider === 'aws' && !f.suppressed && searchHit(f, 'bucket')).map((f) => f.fingerprint);
    assert.deepEqual(sorted(await visibleFingerprints(page)), sorted(want));
    // "Clear filters" resets the form and shows everything again.
    await page.click('#finding-filters button[type="reset"]');
    await page.waitForFunction((n) => document.querySelector('#findings-count')?.getAttribute('data-matching') === String(n), all.length);
    assert.equal((await visibleFingerprints(page)).length, all.length);
  });

  it('sorts by a column both ways, with the default order by severity', async () => {
    await clearFilters(page);
    await page.selectOption('#findings-page-size', '1000');
    const bySeverity = (await visibleFingerprints(page)).map((fp) => all.find((f) => f.fingerprint === fp)?.severity ?? 'x');
    assert.deepEqual(bySeverity, [...bySeverity].sort((a, b) => SEVERITIES.indexOf(a as never) - SEVERITIES.indexOf(b as never)));
    assert.equal(await page.getAttribute('#findings-table th[data-sort="severity"]', 'aria-sort'), 'ascending');
    const label = (fp: string): string => {
      const f = all.find((x) => x.fingerprint === fp);
      return f?.resourceName ?? f?.resourceId ?? '';
    };
    await page.click('#findings-table th[data-sort="resource"] button');
    const asc = (await visibleFingerprints(page)).map(label);
    assert.deepEqual(asc, [...asc].sort(collator.compare));
    assert.equal(await page.getAttribute('#findings-table th[data-sort="resource"]', 'aria-sort'), 'ascending');
    await page.keyboard.press('Enter'); // the header button keeps focus: Enter sorts the other way
    const desc = (await visibleFingerprints(page)).map(label);
    assert.deepEqual(desc, [...asc].sort(collator.compare).reverse());
    assert.equal(await page.getAttribute('#findings-table th[data-sort="resource"]', 'aria-sort'), 'descending');
    await page.click('#findings-table th[data-sort="firstSeen"] button');
    const seen = (await visibleFingerprints(page)).map((fp) => all.find((f) => f.fingerprint === fp)?.firstSeen ?? null);
    const known = seen.filter((s): s is string => s != null);
    assert.deepEqual(known, [...known].sort(), 'first seen ascending');
    assert.ok(seen.slice(known.length).every((s) => s == null), 'findings never seen before sort last');
    await page.click('#findings-table th[data-sort="severity"] button');
  });

  it('pages through the findings', async () => {
    await clearFilters(page);
    await page.selectOption('#findings-page-size', '25');
    const seen: string[] = [];
    const pages = Math.ceil(all.length / 25);
    for (let p = 0; p < pages; p++) {
      const rows = await visibleFingerprints(page);
      assert.equal(rows.length, p < pages - 1 ? 25 : all.length - 25 * (pages - 1), `page ${p + 1}`);
      assert.match((await page.textContent('[data-pager="findings"] .pager-pos')) ?? '', new RegExp(`Page ${p + 1} of ${pages}`));
      seen.push(...rows);
      if (p < pages - 1) await page.click('[data-pager="findings"] [data-page="next"]');
    }
    assert.ok(await page.isDisabled('[data-pager="findings"] [data-page="next"]'));
    assert.deepEqual(sorted(seen), sorted(all.map((f) => f.fingerprint)), 'the pages together hold every finding once');
    await page.click('[data-pager="findings"] [data-page="first"]');
    assert.ok(await page.isDisabled('[data-pager="findings"] [data-page="prev"]'));
    assert.match((await page.textContent('#findings-count')) ?? '', new RegExp(`Showing 1–25 of ${all.length} findings`));
  });

  it('opens the detail view by click and by keyboard, with evidence, remediation and suppression', async () => {
    await clearFilters(page);
    await page.selectOption('#f-status', 'suppressed');
    await page.selectOption('#f-policy', 'aws.s3.bucket_public_acl');
    const [fp] = await visibleFingerprints(page);
    const f = all.find((x) => x.fingerprint === fp) as Finding;
    const button = page.locator(`#findings-table tr[data-fingerprint="${fp}"] button.row-open`);
    await button.click();
    assert.ok(await page.isVisible('#detail'));
    const text = (await page.textContent('#detail')) ?? '';
    assert.equal(await page.textContent('#detail-title'), f.title);
    assert.ok(text.includes(f.message));
    assert.ok(text.includes(f.resourceId));
    // Evidence as key/value rows, nested values included.
    const kv = await page.$$eval('#detail-body table.kv th', (ths) => ths.map((t) => t.textContent));
    for (const key of ['grants', 'grantee', 'permission', 'blockPublicAcls', 'accountBlock']) assert.ok(kv.includes(key), key);
    for (const step of f.recommendedActions) assert.ok(text.includes(step), step);
    assert.ok(text.includes('cis-aws-3.0'));
    assert.ok(text.includes(f.suppressed?.reason ?? '?'));
    assert.ok(text.includes(f.suppressed?.expires ?? '?'));
    assert.ok(text.includes(f.suppressed?.owner ?? '?'));
    assert.ok(text.includes(f.firstSeen ?? '?'));
    // Focus moved into the dialog; Escape closes it and gives focus back to the row's button.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'detail-close');
    await page.keyboard.press('Escape');
    assert.ok(!(await page.isVisible('#detail')));
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('row-open')), true, 'focus returns to the row');
    // Keyboard only: Enter on the focused title opens it again.
    await button.focus();
    await page.keyboard.press('Enter');
    assert.ok(await page.isVisible('#detail'));
    assert.equal(await page.evaluate(() => document.querySelector('#detail')?.matches(':modal')), true, 'the dialog is modal: the page behind is inert');
    await page.click('#detail-close');
    assert.ok(!(await page.isVisible('#detail')));
  });

  it("draws each attack path as an SVG with the path's nodes and labelled edges", async () => {
    const toxic = all.filter((f) => f.path && f.path.length > 0);
    assert.equal(await page.locator('#attack-paths .path-card').count(), toxic.length);
    for (const f of toxic) {
      const card = page.locator(`#path-${f.fingerprint}`);
      const ids = await card.locator('svg g.node').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-node-id')));
      assert.deepEqual(ids, f.path?.map((s) => s.nodeId));
      const labels = await card.locator('svg text.edge-label').allTextContents();
      assert.deepEqual(labels, f.path?.slice(0, -1).map((s) => s.via ?? 'leads to'));
      assert.equal(await card.locator('svg path.edge').count(), (f.path?.length ?? 1) - 1);
      assert.match((await card.locator('svg').getAttribute('aria-label')) ?? '', /^Entry point: /);
    }
    // "Open finding details" from a diagram opens that finding.
    const first = toxic.find((f) => !f.suppressed) as Finding;
    await page.click(`#path-${first.fingerprint} [data-open-finding]`);
    assert.ok(((await page.textContent('#detail-body')) ?? '').includes(first.path?.[0]?.nodeId ?? '?'));
    await page.keyboard.press('Escape');
  });

  it('shows savings totals and sorts the savings table', async () => {
    const lead = (await page.textContent('#savings .lead')) ?? '';
    assert.ok(lead.includes(usd(dedupSavings(results.savings))));
    assert.ok(lead.includes(`${results.savings.length} recommendations`));
    // The by-rule chart: one bar per rule, values equal to the per-rule sums.
    const perRule = new Map<string, number>();
    for (const s of results.savings) if (s.monthlySavings != null) perRule.set(s.ruleId, (perRule.get(s.ruleId) ?? 0) + s.monthlySavings);
    const bars = await page.$$eval('#savings figure:first-of-type .bar-row', (gs) => gs.map((g) => [g.querySelector('.bar-label')?.textContent, g.querySelector('.bar-value')?.textContent]));
    assert.equal(bars.length, perRule.size);
    for (const [rule, value] of bars) assert.equal(value, usd(perRule.get(rule ?? '') ?? NaN), rule ?? '');
    await page.selectOption('#savings-page-size', '1000');
    const savingsOf = async (): Promise<(number | null)[]> => {
      const fps = await visibleFingerprints(page, 'savings-table');
      return fps.map((fp) => results.savings.find((s) => s.fingerprint === fp)?.monthlySavings ?? null);
    };
    const desc = await savingsOf();
    const nums = desc.filter((x): x is number => x != null);
    assert.deepEqual(nums, [...nums].sort((a, b) => b - a), 'largest savings first by default');
    assert.ok(desc.slice(nums.length).every((x) => x == null), 'savings without a figure last');
    await page.click('#savings-table th[data-sort="monthlySavings"] button');
    const asc = (await savingsOf()).filter((x): x is number => x != null);
    assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
    await page.fill('#s-search', 'spot_candidate');
    assert.equal((await visibleFingerprints(page, 'savings-table')).length, results.savings.filter((s) => s.ruleId === 'spot_candidate').length);
    await page.fill('#s-search', '');
  });

  it('shows the baseline diff: new findings and resolved findings', async () => {
    assert.equal(await stat(page, 'new'), all.filter((f) => f.baseline === 'new').length);
    assert.equal(await stat(page, 'existing'), all.filter((f) => f.baseline === 'existing').length);
    assert.equal(await stat(page, 'resolved'), results.resolved?.length);
    assert.deepEqual(sorted(await visibleFingerprints(page, 'resolved-table')), sorted((results.resolved ?? []).map((f) => f.fingerprint)));
    await page.selectOption('#findings-page-size', '1000');
    await page.click('#show-new');
    assert.equal(await page.inputValue('#f-baseline'), 'new');
    assert.deepEqual(sorted(await visibleFingerprints(page)), sorted(all.filter((f) => f.baseline === 'new').map((f) => f.fingerprint)));
  });

  it('labels every input, and gives badges, statuses, tags and secondary text at least 4.5:1 contrast', async () => {
    const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll('input, select')).filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id));
    assert.deepEqual(unlabelled, []);
    const pairs = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.badge, .status, .tag, .muted, .sub, .kpi-label, .sev-name, .toc a, thead th, .callout, .note, button.link')).map((e) => {
        let bg = 'rgba(0, 0, 0, 0)';
        for (let n: PageElement | null = e; n && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); n = n.parentElement) bg = getComputedStyle(n).backgroundColor;
        return { what: `${e.tagName.toLowerCase()}.${e.className}`, color: getComputedStyle(e).color, bg: /rgba\(0, 0, 0, 0\)/.test(bg) ? 'rgb(255, 255, 255)' : bg };
      }),
    );
    assert.ok(pairs.length > 50);
    assert.equal(Math.round(contrast('rgb(0, 0, 0)', 'rgb(255, 255, 255)')), 21);
    assert.ok(contrast('rgb(170, 170, 170)', 'rgb(255, 255, 255)') < 4.5, 'the check can fail');
    const low = pairs.map((p) => ({ ...p, ratio: contrast(p.color, p.bg) })).filter((p) => p.ratio < 4.5);
    assert.deepEqual(low, []);
  });

  it('lists coverage gaps grouped by provider, account and service', async () => {
    const gaps = results.coverage.filter((c) => c.status !== 'ok');
    assert.equal(await page.locator('#coverage details.gap-group tbody tr').count(), gaps.length);
    assert.equal(await page.locator('#coverage details.gap-group').count(), new Set(gaps.map((g) => `${g.provider}/${g.account}/${g.service}`)).size);
    const text = (await page.textContent('#coverage')) ?? '';
    for (const g of gaps) assert.ok(text.includes(g.operation) && text.includes(g.message ?? '?'), g.operation);
    assert.ok(text.includes(results.policyErrors[0]?.policyId ?? '?'), 'policy errors are listed');
  });

  it('prints with every section expanded, every matching row and no interactive chrome', async () => {
    await clearFilters(page);
    await page.selectOption('#findings-page-size', '25');
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = false;
    });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.equal(await page.locator('details:not([open])').count(), 0);
    assert.equal((await visibleFingerprints(page)).length, all.length);
    for (const sel of ['#finding-filters', '.toc', '[data-pager="findings"]']) assert.equal(await page.isVisible(sel), false, sel);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    assert.equal((await visibleFingerprints(page)).length, 25);
    assert.deepEqual(report.errors, []);
  });
});

describe('HTML report compliance view in Chromium', { skip: skip ?? false }, () => {
  it('shows pass / fail / not evaluated per control of a hand-built framework set', async () => {
    const browser = await launchChromium();
    try {
      const opened = await openReport(browser, renderHtmlReport(complianceFixture()));
      const got = await opened.page.$$eval('#compliance details.framework', (fws) =>
        fws.flatMap((fw) =>
          Array.from((fw as PageElement).querySelectorAll('tr[data-control]')).map((tr) => [
            `${fw.getAttribute('data-framework')} ${tr.getAttribute('data-control')}`,
            tr.getAttribute('data-status'),
            tr.querySelector('.status')?.textContent?.trim(),
          ]),
        ),
      );
      const labels: Record<string, string> = { fail: 'Fail', pass: 'Pass', 'not-evaluated': 'Not evaluated' };
      assert.deepEqual(
        Object.fromEntries(got.map(([k, s]) => [k, s])),
        EXPECTED_CONTROLS,
      );
      for (const [k, s, label] of got) assert.equal(label, labels[s ?? ''], `${k} says its status in words`);
      // A policy link filters the findings table to that policy.
      await opened.page.click('#compliance [data-filter-policy="acme.s3.public"]');
      assert.equal(await opened.page.inputValue('#f-policy'), 'acme.s3.public');
      assert.equal((await visibleFingerprints(opened.page)).length, 1);
      assert.deepEqual(opened.errors, []);
      await opened.close();
    } finally {
      await browser.close();
    }
  });
});
