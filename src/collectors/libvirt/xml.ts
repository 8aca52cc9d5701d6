/**
 * A small, strict XML reader for libvirt's documents (domain, network, pool, volume, test-driver node).
 *
 * Why not a dependency: libvirt emits a plain subset of XML (no DTD, no external entities), and a
 * reader of ~150 lines that resolves namespaces (needed for the test driver's `test:runstate`) is
 * easier to audit than a parser with several transitive packages. It rejects what it does not
 * understand (DOCTYPE, mismatched tags) instead of guessing.
 */

export interface XmlElement {
  /** Local name, without prefix: `domain`, `runstate`. */
  name: string;
  /** Namespace URI of the element, or null when it has none. */
  ns: string | null;
  /** Attributes by their name as written (prefixes kept, e.g. `xmlns:test`). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside the element (entities decoded, untrimmed). */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = 'XmlSyntaxError';
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string, offset: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlSyntaxError(`unterminated entity '${whole}'`, offset);
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const v = ENTITIES[ref];
    if (v === undefined) throw new XmlSyntaxError(`unknown entity '&${ref};'`, offset);
    return v;
  });
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTR = /\s*([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

/** Parses a whole document and returns its root element. */
export function parseXml(source: string): XmlElement {
  let pos = 0;
  const stack: { el: XmlElement; qname: string; scope: Map<string, string | null> }[] = [];
  let root: XmlElement | undefined;
  const rootScope = new Map<string, string | null>([['xml', 'http://www.w3.org/XML/1998/namespace']]);

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > pos) {
      const text = source.slice(pos, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.el.text += decodeEntities(text, pos);
      else if (text.trim() !== '') throw new XmlSyntaxError('text outside the root element', pos);
      pos = textEnd;
      continue;
    }
    if (source.startsWith('<!--', pos)) {
      const end = source.indexOf('-->', pos + 4);
      if (end === -1) throw new XmlSyntaxError('unterminated comment', pos);
      if (source.slice(pos + 4, end).includes('--')) throw new XmlSyntaxError("'--' inside a comment", pos);
      pos = end + 3;
    } else if (source.startsWith('<?', pos)) {
      const end = source.indexOf('?>', pos + 2);
      if (end === -1) throw new XmlSyntaxError('unterminated processing instruction', pos);
      pos = end + 2;
    } else if (source.startsWith('<![CDATA[', pos)) {
      const end = source.indexOf(']]>', pos + 9);
      const top = stack[stack.length - 1];
      if (end === -1 || !top) throw new XmlSyntaxError('misplaced or unterminated CDATA section', pos);
      top.el.text += source.slice(pos + 9, end);
      pos = end + 3;
    } else if (source.startsWith('<!', pos)) {
      throw new XmlSyntaxError('DOCTYPE and other declarations are not supported', pos);
    } else if (source.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const m = NAME.exec(source);
      const top = stack.pop();
      if (!m || !top || m[0] !== top.qname) throw new XmlSyntaxError(`unexpected closing tag '${m?.[0] ?? ''}'`, pos);
      const gt = source.indexOf('>', NAME.lastIndex);
      if (gt === -1 || source.slice(NAME.lastIndex, gt).trim() !== '') throw new XmlSyntaxError('malformed closing tag', pos);
      pos = gt + 1;
    } else {
      NAME.lastIndex = pos + 1;
      const m = NAME.exec(source);
      if (!m) throw new XmlSyntaxError('malformed tag', pos);
      const qname = m[0];
      let p = NAME.lastIndex;
      const attrs: Record<string, string> = {};
      for (;;) {
        ATTR.lastIndex = p;
        const a = ATTR.exec(source);
        if (!a) break;
        const attrName = a[1] as string;
        if (attrName in attrs) throw new XmlSyntaxError(`duplicate attribute '${attrName}'`, p);
        attrs[attrName] = decodeEntities(a[2] ?? a[3] ?? '', p);
        p = ATTR.lastIndex;
      }
      while (p < source.length && /\s/.test(source.charAt(p))) p++;
      const selfClosing = source.startsWith('/>', p);
      if (!selfClosing && source.charAt(p) !== '>') throw new XmlSyntaxError(`malformed tag '${qname}'`, p);
      pos = p + (selfClosing ? 2 : 1);

      const parent = stack[stack.length - 1];
      const scope = new Map(parent ? parent.scope : rootScope);
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'xmlns') scope.set('', v === '' ? null : v);
        else if (k.startsWith('xmlns:')) scope.set(k.slice(6), v);
      }
      const colon = qname.indexOf(':');
      const prefix = colon === -1 ? '' : qname.slice(0, colon);
      const ns = scope.get(prefix);
      if (ns === undefined && prefix !== '') throw new XmlSyntaxError(`undeclared namespace prefix '${prefix}'`, pos);
      const el: XmlElement = { name: colon === -1 ? qname : qname.slice(colon + 1), ns: ns ?? null, attrs, children: [], text: '' };
      if (parent) parent.el.children.push(el);
      else if (root) throw new XmlSyntaxError('more than one root element', pos);
      else root = el;
      if (!selfClosing) stack.push({ el, qname, scope });
    }
  }
  const open = stack[stack.length - 1];
  if (open) throw new XmlSyntaxError(`unclosed element '${open.qname}'`, source.length);
  if (!root) throw new XmlSyntaxError('no root element', 0);
  return root;
}

// ---------------------------------------------------------------------------------------------
// Navigation helpers (no namespace: libvirt's own elements have none)
// ---------------------------------------------------------------------------------------------

/** The first child with this local name and no namespace. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name && c.ns === null);
}

/** All children with this local name and no namespace. */
export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name && c.ns === null) : [];
}

/** Follows a path of child names, e.g. `childAt(dom, 'os', 'type')`. */
export function childAt(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let cur = el;
  for (const name of path) cur = child(cur, name);
  return cur;
}

/** Trimmed text of a child, or null when the child is absent or empty. */
export function childText(el: XmlElement | undefined, ...path: string[]): string | null {
  const t = childAt(el, ...path)?.text.trim();
  return t ? t : null;
}

/** An attribute value, or null when absent. */
export function attr(el: XmlElement | undefined, name: string): string | null {
  return el?.attrs[name] ?? null;
}
