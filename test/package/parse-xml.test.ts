// The strict XML reader behind checkPackage(): it must refuse what lenient parsers repair.
import { describe, expect, it } from 'vitest';
import { parseXml, XmlSyntaxError } from '../../src/package/parse-xml.js';

describe('parseXml', () => {
  it('resolves default and prefixed namespaces on elements and attributes', () => {
    const root = parseXml('<?xml version="1.0"?>\n<m xmlns="urn:a" xmlns:p="urn:b" id="1"><p:c p:x="y"/><d xmlns="">t</d></m>');
    expect([root.namespace, root.prefix, root.localName]).toEqual(['urn:a', null, 'm']);
    const [c, d] = root.children;
    expect([c?.namespace, c?.prefix, c?.localName]).toEqual(['urn:b', 'p', 'c']);
    expect(c?.attributes.map((a) => [a.namespace, a.prefix, a.localName, a.value])).toEqual([['urn:b', 'p', 'x', 'y']]);
    expect(d?.namespace).toBeNull();
    expect(root.attributes.find((a) => a.name === 'id')?.namespace).toBeNull();
  });

  it('decodes entities and character references, and keeps the raw attribute text', () => {
    const root = parseXml('<r a="x&#xD;y &amp; z"><![CDATA[<b> & ]]>&lt;&#65;&gt;</r>');
    expect(root.attributes[0]?.value).toBe('x\ry & z');
    expect(root.attributes[0]?.raw).toBe('x&#xD;y &amp; z');
    expect(root.text).toBe('<b> & <A>');
  });

  it('skips comments, processing instructions and a byte order mark', () => {
    expect(parseXml('\uFEFF<?xml version="1.0"?><!-- c --><r><!-- <x> --></r>').children).toEqual([]);
  });

  const BAD: readonly (readonly [string, string, 'ampersand' | 'syntax'])[] = [
    ['bare & in text', '<r>a & b</r>', 'ampersand'],
    ['bare & in an attribute', '<r a="a & b"/>', 'ampersand'],
    ['unterminated entity', '<r>&amp</r>', 'ampersand'],
    ['unknown entity', '<r>&nbsp;</r>', 'syntax'],
    ['unclosed element', '<r><a></r>', 'syntax'],
    ['never closed', '<r>', 'syntax'],
    ['< in an attribute', '<r a="<"/>', 'syntax'],
    ['undeclared prefix', '<p:r/>', 'syntax'],
    ['duplicate attribute', '<r a="1" a="2"/>', 'syntax'],
    ['two roots', '<r/><s/>', 'syntax'],
    ['text outside the root', '<r/>x', 'syntax'],
    ['a DOCTYPE', '<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', 'syntax'],
    ['a forbidden character reference', '<r>&#0;</r>', 'syntax'],
    ['no root', '<?xml version="1.0"?>', 'syntax'],
  ];
  for (const [name, xml, kind] of BAD) {
    it(`refuses ${name}`, () => {
      let error: unknown;
      try {
        parseXml(xml);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(XmlSyntaxError);
      expect((error as XmlSyntaxError).kind).toBe(kind);
    });
  }
});
