/** Recursive-descent parser for Rego v1 modules and queries. */
import { parse as parseYaml } from 'yaml';
import type { Annotations, Body, ElseClause, Expr, ExprKind, Import, Loc, Module, Rule, Term, With } from './ast.js';
import { RegoCompileError } from './errors.js';
import type { Comment, Token } from './lexer.js';
import { lex } from './lexer.js';

const KEYWORDS = new Set([
  'if', 'contains', 'in', 'every', 'some', 'not', 'with', 'as', 'default', 'else', 'import', 'package',
]);

/** Keywords that Rego v0 enables only through `import future.keywords...` or `import rego.v1`. */
const FUTURE = new Set(['if', 'contains', 'in', 'every']);

export interface ParseOptions {
  /** Parse Rego v0 syntax (bodies without `if`, `p[x] { }` partial sets, future keywords only when imported). */
  v0?: boolean;
}

const REL_OPS: Record<string, string> = { '==': 'equal', '!=': 'neq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
const ARITH_OPS: Record<string, string> = { '+': 'plus', '-': 'minus' };
const FACTOR_OPS: Record<string, string> = { '*': 'mul', '/': 'div', '%': 'rem' };

interface MetaBlock {
  startLine: number;
  endLine: number;
  ann: Annotations;
  used: boolean;
}

function describe(tok: Token): string {
  if (tok.t === 'eof') return 'EOF';
  if (tok.t === 'str') return 'string';
  if (tok.t === 'num') return 'number';
  if (tok.t === 'ident') return KEYWORDS.has(tok.v) ? `'${tok.v}'` : `'${tok.v}'`;
  return `'${tok.v}'`;
}

export class Parser {
  private toks: Token[];
  private i = 0;
  private readonly src: string;
  private readonly file: string;
  private readonly meta: MetaBlock[];
  private noOr = 0;
  /** Experimental `and` / `or` keywords (enabled by `import future.keywords.and|or`). */
  private logic = false;

  private readonly v0: boolean;
  private readonly futureKw: Set<string>;

  constructor(src: string, file: string, lineOffset = 0, colOffset = 0, opts: ParseOptions = {}) {
    this.src = src;
    this.file = file;
    this.v0 = opts.v0 ?? false;
    this.futureKw = new Set(this.v0 ? [] : FUTURE);
    const { tokens, comments } = lex(src, file, lineOffset, colOffset);
    this.toks = tokens;
    this.meta = this.collectMetadata(comments);
  }

  private get tok(): Token {
    return this.toks[this.i] as Token;
  }
  private peek(k = 1): Token {
    return (this.toks[this.i + k] ?? this.toks[this.toks.length - 1]) as Token;
  }
  private loc(t: Token = this.tok): Loc {
    return { file: this.file, line: t.line, col: t.col };
  }
  private fail(msg: string, t: Token = this.tok): never {
    throw new RegoCompileError('rego_parse_error', msg, this.loc(t));
  }
  private isP(v: string, t: Token = this.tok): boolean {
    return t.t === 'punct' && t.v === v;
  }
  private isKw(v: string, t: Token = this.tok): boolean {
    return t.t === 'ident' && t.v === v && (!FUTURE.has(v) || this.futureKw.has(v)) && !(t === this.tok && this.kwAsIdent());
  }
  private isKeyword(name: string): boolean {
    return FUTURE.has(name) ? this.futureKw.has(name) : KEYWORDS.has(name);
  }
  /** A keyword directly followed by `.name` (or `(` for calls) is an identifier. */
  private kwAsIdent(): boolean {
    const n = this.peek();
    if (n.pos !== this.tok.end) return false;
    if (this.isP('(', n)) return this.tok.v === 'contains';
    return this.isP('.', n) && this.peek(2).t === 'ident' && this.peek(2).pos === n.end;
  }
  private atEof(): boolean {
    return this.tok.t === 'eof';
  }
  private atClose(close: string): boolean {
    return close === '' ? this.tok.t === 'eof' : this.isP(close);
  }
  private expectP(v: string): Token {
    const t = this.tok;
    if (!this.isP(v)) this.fail(`expected '${v}' but found ${describe(t)}`);
    this.i++;
    return t;
  }
  private expectIdent(): Token {
    const t = this.tok;
    if (t.t !== 'ident') this.fail(`expected identifier but found ${describe(t)}`);
    this.i++;
    return t;
  }
  private textFrom(startTok: Token): string {
    const prev = this.toks[this.i - 1] as Token;
    return this.src.slice(startTok.pos, prev.end);
  }

  private collectMetadata(comments: Comment[]): MetaBlock[] {
    const out: MetaBlock[] = [];
    for (let k = 0; k < comments.length; k++) {
      const c = comments[k] as Comment;
      if (c.text.trim() !== 'METADATA') continue;
      const lines: string[] = [];
      let last = c.line;
      let j = k + 1;
      while (j < comments.length && (comments[j] as Comment).line === last + 1) {
        const t = (comments[j] as Comment).text;
        lines.push(t.startsWith(' ') ? t.slice(1) : t);
        last = (comments[j] as Comment).line;
        j++;
      }
      let doc: unknown;
      try {
        doc = parseYaml(lines.join('\n'));
      } catch (e) {
        throw new RegoCompileError('rego_parse_error', `yaml: ${(e as Error).message.split('\n')[0] ?? ''}`, {
          file: this.file,
          line: c.line,
          col: c.col,
        });
      }
      const ann: Annotations = { scope: '' };
      if (doc && typeof doc === 'object' && !Array.isArray(doc)) Object.assign(ann, doc);
      out.push({ startLine: c.line, endLine: last, ann, used: false });
      k = j - 1;
    }
    return out;
  }

  /** METADATA blocks directly preceding the token at index `idx`. */
  private takeMetadata(idx: number): Annotations[] {
    const t = this.toks[idx] as Token;
    const prevLine = idx > 0 ? (this.toks[idx - 1] as Token).line : 0;
    const res: Annotations[] = [];
    for (const m of this.meta) {
      if (!m.used && m.endLine < t.line && m.startLine > prevLine) {
        m.used = true;
        res.push(m.ann);
      }
    }
    return res;
  }

  parseModule(): Module {
    const pkgAnn = this.takeMetadata(this.i);
    if (!this.isKw('package')) this.fail(`expected 'package' but found ${describe(this.tok)}`);
    const pkgTok = this.tok;
    this.i++;
    const pkg: string[] = [];
    const first = this.expectIdent();
    pkg.push(first.v);
    while (this.isP('.') || (this.isP('[') && !this.tok.nl)) {
      if (this.isP('.')) {
        this.i++;
        pkg.push(this.expectIdent().v);
      } else {
        this.i++;
        const s = this.tok;
        if (s.t !== 'str') this.fail(`expected string but found ${describe(s)}`);
        this.i++;
        pkg.push(s.v);
        this.expectP(']');
      }
    }
    if (pkg[0] === 'data') pkg.shift();
    for (const a of pkgAnn) if (!a.scope) a.scope = 'package';
    const mod: Module = { file: this.file, pkg, pkgLoc: this.loc(pkgTok), imports: [], rules: [], annotations: pkgAnn };
    while (this.isKw('import') && !this.kwAsIdent()) {
      const imp = this.parseImport();
      mod.imports.push(imp);
      const t = imp.path;
      if (t.type === 'ref' && t.head.type === 'var' && (t.head.name === 'future' || t.head.name === 'rego')) {
        const names = t.path.map((x) => (x.type === 'string' ? x.value : ''));
        if (t.head.name === 'rego' && names[0] === 'v1') for (const k of FUTURE) this.futureKw.add(k);
        if (t.head.name === 'future' && names[0] === 'keywords') {
          if (names.length === 1) for (const k of FUTURE) this.futureKw.add(k);
          else if (names[1] && FUTURE.has(names[1])) {
            this.futureKw.add(names[1]);
            if (names[1] === 'every') this.futureKw.add('in');
          }
          if (names[1] === 'and' || names[1] === 'or') this.logic = true;
        }
      }
    }
    while (this.tok.t !== 'eof') {
      if (this.isP(';')) {
        this.i++;
        continue;
      }
      if (this.isKw('import') && !this.kwAsIdent()) this.fail('imports must appear before rules');
      const ann = this.takeMetadata(this.i);
      const rules = this.parseRule(pkg);
      for (const a of ann) {
        if (!a.scope) a.scope = 'rule';
        if (a.scope === 'package' || a.scope === 'subpackages') mod.annotations.push(a);
      }
      for (const r of rules) r.annotations = ann.filter((a) => a.scope === 'rule' || a.scope === 'document');
      mod.rules.push(...rules);
    }
    return mod;
  }

  private parseImport(): Import {
    const t = this.tok;
    this.i++;
    const path = this.parseRefOnly();
    let alias: string | undefined;
    if (this.isKw('as')) {
      this.i++;
      alias = this.expectIdent().v;
    }
    return { path, alias, loc: this.loc(t) };
  }

  /** A plain reference: var followed by .name / [term] operands. */
  private parseRefOnly(): Term {
    const t = this.expectIdent();
    const head: Term = { type: 'var', name: t.v, loc: this.loc(t) };
    const path: Term[] = [];
    while (!this.tok.nl && (this.isP('.') || this.isP('['))) {
      if (this.isP('.')) {
        this.i++;
        const n = this.expectIdent();
        path.push({ type: 'string', value: n.v, loc: this.loc(n) });
      } else {
        this.i++;
        path.push(this.parseTermIn(false));
        this.expectP(']');
      }
    }
    return path.length ? { type: 'ref', head, path, loc: head.loc } : head;
  }

  private parseRule(pkg: string[]): Rule[] {
    const startTok = this.tok;
    let isDefault = false;
    if (this.isKw('default') && !this.kwAsIdent()) {
      isDefault = true;
      this.i++;
    }
    const nameTok = this.tok;
    if (nameTok.t !== 'ident' || (this.isKeyword(nameTok.v) && !this.kwAsIdent())) this.fail(`expected rule head but found ${describe(nameTok)}`);
    this.i++;
    const ref: Term[] = [{ type: 'string', value: nameTok.v, loc: this.loc(nameTok) }];
    let lastBracket = false;
    while (!this.tok.nl && (this.isP('.') || this.isP('['))) {
      if (this.isP('.')) {
        this.i++;
        const n = this.expectIdent();
        ref.push({ type: 'string', value: n.v, loc: this.loc(n) });
        lastBracket = false;
      } else {
        this.i++;
        ref.push(this.parseTermIn(false));
        this.expectP(']');
        lastBracket = true;
      }
    }
    let args: Term[] | undefined;
    if (this.isP('(') && !this.tok.nl) {
      this.i++;
      args = [];
      while (!this.isP(')')) {
        args.push(this.parseTermIn(false));
        if (this.isP(',')) this.i++;
        else if (!this.isP(')')) this.fail(`expected ')' but found ${describe(this.tok)}`);
      }
      this.i++;
    }
    // Rego v0: a zero-argument function `f() = 1` is a constant.
    if (this.v0 && args?.length === 0) args = undefined;
    let multi = false;
    let key: Term | undefined;
    let value: Term | undefined;
    if (this.isKw('contains')) {
      this.i++;
      multi = true;
      key = this.parseTermIn(false);
    } else if (this.isP(':=') || this.isP('=')) {
      this.i++;
      value = this.parseTermIn(false);
    }
    const loc = this.loc(nameTok);
    let body: Body = [];
    let hasBody = false;
    let usedIf = false;
    const extraBodies: Body[] = [];
    if (this.isKw('if')) {
      this.i++;
      body = this.parseRuleBody();
      hasBody = true;
      usedIf = true;
    } else if (this.isP('{') && !this.tok.nl) {
      if (!this.v0) this.fail('`if` keyword is required before rule body');
      this.i++;
      body = this.parseBody('}');
      this.expectP('}');
      hasBody = true;
      // Rego v0: `p { a } { b }` defines one rule per body.
      while (this.isP('{') && !this.tok.nl) {
        this.i++;
        const more = this.parseBody('}');
        this.expectP('}');
        extraBodies.push(more);
      }
    }
    // Rego v0: `p[x] { ... }` is a partial set rule.
    if (this.v0 && !usedIf && !multi && value === undefined && args === undefined && ref.length === 2 && lastBracket) {
      multi = true;
      key = ref.pop();
    }
    if (isDefault && hasBody) this.fail('default rules must not have a body', startTok);
    if (!hasBody && !multi && value === undefined && !isDefault && args === undefined && ref.length === 1) {
      // `p` alone is not a rule
      if (this.tok.t === 'eof' || this.tok.nl) this.fail(`expected rule value term but found ${describe(this.tok)}`);
      this.fail(`unexpected ${describe(this.tok)} token: expected rule value term (e.g., p := <VALUE> { ... })`);
    }
    const elses: ElseClause[] = [];
    while (this.isKw('else')) {
      const et = this.tok;
      this.i++;
      let ev: Term | undefined;
      if (this.isP(':=') || this.isP('=')) {
        this.i++;
        ev = this.parseTermIn(false);
      }
      let eb: Body = [];
      if (this.isKw('if')) {
        this.i++;
        eb = this.parseRuleBody();
      } else if (this.isP('{') && !this.tok.nl) {
        if (!this.v0) this.fail('`if` keyword is required before rule body');
        this.i++;
        eb = this.parseBody('}');
        this.expectP('}');
      }
      elses.push({ value: ev, body: eb, loc: this.loc(et) });
    }
    if (!(this.tok.t === 'eof' || this.tok.nl || this.isP(';'))) {
      this.fail(`unexpected ${describe(this.tok)} token: expected end of rule`);
    }
    const text = this.textFrom(startTok);
    const rule: Rule = {
      loc,
      file: this.file,
      ref,
      args,
      multi,
      key,
      value,
      body,
      isDefault,
      elses,
      annotations: [],
      pkg,
      text,
    };
    return [rule, ...extraBodies.map((b) => ({ ...rule, body: b, elses: [] }))];
  }

  private parseRuleBody(): Body {
    if (this.isP('{')) {
      // A body block, or else a literal starting with an object/set term (`if {x: 1 | ...}`).
      const save = this.i;
      try {
        this.i++;
        const b = this.parseBody('}');
        this.expectP('}');
        return b;
      } catch (e) {
        this.i = save;
        try {
          return [this.parseLiteral()];
        } catch {
          throw e;
        }
      }
    }
    return [this.parseLiteral()];
  }

  /** Parse literals until the closing token (not consumed). */
  parseBody(close: string): Body {
    const body: Body = [];
    while (true) {
      while (this.isP(';')) this.i++;
      if (this.atClose(close)) break;
      if (this.atEof()) this.fail(`expected '${close}' but found EOF`);
      body.push(this.parseLiteral());
      if (this.isP(';')) continue;
      if (this.atClose(close)) break;
      if (!this.tok.nl) {
        if (close) this.fail(`expected '${close}' but found ${describe(this.tok)}`);
        this.fail(`unexpected ${describe(this.tok)} token`);
      }
    }
    if (body.length === 0 && close === '}') this.fail('found empty body');
    return body;
  }

  parseQuery(): Body {
    const b = this.parseBody('');
    if (b.length === 0) this.fail('empty query');
    return b;
  }

  /** A template-string expression: a term, optionally with `with` modifiers. */
  parseTemplateExpr(): Term {
    const start = this.tok;
    const t = this.parseTermIn(false);
    const withs = this.parseWiths();
    if (this.tok.t !== 'eof') this.fail(`unexpected ${describe(this.tok)} token`);
    if (withs.length === 0) return t;
    const v: Term = { type: 'var', name: 'tmpl$value', loc: t.loc };
    const e: Expr = { loc: t.loc, negated: false, withs, e: { k: 'assign', lhs: v, rhs: t }, text: this.textFrom(start) };
    return { type: 'arraycomp', head: v, body: [e], loc: t.loc, spread: true };
  }

  parseSingleTerm(): Term {
    const t = this.parseTermIn(false);
    if (this.tok.t !== 'eof') this.fail(`unexpected ${describe(this.tok)} token`);
    return t;
  }

  private parseLiteral(): Expr {
    if (this.logic && !this.isKw('some') && !this.isKw('every')) return this.parseLogicLiteral();
    return this.parseSimpleLiteral();
  }

  private isLogicKw(v: 'and' | 'or'): boolean {
    return this.logic && this.tok.t === 'ident' && this.tok.v === v;
  }

  /** `a or b and not c`, groups `( ... )` and `{ ... }`, then `with` modifiers for the whole. */
  private parseLogicLiteral(): Expr {
    const start = this.tok;
    const e = this.parseLogicOr();
    const withs = this.parseWiths();
    if (withs.length === 0) return e;
    if (e.withs.length === 0 && e.e.k !== 'or') return { ...e, withs, text: this.textFrom(start) };
    return { loc: e.loc, negated: false, withs, e: { k: 'or', bodies: [[e]] }, text: this.textFrom(start) };
  }

  private parseLogicOr(): Expr {
    const start = this.tok;
    const items = [this.parseLogicAnd()];
    while (this.isLogicKw('or')) {
      this.i++;
      items.push(this.parseLogicAnd());
    }
    if (items.length === 1) return items[0] as Expr;
    return { loc: this.loc(start), negated: false, withs: [], e: { k: 'or', bodies: items.map((x) => [x]) }, text: this.textFrom(start) };
  }

  private parseLogicAnd(): Expr {
    const start = this.tok;
    const items = [this.parseLogicUnary()];
    while (this.isLogicKw('and')) {
      this.i++;
      items.push(this.parseLogicUnary());
    }
    if (items.length === 1) return items[0] as Expr;
    return { loc: this.loc(start), negated: false, withs: [], e: { k: 'or', bodies: [items] }, text: this.textFrom(start) };
  }

  private groupEnds(): boolean {
    const t = this.tok;
    return (
      t.t === 'eof' || t.nl || this.isP(')') || this.isP('}') || this.isP(';') || this.isLogicKw('and') || this.isLogicKw('or') || this.isKw('with')
    );
  }

  private parseLogicUnary(): Expr {
    const start = this.tok;
    if (this.isKw('not')) {
      this.i++;
      const inner = this.parseLogicUnary();
      const text = this.textFrom(start);
      if (!inner.negated && inner.withs.length === 0) return { ...inner, negated: true, loc: this.loc(start), text };
      return { loc: this.loc(start), negated: true, withs: [], e: { k: 'or', bodies: [[inner]] }, text };
    }
    if (this.isP('(') || this.isP('{')) {
      const save = this.i;
      const open = this.tok.v;
      try {
        this.i++;
        let inner: Expr;
        if (open === '(') {
          inner = this.parseLogicLiteral();
          this.expectP(')');
        } else {
          const body = this.parseBody('}');
          this.expectP('}');
          inner = { loc: this.loc(start), negated: false, withs: [], e: { k: 'or', bodies: [body] }, text: '' };
        }
        if (this.groupEnds()) {
          const text = this.textFrom(start);
          return inner.e.k === 'or' && inner.withs.length === 0 && !inner.negated
            ? { ...inner, text }
            : { loc: this.loc(start), negated: false, withs: [], e: { k: 'or', bodies: [[inner]] }, text };
        }
      } catch {
        // not a group: a term such as `(1 + 2) == 3` or an object literal
      }
      this.i = save;
    }
    return this.parseSimpleLiteral(true);
  }

  private parseWiths(): With[] {
    const withs: With[] = [];
    while (this.isKw('with')) {
      const wt = this.tok;
      this.i++;
      const target = this.parseRefOnly();
      if (!this.isKw('as')) this.fail(`expected 'as' but found ${describe(this.tok)}`);
      this.i++;
      const value = this.parseTermIn(false);
      withs.push({ target, value, loc: this.loc(wt) });
    }
    return withs;
  }

  private parseSimpleLiteral(noWith = false): Expr {
    const start = this.tok;
    const loc = this.loc(start);
    let negated = false;
    let e: ExprKind;
    if (this.isKw('some') && !this.kwAsIdent()) {
      this.i++;
      const t1 = this.parseTermRelation();
      if (this.isKw('in')) {
        this.i++;
        e = { k: 'somein', key: undefined, value: t1, coll: this.parseTermRelation() };
      } else if (this.isP(',')) {
        const vars: Term[] = [t1];
        let t2: Term | undefined;
        this.i++;
        t2 = this.parseTermRelation();
        if (this.isKw('in')) {
          this.i++;
          e = { k: 'somein', key: t1, value: t2, coll: this.parseTermRelation() };
        } else {
          vars.push(t2);
          while (this.isP(',')) {
            this.i++;
            t2 = this.parseTermRelation();
            vars.push(t2);
          }
          e = { k: 'some', vars };
        }
      } else {
        e = { k: 'some', vars: [t1] };
      }
      if (e.k === 'some') {
        for (const v of e.vars) if (v.type !== 'var') this.fail('expected var in some declaration', start);
      }
    } else if (this.isKw('every') && !this.kwAsIdent()) {
      this.i++;
      const t1 = this.parseTermRelation();
      let key: Term | undefined;
      let value = t1;
      if (this.isP(',')) {
        this.i++;
        key = t1;
        value = this.parseTermRelation();
      }
      if (!this.isKw('in')) this.fail(`expected 'in' but found ${describe(this.tok)}`);
      this.i++;
      const coll = this.parseTermRelation();
      this.expectP('{');
      const body = this.parseBody('}');
      this.expectP('}');
      e = { k: 'every', key, value, coll, body };
    } else {
      if (this.isKw('not') && !this.kwAsIdent()) {
        this.i++;
        negated = true;
      }
      if (negated && this.isP('{')) {
        this.i++;
        const body = this.parseBody('}');
        this.expectP('}');
        e = { k: 'body', body };
      } else {
      const lhs = this.parseTermIn(true);
      if (this.isP(':=') || this.isP('=')) {
        const op = this.tok.v;
        this.i++;
        const rhs = this.parseTermIn(true);
        e = op === ':=' ? { k: 'assign', lhs, rhs } : { k: 'unify', lhs, rhs };
      } else {
        e = { k: 'term', term: lhs };
      }
      }
    }
    const withs = noWith ? [] : this.parseWiths();
    return { loc, negated, withs, e, text: this.textFrom(start) };
  }

  private call(op: string, args: Term[], loc: Loc): Term {
    return { type: 'call', op, args, loc };
  }

  private parseTermIn(keyVal: boolean): Term {
    let lhs = this.parseTermRelation();
    if (keyVal && this.isP(',')) {
      const save = this.i;
      this.i++;
      try {
        const mhs = this.parseTermRelation();
        if (this.isKw('in')) {
          this.i++;
          const rhs = this.parseTermRelation();
          lhs = this.call('internal.member_3', [lhs, mhs, rhs], lhs.loc);
        } else {
          this.i = save;
        }
      } catch {
        this.i = save;
      }
    }
    while (this.isKw('in')) {
      this.i++;
      const rhs = this.parseTermRelation();
      lhs = this.call('internal.member_2', [lhs, rhs], lhs.loc);
    }
    return lhs;
  }

  private parseTermRelation(): Term {
    let lhs = this.parseTermOr();
    while (this.tok.t === 'punct' && REL_OPS[this.tok.v]) {
      const op = REL_OPS[this.tok.v] as string;
      this.i++;
      const rhs = this.parseTermOr();
      lhs = this.call(op, [lhs, rhs], lhs.loc);
    }
    return lhs;
  }

  private parseTermOr(): Term {
    let lhs = this.parseTermAnd();
    while (this.noOr === 0 && this.isP('|')) {
      this.i++;
      const rhs = this.parseTermAnd();
      lhs = this.call('or', [lhs, rhs], lhs.loc);
    }
    return lhs;
  }

  private parseTermAnd(): Term {
    let lhs = this.parseTermArith();
    while (this.isP('&')) {
      this.i++;
      const rhs = this.parseTermArith();
      lhs = this.call('and', [lhs, rhs], lhs.loc);
    }
    return lhs;
  }

  private parseTermArith(): Term {
    let lhs = this.parseTermFactor();
    while (this.tok.t === 'punct' && ARITH_OPS[this.tok.v]) {
      const op = ARITH_OPS[this.tok.v] as string;
      this.i++;
      const rhs = this.parseTermFactor();
      lhs = this.call(op, [lhs, rhs], lhs.loc);
    }
    return lhs;
  }

  private parseTermFactor(): Term {
    let lhs = this.parseTerm();
    while (this.tok.t === 'punct' && FACTOR_OPS[this.tok.v]) {
      const op = FACTOR_OPS[this.tok.v] as string;
      this.i++;
      const rhs = this.parseTerm();
      lhs = this.call(op, [lhs, rhs], lhs.loc);
    }
    return lhs;
  }

  /** Parse a term inside brackets/lists: `|` is allowed again. */
  private withOr<T>(f: () => T): T {
    const saved = this.noOr;
    this.noOr = 0;
    try {
      return f();
    } finally {
      this.noOr = saved;
    }
  }
  private withoutOr<T>(f: () => T): T {
    this.noOr++;
    try {
      return f();
    } finally {
      this.noOr--;
    }
  }

  private parseTerm(): Term {
    const t = this.tok;
    const loc = this.loc(t);
    let term: Term;
    if (t.t === 'num') {
      this.i++;
      term = { type: 'number', value: Number(t.v), raw: t.v, loc };
    } else if (t.t === 'str' || t.t === 'raw') {
      this.i++;
      term = { type: 'string', value: t.v, loc };
    } else if (t.t === 'tmpl') {
      this.i++;
      const parts: (string | Term)[] = [];
      for (const p of t.parts ?? []) {
        if (p.lit !== undefined) parts.push(p.lit);
        else {
          const sub = new Parser(p.src ?? '', this.file, (p.line ?? 1) - 1, (p.col ?? 1) - 1);
          parts.push(sub.parseTemplateExpr());
        }
      }
      term = { type: 'template', parts, loc };
    } else if (this.isP('-') && this.peek().t === 'num' && this.peek().pos === t.end) {
      this.i++;
      const n = this.tok;
      this.i++;
      term = { type: 'number', value: -Number(n.v), raw: '-' + n.v, loc };
    } else if (this.isP('-')) {
      this.i++;
      const operand = this.parseTerm();
      term = this.call('minus', [{ type: 'number', value: 0, raw: '0', loc }, operand], loc);
    } else if (t.t === 'ident') {
      const asIdent = this.kwAsIdent();
      if (this.isKeyword(t.v) && !asIdent) this.fail(`unexpected ${t.v} keyword`);
      this.i++;
      if (asIdent) term = { type: 'var', name: t.v, loc };
      else if (t.v === 'true' || t.v === 'false') term = { type: 'bool', value: t.v === 'true', loc };
      else if (t.v === 'null') term = { type: 'null', loc };
      else term = { type: 'var', name: t.v, loc };
    } else if (this.isP('[')) {
      this.i++;
      term = this.withOr(() => this.parseArray(loc));
    } else if (this.isP('{')) {
      this.i++;
      term = this.withOr(() => this.parseBrace(loc));
    } else if (this.isP('(')) {
      this.i++;
      term = this.withOr(() => this.parseTermIn(true));
      this.expectP(')');
    } else {
      this.fail(`unexpected ${describe(t)} token`);
    }
    return this.parsePostfix(term);
  }

  private parsePostfix(term: Term): Term {
    let head = term;
    let path: Term[] = [];
    const flush = (): Term => (path.length ? { type: 'ref', head, path, loc: head.loc } : head);
    while (!this.tok.nl) {
      if (this.isP('.') && this.peek().t === 'ident' && this.peek().pos === this.tok.end) {
        this.i++;
        const n = this.tok;
        this.i++;
        path.push({ type: 'string', value: n.v, loc: this.loc(n) });
      } else if (this.isP('[') && this.tok.pos === (this.toks[this.i - 1] as Token).end) {
        this.i++;
        path.push(this.withOr(() => this.parseTermIn(false)));
        this.expectP(']');
      } else if (this.isP('(') && this.tok.pos === (this.toks[this.i - 1] as Token).end) {
        // function call: callee must be a var or var.dotted
        const name = dottedName(head, path);
        if (name === undefined) this.fail('invalid call target');
        this.i++;
        const args: Term[] = [];
        this.withOr(() => {
          while (!this.isP(')')) {
            args.push(this.parseTermIn(false));
            if (this.isP(',')) this.i++;
            else if (!this.isP(')')) this.fail(`expected ')' but found ${describe(this.tok)}`);
          }
        });
        this.i++;
        let c: Term;
        if (name === 'set' && args.length === 0) c = { type: 'set', items: [], loc: head.loc };
        else c = { type: 'call', op: name, opTerm: flush(), args, loc: head.loc };
        head = c;
        path = [];
      } else break;
    }
    return flush();
  }

  private parseArray(loc: Loc): Term {
    if (this.isP(']')) {
      this.i++;
      return { type: 'array', items: [], loc };
    }
    const first = this.withoutOr(() => this.parseTermIn(false));
    if (this.isP('|')) {
      this.i++;
      const body = this.parseBody(']');
      this.expectP(']');
      return { type: 'arraycomp', head: first, body, loc };
    }
    const items = [first];
    while (this.isP(',')) {
      this.i++;
      if (this.isP(']')) break;
      items.push(this.parseTermIn(false));
    }
    this.expectP(']');
    return { type: 'array', items, loc };
  }

  private parseBrace(loc: Loc): Term {
    if (this.isP('}')) {
      this.i++;
      return { type: 'object', items: [], loc };
    }
    const first = this.withoutOr(() => this.parseTermIn(false));
    if (this.isP(':')) {
      this.i++;
      const v = this.withoutOr(() => this.parseTermIn(false));
      if (this.isP('|')) {
        this.i++;
        const body = this.parseBody('}');
        this.expectP('}');
        return { type: 'objcomp', key: first, value: v, body, loc };
      }
      const items: [Term, Term][] = [[first, v]];
      while (this.isP(',')) {
        this.i++;
        if (this.isP('}')) break;
        const k = this.parseTermIn(false);
        this.expectP(':');
        items.push([k, this.parseTermIn(false)]);
      }
      this.expectP('}');
      return { type: 'object', items, loc };
    }
    if (this.isP('|')) {
      this.i++;
      const body = this.parseBody('}');
      this.expectP('}');
      return { type: 'setcomp', head: first, body, loc };
    }
    const items = [first];
    while (this.isP(',')) {
      this.i++;
      if (this.isP('}')) break;
      items.push(this.parseTermIn(false));
    }
    this.expectP('}');
    return { type: 'set', items, loc };
  }
}

function dottedName(head: Term, path: Term[]): string | undefined {
  if (head.type !== 'var') return undefined;
  const parts = [head.name];
  for (const p of path) {
    if (p.type !== 'string') return undefined;
    parts.push(p.value);
  }
  return parts.join('.');
}

export function parseModule(source: string, file: string, opts: ParseOptions = {}): Module {
  return new Parser(source, file, 0, 0, opts).parseModule();
}

export function parseQuery(source: string, file = 'query'): Body {
  return new Parser(source, file).parseQuery();
}

export function parseTerm(source: string, file = 'term'): Term {
  return new Parser(source, file).parseSingleTerm();
}
