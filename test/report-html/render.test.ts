/**
 * The HTML report's renderer without a browser: fixtures true to the schema, the CSP hashes, the
 * escaping of the embedded JSON, hostile input, templates without raw output, compliance and
 * attack-path helpers, and the build under dist/.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CoverageRow } from '../../src/graph/schema.js';
import { describeResourceId, layoutPath } from '../../src/report/html/attack-path.js';
import { evaluateCompliance } from '../../src/report/html/compliance.js';
import { buildClientData } from '../../src/report/html/client-data.js';
import { htmlReportChunks, renderHtmlReport, reportAssetsDir } from '../../src/report/html/index.js';
import { jsonForScript, truncate, visible } from '../../src/report/html/text.js';
import { drawnAttackPaths } from '../../src/report/html/view-model.js';
import { complianceFixture, EXPECTED_CONTROLS } from './compliance-fixture.js';
import { HOSTILE, makeHostileResults, makeResults, validateResults } from './fixtures.js';

/** The page's `<script>`/`<style>` elements as [attributes, text]. */
function elements(html: string, tag: 'script' | 'style'): { attrs: string; text: string }[] {
  const re = new RegExp(`<${tag}([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi');
  return [...html.matchAll(re)].map((m) => ({ attrs: m[1] ?? '', text: m[2] ?? '' }));
}

const sha = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function csp(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'the page has a CSP meta element');
  return (m[1] ?? '').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
}

describe('HTML report renderer', () => {
  const results = makeResults();
  const html = renderHtmlReport(results);

  it('builds fixtures that match schemas/results.schema.json', () => {
    assert.equal(validateResults(results), null);
    assert.equal(validateResults(makeHostileResults()), null);
    assert.equal(validateResults(complianceFixture()), null);
  });

  it('inlines exactly one style, one script and one JSON data element, and references nothing external', () => {
    const scripts = elements(html, 'script');
    assert.equal(scripts.length, 2);
    assert.match(scripts[0]?.attrs ?? '', /type="application\/json"/);
    assert.equal(scripts[1]?.attrs, '');
    assert.equal(elements(html, 'style').length, 1);
    assert.doesNotMatch(html, /\b(?:src|href)="(?:https?:|\/\/)/i);
    assert.doesNotMatch(html, /<link\b|<iframe\b|<img\b|<object\b|<embed\b|@import/i);
  });

  it("allows only the page's own style and script, by SHA-256 hash", () => {
    const policy = csp(html);
    const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k ?? '', v.join(' ')]));
    assert.equal(directives.get('default-src'), "'none'");
    assert.equal(directives.get('script-src'), sha(elements(html, 'script')[1]?.text ?? ''));
    assert.equal(directives.get('style-src'), sha(elements(html, 'style')[0]?.text ?? ''));
    assert.equal(directives.get('base-uri'), "'none'");
    assert.equal(directives.get('form-action'), "'none'");
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style'), 'the CSP comes before any style or script');
  });

  it('embeds JSON that cannot end its element and parses back to the exact values', () => {
    const hostile = makeHostileResults();
    const out = renderHtmlReport(hostile);
    const data = elements(out, 'script')[0]?.text ?? '';
    assert.doesNotMatch(data, /[<>&\u2028\u2029]/);
    const parsed = JSON.parse(data) as { findings: unknown[][]; findingFields: string[]; strings: string[] };
    const nameAt = parsed.findingFields.indexOf('resourceName');
    const messageAt = parsed.findingFields.indexOf('message');
    const accountAt = parsed.findingFields.indexOf('account');
    assert.equal(parsed.findings[0]?.[nameAt], HOSTILE.script);
    assert.equal(parsed.findings[0]?.[messageAt], hostile.findings[0]?.message);
    assert.equal(parsed.strings[parsed.findings[2]?.[accountAt] as number], hostile.findings[2]?.account, 'interned strings round-trip');
    assert.equal(jsonForScript({ s: '</script>\u2028&' }), '{"s":"\\u003c/script\\u003e\\u2028\\u0026"}');
  });

  it('streams the data element in pieces, escaped exactly as jsonForScript escapes the whole', () => {
    const hostile = makeHostileResults();
    const chunks = [...htmlReportChunks(hostile)];
    assert.ok(chunks.length > hostile.findings.length + hostile.savings.length, 'a piece per finding and saving row at least');
    const page = chunks.join('');
    const expected = jsonForScript(buildClientData(hostile, 50, drawnAttackPaths(hostile.findings)));
    assert.equal(elements(page, 'script')[0]?.text, expected);
    assert.doesNotMatch(page, /cw-data-slot/, 'the stand-in for the data does not reach the page');
  });

  it('renders hostile input as text: no element, attribute or script comes from the data', () => {
    const out = renderHtmlReport(makeHostileResults());
    assert.equal(elements(out, 'script').length, 2);
    const dataText = elements(out, 'script')[0]?.text ?? '';
    const outsideData = out.replace(dataText, '');
    assert.doesNotMatch(outsideData, /<img|<svg\/onload|onerror=|<!\[CDATA\[|<!-- -->/i);
    // Handlebars syntax in data is printed, never evaluated (`=` and quotes are entity-escaped).
    assert.match(out, /\{\{constructor\.constructor\(&#x27;window\.__pwned &#x3D; 5; alert\(5\)&#x27;\)\(\)\}\}/);
    assert.match(out, /invoice⟦U\+202E⟧fdp\.exe/);
    assert.ok(!outsideData.includes('\u0000') && !outsideData.includes('\u202e'), 'NUL and RLO are shown as tokens, never raw');
    // The 100 KB string is cut in the coverage table (the data element keeps it whole for the detail view).
    assert.ok(!outsideData.includes('A'.repeat(1000)), 'long strings are truncated in the rendered tables');
    assert.ok(dataText.includes('A'.repeat(50_000)));
  });

  it('uses no raw ({{{ }}} or {{& }}) output in any template', () => {
    const dir = reportAssetsDir();
    const files = [join(dir, 'report.hbs'), ...readdirSync(join(dir, 'partials')).map((f) => join(dir, 'partials', f))];
    for (const file of files) assert.doesNotMatch(readFileSync(file, 'utf8'), /\{\{\{|\{\{~?\s*&/, file);
  });

  it('client script never writes HTML from strings', () => {
    const js = readFileSync(join(reportAssetsDir(), 'report.js'), 'utf8');
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });

  it('is deterministic', () => {
    assert.equal(renderHtmlReport(makeResults()), html);
  });

  it('renders an empty results document', () => {
    const empty = makeResults();
    empty.findings = [];
    empty.savings = [];
    empty.coverage = [];
    empty.resolved = null;
    empty.policyErrors = [];
    const out = renderHtmlReport(empty, { title: 'Empty', pageSize: 10 });
    assert.match(out, /<title>Empty<\/title>/);
    assert.match(out, /Every read succeeded/);
    assert.match(out, /No toxic combination was found/);
  });

  it('totals savings per currency, charts the summary currency and lists gaps beyond the limit as a count', () => {
    const r = makeResults();
    const eur = { ...(r.savings[0] as (typeof r.savings)[number]), fingerprint: 'eur-1', currency: 'EUR', monthlySavings: 12.5 };
    r.savings = [...r.savings, eur];
    const gap = r.coverage.find((c) => c.status === 'denied') as (typeof r.coverage)[number];
    r.coverage = [...r.coverage, ...Array.from({ length: 1200 }, (_, i) => ({ ...gap, operation: `op-${i}` }))];
    const out = renderHtmlReport(r);
    assert.match(out, /data-stat="savings-total-EUR">€12\.50</);
    assert.match(out, /Charts show USD only; savings in EUR are in the table\./);
    assert.equal((out.match(/<tr><td>[^<]*<\/td><td class="mono">/g) ?? []).length, 1000, 'coverage rows are capped at 1,000');
    assert.match(out, /more gaps are not listed \(the results file has them all\)/);
  });

  it('works from the build under dist/ as well', async (t) => {
    const built = join(process.cwd(), 'dist', 'report', 'html', 'render.js');
    if (!existsSync(built)) {
      t.skip('dist/ not built (npm run build)');
      return;
    }
    const srcDir = join(process.cwd(), 'src', 'report', 'html');
    const newest = Math.max(...readdirSync(srcDir).map((f) => statSync(join(srcDir, f)).mtimeMs));
    if (newest > statSync(built).mtimeMs) {
      t.skip('dist/ is older than src/report/html (npm test builds it first)');
      return;
    }
    // dist/ may lag behind src/ outside `npm test` (which builds first): check it finds the templates and renders a whole page.
    const mod = (await import(pathToFileURL(built).href)) as { renderHtmlReport: typeof renderHtmlReport };
    const out = mod.renderHtmlReport(results, { title: 'From dist' });
    assert.match(out, /^<!doctype html>[\s\S]*<title>From dist<\/title>[\s\S]*<script type="application\/json" id="cw-data">[\s\S]*<\/html>\n?$/);
    assert.equal(elements(out, 'script').length, 2);
  });
});

describe('text safety helpers', () => {
  it('shows invisible and direction-changing characters, keeps emoji', () => {
    assert.equal(visible('a\u202Eb\u0000c\u200Bd'), 'a⟦U+202E⟧b⟦U+0000⟧c⟦U+200B⟧d');
    assert.equal(visible('👩‍💻 ✅ tab\tnl\n'), '👩‍💻 ✅ tab\tnl\n');
    assert.equal(visible('x\uD800y'), 'x⟦U+D800⟧y');
  });

  it('truncates by code point and says how long the text was', () => {
    assert.equal(truncate('abc', 5), 'abc');
    assert.equal(truncate('😀'.repeat(10), 3), '😀😀😀… (10 characters)');
  });
});

describe('compliance', () => {
  it('fails on an open finding, passes when evaluated clean or only suppressed, is not evaluated under gaps and policy errors', () => {
    const r = complianceFixture();
    const got = evaluateCompliance(r.policies, r.findings, r.coverage, r.policyErrors);
    const flat = Object.fromEntries(got.flatMap((fw) => fw.controls.map((c) => [`${fw.framework} ${c.control}`, c.status])));
    assert.deepEqual(flat, EXPECTED_CONTROLS);
    const fw = got.find((f) => f.framework === 'acme-baseline');
    assert.deepEqual(
      fw?.controls.map((c) => c.control),
      ['1.2', '1.9', '1.10', '2'],
      'controls in section-number order',
    );
  });

  it('ignores ok coverage rows and gaps of another provider', () => {
    const r = complianceFixture();
    const gap: CoverageRow = { provider: 'gcp', account: 'p', region: 'global', service: 'iam', operation: 'x', status: 'denied', calls: 1 };
    const ok: CoverageRow = { ...gap, provider: 'aws', status: 'ok' };
    const got = evaluateCompliance(r.policies, [], [gap, ok]);
    assert.ok(got.flatMap((f) => f.controls).every((c) => c.status === 'pass'));
  });
});

describe('attack path layout', () => {
  it('reads type and name from provider ids', () => {
    assert.deepEqual(describeResourceId('arn:aws:iam::123456789012:role/app/admin'), { type: 'iam role', name: 'admin' });
    assert.deepEqual(describeResourceId('arn:aws:s3:::bucket-a'), { type: 's3', name: 'bucket-a' });
    assert.deepEqual(describeResourceId('//storage.googleapis.com/projects/_/buckets/b1'), { type: 'storage buckets', name: 'b1' });
    assert.deepEqual(describeResourceId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1'), { type: 'virtualMachines', name: 'vm1' });
    assert.deepEqual(describeResourceId('libvirt://host/domain/1234'), { type: 'libvirt domain', name: '1234' });
  });

  it('places one box per step and one labelled arrow between steps, wrapping after four', () => {
    const steps = ['a', 'b', 'c', 'd', 'e'].map((n, i, all) => ({ nodeId: `arn:aws:iam::1:role/${n}`, via: i < all.length - 1 ? `edge${i}` : null }));
    const d = layoutPath(steps, new Map());
    assert.equal(d.boxes.length, 5);
    assert.deepEqual(d.arrows.map((a) => a.label), ['edge0', 'edge1', 'edge2', 'edge3']);
    assert.equal(d.boxes[0]?.role, 'Entry point');
    assert.equal(d.boxes[4]?.role, 'Impact');
    assert.ok((d.boxes[4]?.y ?? 0) > (d.boxes[3]?.y ?? 0), 'the fifth step starts a new row');
    assert.match(d.description, /Entry point: iam role a then edge0 to/);
  });
});
