/*
 * Client script of the cloudwarden HTML report: the findings, savings and resolved tables (search,
 * filters, sort, pages) and the detail dialog, built from the JSON data element once.
 *
 * Safety rule: data reaches the page only through textContent, createTextNode and setAttribute
 * (the script never parses HTML), and invisible or direction-changing characters are shown as
 * visible ⟦U+XXXX⟧ tokens. The page's Content-Security-Policy allows this script by its hash only.
 */
/* global document, window, performance */
'use strict';

(function () {
  const dataEl = document.getElementById('cw-data');
  if (!dataEl) return;
  const data = JSON.parse(dataEl.textContent || '{}');

  const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
  const SEVERITY_LABELS = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };
  const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2, unknown: 3 };
  const CELL_MAX = 160;
  // Longer strings are shown in a scrolling monospace box: proportional text that long takes seconds to lay out.
  const LONG = 1000;
  const PRINT_MAX = 5000;
  // Same set as src/report/html/text.ts: controls, bidi overrides/isolates/marks, ZWSP, BOM, lone surrogates.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/gu;
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const integer = new Intl.NumberFormat('en-US');

  // ---------------------------------------------------------------------------------------------
  // Text and DOM helpers

  function visible(value) {
    return String(value).replace(INVISIBLE, (ch) => '⟦U+' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') + '⟧');
  }

  function truncate(text, max) {
    if (text.length <= max) return text;
    const chars = Array.from(text);
    if (chars.length <= max) return text;
    return chars.slice(0, max).join('') + '… (' + integer.format(chars.length) + ' characters)';
  }

  /** Display form of a data string: visible, then cut to `max` characters. */
  function cellText(value, max) {
    return value == null ? '' : truncate(visible(value), max || CELL_MAX);
  }

  /** createElement with a class and text or child nodes (strings become text nodes). */
  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child == null || child === false) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function money(amount, currency) {
    if (amount == null) return '—';
    try {
      return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
    } catch {
      return amount.toFixed(2) + ' ' + visible(currency);
    }
  }

  function severityBadge(severity) {
    const badge = el('span', 'badge sev-' + (SEVERITIES.includes(severity) ? severity : 'info'), SEVERITY_LABELS[severity] || visible(severity));
    return badge;
  }

  const dateOnly = (iso) => (iso ? String(iso).slice(0, 10) : '');

  // ---------------------------------------------------------------------------------------------
  // Data

  const policies = data.policies || [];

  const strings = data.strings || [];
  const interned = new Set(data.interned || []);

  /** Rows of values → objects; interned fields are indexes into `strings`. */
  function decode(fields, rows) {
    return (rows || []).map((row, index) => {
      const obj = { index: index };
      fields.forEach((f, i) => {
        const v = row[i];
        obj[f] = interned.has(f) && typeof v === 'number' ? strings[v] : v;
      });
      return obj;
    });
  }

  function completeFinding(f) {
    const p = policies[f.policy] || { id: '', title: '', frameworks: [], recommendedActions: [] };
    f.policyInfo = p;
    f.policyId = p.id;
    if (f.title == null) f.title = p.title;
    if (f.frameworks == null) f.frameworks = p.frameworks || [];
    if (f.recommendedActions == null) f.recommendedActions = p.recommendedActions || [];
    f.resourceLabel = f.resourceName || f.resourceId;
    f.hay = [f.title, f.message, f.resourceId, f.resourceName, f.policyId, f.account, f.region, f.discriminator].filter((x) => x != null).join('\n').toLowerCase();
    return f;
  }

  const findings = decode(data.findingFields, data.findings).map(completeFinding);
  const resolved = data.resolved ? decode(data.findingFields, data.resolved).map(completeFinding) : [];
  const savings = decode(data.savingFields, data.savings).map((s) => {
    s.resourceLabel = s.resourceName || s.resourceId;
    s.hay = [s.ruleId, s.resourceId, s.resourceName, s.account, s.region, s.service, s.recommendation, s.owner, s.pricingSource].filter((x) => x != null).join('\n').toLowerCase();
    return s;
  });
  const byFingerprint = new Map(findings.map((f) => [f.fingerprint, f]));

  const terms = (query) => query.toLowerCase().split(/\s+/).filter((t) => t !== '');
  const matches = (hay, ts) => ts.every((t) => hay.includes(t));

  // ---------------------------------------------------------------------------------------------
  // Tables: filter → sort → page

  function makeTable(opts) {
    const table = document.getElementById(opts.tableId);
    if (!table) return null;
    const tbody = table.tBodies[0];
    const countEl = document.getElementById(opts.countId);
    const pagerEl = document.querySelector('[data-pager="' + opts.pager + '"]');
    const state = { key: opts.sortKey, dir: opts.sortDir, page: 0, pageSize: data.pageSize || 50, filtered: [] };

    const headers = Array.from(table.tHead.rows[0].cells);
    for (const th of headers) {
      const button = th.querySelector('button');
      if (!button || !th.dataset.sort) continue;
      button.addEventListener('click', () => {
        const key = th.dataset.sort;
        state.dir = state.key === key ? -state.dir : (opts.defaultDir && opts.defaultDir[key]) || 1;
        state.key = key;
        refresh(false);
      });
    }

    // Pager: first / previous / page n of m / next / last, and rows per page.
    const first = el('button', 'btn btn-small', '« First');
    const prev = el('button', 'btn btn-small', '‹ Previous');
    const next = el('button', 'btn btn-small', 'Next ›');
    const last = el('button', 'btn btn-small', 'Last »');
    const position = el('span', 'pager-pos');
    const sizeId = opts.pager + '-page-size';
    const size = el('select', '');
    size.id = sizeId;
    for (const n of [25, 50, 100, 250, 1000]) {
      const o = el('option', '', String(n));
      o.value = String(n);
      size.append(o);
    }
    if (![25, 50, 100, 250, 1000].includes(state.pageSize)) {
      const o = el('option', '', String(state.pageSize));
      o.value = String(state.pageSize);
      size.prepend(o);
    }
    size.value = String(state.pageSize);
    const sizeLabel = el('label', '', 'Rows per page ');
    sizeLabel.htmlFor = sizeId;
    [first, prev, next, last].forEach((b) => (b.type = 'button'));
    first.dataset.page = 'first';
    prev.dataset.page = 'prev';
    next.dataset.page = 'next';
    last.dataset.page = 'last';
    if (pagerEl) pagerEl.append(first, prev, position, next, last, el('span', 'pager-size', sizeLabel, size));
    const pages = () => Math.max(1, Math.ceil(state.filtered.length / state.pageSize));
    const go = (p) => {
      state.page = Math.min(Math.max(0, p), pages() - 1);
      render();
    };
    first.addEventListener('click', () => go(0));
    prev.addEventListener('click', () => go(state.page - 1));
    next.addEventListener('click', () => go(state.page + 1));
    last.addEventListener('click', () => go(pages() - 1));
    size.addEventListener('change', () => {
      state.pageSize = Number(size.value) || 50;
      go(0);
    });

    function sortRows(rows) {
      const get = opts.sortValue;
      const dir = state.dir;
      const key = state.key;
      return rows.sort((a, b) => {
        const x = get(a, key);
        const y = get(b, key);
        let c;
        if (x == null || y == null) c = x == null && y == null ? 0 : x == null ? 1 : -1;
        else c = (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y))) * dir;
        return c || a.index - b.index;
      });
    }

    function paint(rows) {
      const fragment = document.createDocumentFragment();
      for (const row of rows) fragment.append(opts.renderRow(row));
      tbody.replaceChildren(fragment);
    }

    function render() {
      const total = state.filtered.length;
      const start = state.page * state.pageSize;
      const shown = state.filtered.slice(start, start + state.pageSize);
      if (total === 0) {
        const td = el('td', 'empty', opts.emptyText);
        td.colSpan = headers.length;
        tbody.replaceChildren(el('tr', '', td));
      } else paint(shown);
      if (countEl) {
        countEl.dataset.matching = String(total);
        countEl.textContent =
          total === 0
            ? 'No ' + opts.noun + ' match.'
            : 'Showing ' + integer.format(start + 1) + '–' + integer.format(start + shown.length) + ' of ' + integer.format(total) + ' ' + opts.noun +
              (total !== opts.rows.length ? ' (filtered from ' + integer.format(opts.rows.length) + ')' : '') + '.';
      }
      position.textContent = 'Page ' + integer.format(state.page + 1) + ' of ' + integer.format(pages());
      first.disabled = prev.disabled = state.page === 0;
      next.disabled = last.disabled = state.page >= pages() - 1;
      for (const th of headers) {
        if (th.dataset.sort === state.key) th.setAttribute('aria-sort', state.dir === 1 ? 'ascending' : 'descending');
        else th.removeAttribute('aria-sort');
      }
    }

    function refresh(resetPage) {
      state.filtered = sortRows(opts.rows.filter(opts.filter));
      if (resetPage) state.page = 0;
      state.page = Math.min(state.page, pages() - 1);
      render();
    }

    return {
      refresh: refresh,
      render: render,
      /** For printing: every matching row (up to PRINT_MAX) instead of one page. */
      paintAll: () => paint(state.filtered.slice(0, PRINT_MAX)),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Findings

  function openButton(text, onOpen, label) {
    const b = el('button', 'link row-open', text);
    b.type = 'button';
    // Many rows share a title: the accessible name also says which resource.
    if (label) b.setAttribute('aria-label', truncate(visible(label), 300));
    b.addEventListener('click', () => onOpen(b));
    return b;
  }

  function resourceCell(row) {
    const td = el('td', 'resource');
    td.append(el('span', 'res-name', cellText(row.resourceLabel, 80)));
    if (row.resourceName && row.resourceName !== row.resourceId) td.append(el('span', 'sub mono', cellText(row.resourceId, 90)));
    td.title = visible(row.resourceId);
    return td;
  }

  function findingRow(f) {
    const tr = el('tr');
    tr.dataset.fingerprint = f.fingerprint;
    const title = el('td', 'finding-cell', openButton(cellText(f.title), (b) => showFinding(f, b), f.title + ' — ' + f.resourceLabel), el('span', 'sub', cellText(f.message, 140)));
    const status = el('td', 'status-cell', f.suppressed ? el('span', 'tag tag-muted', 'Suppressed') : el('span', 'tag tag-open', 'Open'));
    if (f.baseline === 'new') status.append(' ', el('span', 'tag tag-new', 'New'));
    if (f.path && f.path.length) status.append(' ', el('span', 'tag tag-path', 'Attack path'));
    tr.append(
      el('td', 'sev-cell', severityBadge(f.severity)),
      title,
      resourceCell(f),
      el('td', '', cellText(f.provider || '', 20)),
      el('td', 'mono', cellText(f.account || '', 60)),
      el('td', '', cellText(f.region || '', 30)),
      status,
      el('td', 'nowrap', dateOnly(f.firstSeen)),
    );
    return tr;
  }

  function findingSortValue(f, key) {
    switch (key) {
      case 'severity':
        return SEVERITIES.indexOf(f.severity);
      case 'title':
        return f.title;
      case 'resource':
        return f.resourceLabel;
      case 'status':
        return f.suppressed ? 1 : 0;
      default:
        return f[key] == null ? null : f[key];
    }
  }

  const filterForm = document.getElementById('finding-filters');
  const searchBox = document.getElementById('f-search');
  const selects = filterForm ? Array.from(filterForm.querySelectorAll('select[data-filter]')) : [];
  const selectFor = (name) => selects.find((s) => s.dataset.filter === name);

  function addOptions(name, values) {
    const select = selectFor(name);
    if (!select) return;
    for (const v of values) {
      const o = el('option', '', cellText(v.label, 90));
      o.value = v.value;
      select.append(o);
    }
  }

  const distinct = (list) => Array.from(new Set(list.filter((x) => x != null))).sort(collator.compare);
  addOptions('severity', SEVERITIES.filter((s) => findings.some((f) => f.severity === s)).map((s) => ({ value: s, label: SEVERITY_LABELS[s] })));
  addOptions('provider', distinct(findings.map((f) => f.provider)).map((v) => ({ value: v, label: v })));
  addOptions('account', distinct(findings.map((f) => f.account)).map((v) => ({ value: v, label: v })));
  addOptions(
    'policy',
    distinct(findings.map((f) => f.policyId)).map((id) => {
      const p = policies.find((x) => x.id === id);
      return { value: id, label: p && p.title ? p.title + ' (' + id + ')' : id };
    }),
  );
  addOptions('framework', distinct(findings.flatMap((f) => f.frameworks.map((r) => r.framework))).map((v) => ({ value: v, label: v })));

  function findingFilter() {
    const ts = terms(searchBox ? searchBox.value : '');
    const want = {};
    for (const s of selects) want[s.dataset.filter] = s.value;
    return (f) =>
      (!want.severity || f.severity === want.severity) &&
      (!want.provider || f.provider === want.provider) &&
      (!want.account || f.account === want.account) &&
      (!want.policy || f.policyId === want.policy) &&
      (!want.framework || f.frameworks.some((r) => r.framework === want.framework)) &&
      (!want.baseline || f.baseline === want.baseline) &&
      (!want.status || (want.status === 'suppressed') === Boolean(f.suppressed)) &&
      (!want.path || Boolean(f.path && f.path.length)) &&
      (ts.length === 0 || matches(f.hay, ts));
  }

  let currentFindingFilter = findingFilter();
  const findingsTable = makeTable({
    tableId: 'findings-table',
    countId: 'findings-count',
    pager: 'findings',
    rows: findings,
    noun: 'findings',
    emptyText: 'No finding matches these filters.',
    sortKey: 'severity',
    sortDir: 1,
    sortValue: findingSortValue,
    filter: (f) => currentFindingFilter(f),
    renderRow: findingRow,
  });

  function refreshFindings() {
    currentFindingFilter = findingFilter();
    if (findingsTable) findingsTable.refresh(true);
  }

  if (filterForm) {
    filterForm.addEventListener('submit', (e) => e.preventDefault());
    filterForm.addEventListener('input', refreshFindings);
    filterForm.addEventListener('reset', () => window.setTimeout(refreshFindings, 0));
  }

  const resolvedTable = makeTable({
    tableId: 'resolved-table',
    countId: 'resolved-count',
    pager: 'resolved',
    rows: resolved,
    noun: 'resolved findings',
    emptyText: 'No resolved findings.',
    sortKey: 'severity',
    sortDir: 1,
    sortValue: findingSortValue,
    filter: () => true,
    renderRow: (f) => {
      const tr = el('tr');
      tr.dataset.fingerprint = f.fingerprint;
      tr.append(
        el('td', 'sev-cell', severityBadge(f.severity)),
        el('td', 'finding-cell', openButton(cellText(f.title), (b) => showFinding(f, b, true), f.title + ' — ' + f.resourceLabel), el('span', 'sub', cellText(f.message, 140))),
        resourceCell(f),
        el('td', 'mono', cellText(f.account || '', 60)),
        el('td', 'nowrap', dateOnly(f.firstSeen)),
      );
      return tr;
    },
  });

  // ---------------------------------------------------------------------------------------------
  // Savings

  const savingsSearch = document.getElementById('s-search');
  let savingTerms = [];
  const savingsTable = makeTable({
    tableId: 'savings-table',
    countId: 'savings-count',
    pager: 'savings',
    rows: savings,
    noun: 'recommendations',
    emptyText: 'No recommendation matches.',
    sortKey: 'monthlySavings',
    sortDir: -1,
    defaultDir: { monthlySavings: -1, monthlyCost: -1 },
    sortValue: (s, key) => {
      if (key === 'resource') return s.resourceLabel;
      if (key === 'confidence') return CONFIDENCE_RANK[s.confidence];
      return s[key] == null ? null : s[key];
    },
    filter: (s) => savingTerms.length === 0 || matches(s.hay, savingTerms),
    renderRow: (s) => {
      const tr = el('tr');
      tr.dataset.fingerprint = s.fingerprint;
      tr.append(
        el('td', 'mono', openButton(cellText(s.ruleId, 60), (b) => showSaving(s, b), s.ruleId + ' — ' + s.resourceLabel)),
        resourceCell(s),
        el('td', '', el('span', 'mono', cellText(s.account, 60)), el('span', 'sub', cellText(s.provider, 20))),
        el('td', 'wrap', cellText(s.recommendation, 140)),
        el('td', 'num', money(s.monthlyCost, s.currency)),
        el('td', 'num strong', money(s.monthlySavings, s.currency)),
        el('td', '', el('span', 'tag tag-conf-' + (CONFIDENCE_RANK[s.confidence] != null ? s.confidence : 'unknown'), cellText(s.confidence, 20)), el('span', 'sub mono', cellText(s.pricingSource, 60))),
      );
      return tr;
    },
  });
  if (savingsSearch) {
    savingsSearch.addEventListener('input', () => {
      savingTerms = terms(savingsSearch.value);
      if (savingsTable) savingsTable.refresh(true);
    });
    savingsSearch.form.addEventListener('submit', (e) => e.preventDefault());
  }

  // ---------------------------------------------------------------------------------------------
  // Detail dialog

  const dialog = document.getElementById('detail');
  const dialogTitle = document.getElementById('detail-title');
  const dialogBody = document.getElementById('detail-body');
  let opener = null;

  function valueNode(value, depth) {
    if (value === null || value === undefined) return el('span', 'muted', 'null');
    if (depth > 12) return el('span', 'muted', '…');
    if (Array.isArray(value)) {
      if (value.length === 0) return el('span', 'muted', '(empty list)');
      const list = el('ol', 'ev-list');
      for (const item of value) list.append(el('li', '', valueNode(item, depth + 1)));
      return list;
    }
    if (typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length === 0) return el('span', 'muted', '(empty)');
      const table = el('table', 'kv');
      const body = el('tbody');
      for (const k of keys) {
        const th = el('th', '', visible(k));
        th.scope = 'row';
        body.append(el('tr', '', th, el('td', '', valueNode(value[k], depth + 1))));
      }
      table.append(body);
      return table;
    }
    if (typeof value === 'string') return value.length > LONG ? textBlock(value, '') : el('span', 'ev-str', visible(value));
    return el('span', 'ev-num', String(value));
  }

  /** A block of data text: a paragraph, or a scrolling monospace box when the text is long. */
  function textBlock(value, className) {
    const text = visible(value);
    return text.length > LONG ? el('div', 'long-text', text) : el('p', className, text);
  }

  function section(title, ...content) {
    return el('section', 'detail-section', el('h3', '', title), ...content);
  }

  function facts(pairs) {
    const dl = el('dl', 'facts');
    for (const [k, v, cls] of pairs) {
      if (v == null || v === '') continue;
      const long = typeof v === 'string' && v.length > LONG;
      dl.append(el('dt', '', k), el('dd', cls || '', long ? textBlock(v, '') : typeof v === 'string' ? visible(v) : v));
    }
    return dl;
  }

  function openDialog(title, nodes, from) {
    opener = from || null;
    dialogTitle.textContent = truncate(title, 300);
    if (title.length > 300) nodes.unshift(section('Full title', textBlock(title, '')));
    dialogBody.replaceChildren(...nodes);
    dialogBody.scrollTop = 0;
    if (!dialog.open) dialog.showModal();
    document.getElementById('detail-close').focus();
  }

  function showFinding(f, from, isResolved) {
    const nodes = [];
    const head = el('p', 'detail-badges', severityBadge(f.severity), ' ', f.suppressed ? el('span', 'tag tag-muted', 'Suppressed') : el('span', 'tag tag-open', isResolved ? 'Resolved' : 'Open'));
    if (f.baseline) head.append(' ', el('span', 'tag ' + (f.baseline === 'new' ? 'tag-new' : 'tag-muted'), f.baseline === 'new' ? 'New since baseline' : 'In baseline'));
    nodes.push(head);
    nodes.push(section('Message', textBlock(f.message, 'message')));
    nodes.push(
      section(
        'Resource',
        facts([
          ['Name', f.resourceName],
          ['ID', f.resourceId, 'mono wrap'],
          ['Kind', f.resourceKind],
          ['Provider', f.provider],
          ['Account', f.account, 'mono'],
          ['Region', f.region],
          ['Discriminator', f.discriminator, 'mono'],
        ]),
      ),
    );
    nodes.push(section('Evidence', f.evidence ? valueNode(f.evidence, 0) : el('p', 'muted', 'The policy gave no evidence.')));
    if (f.path && f.path.length) {
      const list = el('ol', 'path-list');
      for (const step of f.path) list.append(el('li', '', el('span', 'mono wrap', visible(step.nodeId)), step.via ? el('span', 'muted', ' — ' + visible(step.via) + ' →') : null));
      const anchor = data.pathAnchors && data.pathAnchors[f.fingerprint];
      const parts = [list];
      if (anchor) {
        const a = el('a', '', 'See the diagram');
        a.setAttribute('href', '#' + anchor);
        a.addEventListener('click', () => dialog.close());
        parts.push(el('p', '', a));
      }
      nodes.push(section('Attack path', ...parts));
    }
    if (f.policyInfo.description) nodes.push(section('About this check', textBlock(f.policyInfo.description, 'message')));
    const actions = f.recommendedActions || [];
    nodes.push(section('Remediation', actions.length ? el('ol', 'steps', ...actions.map((a) => el('li', '', textBlock(a, 'step')))) : el('p', 'muted', 'No remediation steps given.')));
    if (f.frameworks.length) {
      nodes.push(section('Frameworks', el('ul', 'plain', ...f.frameworks.map((r) => el('li', '', el('strong', '', visible(r.framework)), ' ' + r.controls.map(visible).join(', '))))));
    }
    if (f.suppressed) {
      nodes.push(
        section(
          'Suppression',
          facts([
            ['Reason', f.suppressed.reason],
            ['Owner', f.suppressed.owner],
            ['Expires', f.suppressed.expires],
            ['Declared in', f.suppressed.source, 'mono'],
          ]),
        ),
      );
    }
    nodes.push(
      section(
        'Record',
        facts([
          ['Policy', f.policyId, 'mono'],
          ['First seen', f.firstSeen],
          ['Fingerprint', f.fingerprint, 'mono wrap'],
        ]),
      ),
    );
    openDialog(visible(f.title), nodes, from);
  }

  function showSaving(s, from) {
    const tags = Object.keys(s.tags || {});
    const nodes = [
      textBlock(s.recommendation, 'message'),
      section(
        'Figures',
        facts([
          ['Savings / month', money(s.monthlySavings, s.currency)],
          ['Cost / month', money(s.monthlyCost, s.currency)],
          ['Confidence', s.confidence],
          ['Pricing source', s.pricingSource, 'mono'],
        ]),
      ),
      section(
        'Resource',
        facts([
          ['Name', s.resourceName],
          ['ID', s.resourceId, 'mono wrap'],
          ['Kind', s.resourceKind],
          ['Service', s.service],
          ['Provider', s.provider],
          ['Account', s.account, 'mono'],
          ['Region', s.region],
          ['Owner', s.owner],
        ]),
      ),
      section('Tags', tags.length ? valueNode(s.tags, 0) : el('p', 'muted', 'No tags.')),
      section('Evidence', s.evidence ? valueNode(s.evidence, 0) : el('p', 'muted', 'No evidence given.')),
    ];
    openDialog(visible(s.ruleId), nodes, from);
  }

  if (dialog) {
    document.getElementById('detail-close').addEventListener('click', () => dialog.close());
    dialog.addEventListener('click', (e) => {
      if (e.target === dialog) dialog.close();
    });
    dialog.addEventListener('close', () => {
      if (opener && opener.isConnected) opener.focus();
      opener = null;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Links from the other sections into the findings table

  function showFindingsWith(name, value) {
    if (!filterForm) return;
    filterForm.reset();
    const select = selectFor(name);
    if (select) select.value = value;
    refreshFindings();
    document.getElementById('findings').scrollIntoView();
    const count = document.getElementById('findings-count');
    if (count) {
      count.tabIndex = -1;
      count.focus();
    }
  }

  document.addEventListener('click', (e) => {
    const target = e.target instanceof window.Element ? e.target.closest('[data-open-finding],[data-filter-policy],#show-new') : null;
    if (!target) return;
    if (target.id === 'show-new') showFindingsWith('baseline', 'new');
    else if (target.dataset.filterPolicy != null) showFindingsWith('policy', target.dataset.filterPolicy);
    else {
      const f = byFingerprint.get(target.dataset.openFinding);
      if (f) showFinding(f, target);
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Printing: every section expanded, every matching row rather than one page.

  const tables = [findingsTable, savingsTable, resolvedTable].filter(Boolean);
  window.addEventListener('beforeprint', () => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    for (const t of tables) t.paintAll();
  });
  window.addEventListener('afterprint', () => {
    for (const t of tables) t.render();
  });

  for (const t of tables) t.refresh(true);
  performance.mark('cw-interactive');
  document.body.dataset.ready = 'true';
})();
