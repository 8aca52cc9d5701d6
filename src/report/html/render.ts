/**
 * The self-contained HTML report: one file with its CSS, client script, SVG and data inline, no
 * external fetch, readable offline, printed, or as an e-mail attachment.
 *
 * Safety: every value from the results document reaches the page either through Handlebars'
 * escaping `{{…}}` (templates use no triple-stash) or inside the JSON data element, where
 * `jsonForScript` escapes `<`, `>`, `&`, U+2028 and U+2029. The client script builds the findings
 * table with `textContent`. A Content-Security-Policy `<meta>` allows only this file's own style
 * and script, by their SHA-256 hashes, and nothing else (`default-src 'none'`), so even markup
 * that slipped through could not run or load anything.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Results } from '../../results/schema.js';
import { stringifyChunks } from '../json-chunks.js';
import { buildClientData } from './client-data.js';
import { escapeJsonForScript, jsonForScript } from './text.js';
import { buildView, drawnAttackPaths } from './view-model.js';

export interface HtmlReportOptions {
  /** Heading and `<title>`; default `cloudwarden report`. */
  title?: string;
  /** Findings per page in the table at first (the reader can change it); default 50. */
  pageSize?: number;
}

type Assets = { template: Handlebars.TemplateDelegate; css: string; js: string };

let assets: Assets | undefined;

/** The package root (the folder with cloudwarden's package.json), from `src/…` under tsx or `dist/…`. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(join(dir, 'reports', 'html'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cloudwarden: cannot find the reports/html templates above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Where the report's templates, stylesheet and client script live. */
export function reportAssetsDir(): string {
  return join(packageRoot(), 'reports', 'html');
}

function loadAssets(): Assets {
  if (assets) return assets;
  const dir = reportAssetsDir();
  const hb = Handlebars.create();
  const partialsDir = join(dir, 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
    hb.registerPartial(file.slice(0, -4), readFileSync(join(partialsDir, file), 'utf8'));
  }
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Our own stylesheet, script and data: the only raw text the page gets, each checked or escaped here.
  hb.registerHelper('inlineAsset', (text: unknown) => new hb.SafeString(String(text)));
  hb.registerHelper('embedJson', (value: unknown) => new hb.SafeString(jsonForScript(value)));
  const css = readFileSync(join(dir, 'report.css'), 'utf8');
  const js = readFileSync(join(dir, 'report.js'), 'utf8');
  if (/<\/style/i.test(css) || /<\/script|<!--/i.test(js)) throw new Error('reports/html: the stylesheet or script contains text that would end its element');
  const template = hb.compile(readFileSync(join(dir, 'report.hbs'), 'utf8'), { strict: true, preventIndent: true });
  assets = { template, css, js };
  return assets;
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The Content-Security-Policy for a page whose only style and script are `css` and `js`. */
export function contentSecurityPolicy(css: string, js: string): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(js)}`,
    `style-src ${sha256(css)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Stands in for the data when the template is rendered, so the page can be cut around it and the
 * data streamed in between. Random per process: no text in a results document can match it.
 */
const DATA_SLOT = `cw-data-slot-${randomBytes(16).toString('hex')}`;

/** The rendered page before and after the data element's text. */
function pageAroundData(page: string): { before: string; after: string } {
  const slot = jsonForScript(DATA_SLOT);
  const at = page.indexOf(slot);
  if (at < 0 || page.indexOf(slot, at + slot.length) >= 0) throw new Error('reports/html: the template must embed the data exactly once');
  return { before: page.slice(0, at), after: page.slice(at + slot.length) };
}

/**
 * Renders `results` as one self-contained HTML document, in pieces: the page around the data, and
 * the data (`jsonForScript` of it, which is the bulk of a large report) one finding or saving row
 * at a time. The CSP hashes cover the stylesheet and the script, not the data, so they are known
 * before the data is written.
 */
export function* htmlReportChunks(results: Results, options: HtmlReportOptions = {}): Generator<string, void, undefined> {
  const { template, css, js } = loadAssets();
  const pageSize = options.pageSize && options.pageSize > 0 ? Math.floor(options.pageSize) : 50;
  const view = buildView(results, options.title ?? 'cloudwarden report');
  const data = buildClientData(results, pageSize, drawnAttackPaths(results.findings));
  const { before, after } = pageAroundData(template({ ...view, css, js, data: DATA_SLOT, csp: contentSecurityPolicy(css, js) }));
  yield before;
  for (const json of stringifyChunks(data, { depth: 2 })) yield escapeJsonForScript(json);
  yield after;
}

/** Renders `results` as one self-contained HTML document. */
export function renderHtmlReport(results: Results, options: HtmlReportOptions = {}): string {
  return [...htmlReportChunks(results, options)].join('');
}
