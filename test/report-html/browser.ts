/**
 * Debian's Chromium driven by playwright-core for the HTML report's tests, bench and screenshot.
 * Never downloads a browser: without /usr/bin/chromium the browser tests skip with the reason.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why the browser tests cannot run here, or null. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is not installed (CI installs Debian's chromium through .ci/run)`;
}

/** Launches Chromium; Playwright gives each launch a fresh temporary profile (user-data dir). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
}

export interface OpenedReport {
  page: Page;
  url: string;
  /** Console errors, page errors and uncaught exceptions. */
  errors: string[];
  /** Every request other than the report file itself (each one was aborted). */
  requests: string[];
  /** alert/confirm/prompt messages (each one was dismissed). */
  dialogs: string[];
  close(): Promise<void>;
}

/** Writes `html` to a temporary file and opens it over file:// in a new context; waits until the report is ready. */
export async function openReport(browser: Browser, html: string, viewport = { width: 1360, height: 900 }): Promise<OpenedReport> {
  const dir = mkdtempSync(join(tmpdir(), 'cw-report-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport, offline: true, javaScriptEnabled: true });
  const page = await context.newPage();
  page.setDefaultTimeout(5_000);
  const errors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  return {
    page,
    url,
    errors,
    requests,
    dialogs,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `test-artifacts/report-html/<name>` (git-ignored), creating the folder. */
export function artifactPath(name: string): string {
  const dir = join(process.cwd(), 'test-artifacts', 'report-html');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** Fingerprints of the findings table's rows on the current page. */
export function visibleFingerprints(page: Page, tableId = 'findings-table'): Promise<string[]> {
  return page.$$eval(`#${tableId} tbody tr[data-fingerprint]`, (rows) => rows.map((r) => r.getAttribute('data-fingerprint') ?? ''));
}
