import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attr, childAt, childText, children, parseXml, XmlSyntaxError } from './xml.js';

describe('parseXml', () => {
  it('reads elements, both quote styles, entities, comments and the XML declaration', () => {
    const root = parseXml(`<?xml version="1.0"?>\n<!-- a comment -->\n<domain type="kvm" id='7'><name>a &amp; b &#x41;&#65;</name><devices><disk/><disk device='cdrom'/></devices></domain>\n`);
    assert.equal(root.name, 'domain');
    assert.deepEqual(root.attrs, { type: 'kvm', id: '7' });
    assert.equal(childText(root, 'name'), 'a & b AA');
    assert.equal(children(childAt(root, 'devices'), 'disk').length, 2);
    assert.equal(attr(children(childAt(root, 'devices'), 'disk')[1], 'device'), 'cdrom');
  });

  it('resolves namespace prefixes declared on the element or an ancestor', () => {
    const root = parseXml(`<node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><domain><test:runstate>5</test:runstate><name>x</name></domain></node>`);
    const dom = root.children[0];
    assert.equal(dom?.children[0]?.name, 'runstate');
    assert.equal(dom?.children[0]?.ns, 'http://libvirt.org/schemas/domain/test/1.0');
    assert.equal(dom?.children[1]?.ns, null);
    // A namespaced element is not found by the plain helpers, which look for libvirt's own elements.
    assert.equal(childText(dom, 'runstate'), null);
  });

  it('keeps CDATA text', () => {
    assert.equal(parseXml('<a><![CDATA[<b>]]></a>').text, '<b>');
  });

  for (const [doc, why] of [
    ['<a><b></a>', /unexpected closing tag/],
    ['<a>', /unclosed element/],
    ['<a/><b/>', /more than one root/],
    ['<!DOCTYPE a><a/>', /DOCTYPE/],
    ['<a x="1" x="2"/>', /duplicate attribute/],
    ['<t:a/>', /undeclared namespace prefix/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<!-- a -- b --><a/>', /'--' inside a comment/],
    ['text', /text outside the root/],
    ['', /no root element/],
  ] as const) {
    it(`rejects ${JSON.stringify(doc)}`, () => {
      assert.throws(() => parseXml(doc), (e: unknown) => e instanceof XmlSyntaxError && why.test(e.message));
    });
  }
});
