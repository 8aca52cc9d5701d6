/**
 * strings.render_template: a small subset of Go text/template —
 * `{{.a.b}}`, `{{.}}`, `{{$x}}`, `{{if X}}…{{else}}…{{end}}`, `{{range [$i, $v :=] X}}…{{else}}…{{end}}`,
 * comment actions and `{{-` / `-}}` trim markers. Missing keys render as `<undefined>` (as OPA).
 */
import type { Value } from '../value.js';
import { RegoSet, isObject, objEntries, objGet } from '../value.js';
import { formatNumber } from './format.js';
import { fail } from './util.js';

type Node =
  | { k: 'text'; s: string }
  | { k: 'out'; expr: string }
  | { k: 'if'; expr: string; then: Node[]; else: Node[] }
  | { k: 'range'; key: string | undefined; val: string | undefined; expr: string; body: Node[]; else: Node[] };

const MISSING = Symbol('missing');

function tokenize(tpl: string): (string | { action: string })[] {
  const out: (string | { action: string })[] = [];
  let i = 0;
  while (i < tpl.length) {
    const o = tpl.indexOf('{{', i);
    if (o < 0) {
      out.push(tpl.slice(i));
      break;
    }
    let text = tpl.slice(i, o);
    const c = tpl.indexOf('}}', o + 2);
    if (c < 0) fail('template: unclosed action');
    let action = tpl.slice(o + 2, c);
    let next = c + 2;
    if (action.startsWith('- ')) {
      text = text.replace(/\s+$/, '');
      action = action.slice(2);
    }
    if (action.endsWith(' -')) {
      action = action.slice(0, -2);
      while (next < tpl.length && /\s/.test(tpl[next] as string)) next++;
    }
    if (text) out.push(text);
    action = action.trim();
    if (!action.startsWith('/*')) out.push({ action });
    i = next;
  }
  return out;
}

function parse(tpl: string): Node[] {
  const toks = tokenize(tpl);
  let i = 0;
  const block = (stops: string[]): { nodes: Node[]; stop: string } => {
    const nodes: Node[] = [];
    while (i < toks.length) {
      const t = toks[i++] as string | { action: string };
      if (typeof t === 'string') {
        nodes.push({ k: 'text', s: t });
        continue;
      }
      const a = t.action;
      const word = a.split(/\s+/)[0] ?? '';
      if (stops.includes(word)) return { nodes, stop: word };
      if (word === 'if') {
        const then = block(['else', 'end']);
        const els = then.stop === 'else' ? block(['end']).nodes : [];
        nodes.push({ k: 'if', expr: a.slice(2).trim(), then: then.nodes, else: els });
      } else if (word === 'range') {
        const spec = a.slice(5).trim();
        const m = /^(\$\w+)\s*(?:,\s*(\$\w+))?\s*:=\s*(.+)$/.exec(spec);
        const body = block(['else', 'end']);
        const els = body.stop === 'else' ? block(['end']).nodes : [];
        const key = m ? (m[2] ? m[1] : undefined) : undefined;
        const val = m ? (m[2] ?? m[1]) : undefined;
        nodes.push({ k: 'range', key, val, expr: m ? (m[3] as string) : spec, body: body.nodes, else: els });
      } else if (word === 'end' || word === 'else') fail(`template: unexpected {{${word}}}`);
      else nodes.push({ k: 'out', expr: a });
    }
    if (stops.length) fail('template: unexpected EOF');
    return { nodes, stop: '' };
  };
  return block([]).nodes;
}

interface Scope {
  dot: Value | typeof MISSING;
  vars: Map<string, Value>;
}

function evalExpr(expr: string, sc: Scope): Value | typeof MISSING {
  const e = expr.trim();
  if (e === '.') return sc.dot;
  if (/^-?\d+(\.\d+)?$/.test(e)) return Number(e);
  if (/^".*"$/.test(e)) return JSON.parse(e) as string;
  if (e === 'true' || e === 'false') return e === 'true';
  let base: Value | typeof MISSING;
  let path: string;
  const m = /^(\$\w*)((?:\.\w+)*)$/.exec(e);
  if (m) {
    const v = sc.vars.get(m[1] as string);
    if (v === undefined) fail(`template: undefined variable "${m[1]}"`);
    base = v;
    path = m[2] as string;
  } else if (/^(\.\w+)+$/.test(e)) {
    base = sc.dot;
    path = e;
  } else fail(`template: unsupported expression "${e}"`);
  for (const seg of path.split('.').filter((x) => x)) {
    if (base === MISSING || !isObject(base)) return MISSING;
    const next = objGet(base, seg);
    if (next === undefined) return MISSING;
    base = next;
  }
  return base;
}

function truthy(v: Value | typeof MISSING): boolean {
  if (v === MISSING || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof RegoSet) return v.size > 0;
  if (isObject(v)) return objEntries(v).length > 0;
  return true;
}

function show(v: Value | typeof MISSING): string {
  if (v === MISSING) return '<undefined>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(show).join(' ') + ']';
  if (v instanceof RegoSet) return '[' + v.values().map(show).join(' ') + ']';
  return 'map[' + objEntries(v).map(([k, x]) => `${show(k)}:${show(x)}`).join(' ') + ']';
}

function run(nodes: Node[], sc: Scope, out: string[]): void {
  for (const n of nodes) {
    switch (n.k) {
      case 'text':
        out.push(n.s);
        break;
      case 'out':
        out.push(show(evalExpr(n.expr, sc)));
        break;
      case 'if':
        run(truthy(evalExpr(n.expr, sc)) ? n.then : n.else, sc, out);
        break;
      case 'range': {
        const coll = evalExpr(n.expr, sc);
        const items: [Value, Value][] =
          coll === MISSING || coll === null
            ? []
            : Array.isArray(coll)
              ? coll.map((v, i) => [i, v] as [Value, Value])
              : coll instanceof RegoSet
                ? coll.values().map((v, i) => [i, v] as [Value, Value])
                : isObject(coll)
                  ? objEntries(coll)
                  : fail(`template: range can't iterate over ${show(coll)}`);
        if (items.length === 0) run(n.else, sc, out);
        for (const [k, v] of items) {
          const vars = new Map(sc.vars);
          if (n.key) vars.set(n.key, k);
          if (n.val) vars.set(n.val, v);
          run(n.body, { dot: v, vars }, out);
        }
        break;
      }
    }
  }
}

export function renderTemplate(tpl: string, data: Value): string {
  const out: string[] = [];
  run(parse(tpl), { dot: data, vars: new Map([['$', data]]) }, out);
  return out.join('');
}
