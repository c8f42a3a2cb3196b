import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../src/typeset/markup/parse.js';
import { MARKUP_SPEC } from '../../../src/typeset/markup/spec.js';
import { BLOCK_ELEMENTS, INLINE_ELEMENTS, type ElementNode, TypesetError } from '../../../src/typeset/types.js';

function errorOf(xml: string, template = 'paper.hbs'): TypesetError {
  try {
    parseMarkup(xml, template);
  } catch (err) {
    if (err instanceof TypesetError) return err;
    throw err;
  }
  throw new Error('expected a TypesetError');
}

describe('parseMarkup builds the node tree', () => {
  it('keeps elements, attributes and positions', () => {
    const doc = parseMarkup('<doc size="A4">\n  <p align="center">你好</p>\n</doc>', 'paper.hbs');
    expect(doc.name).toBe('doc');
    expect(doc.attrs).toEqual({ size: 'A4' });
    const p = doc.children[0] as ElementNode;
    expect(p.name).toBe('p');
    expect(p.pos).toEqual({ template: 'paper.hbs', line: 2, col: 3 });
    expect(p.children).toMatchObject([{ type: 'text', text: '你好' }]);
  });

  it('decodes the five XML entities and numeric ones, so escaped bank text is plain text', () => {
    const doc = parseMarkup('<doc><p>a &lt; b &amp;&amp; c &gt; d &quot;e&quot; &apos;f&apos; &#x4e00;&#20108;</p></doc>', 't');
    const p = doc.children[0] as ElementNode;
    expect(p.children.map((c) => (c.type === 'text' ? c.text : '')).join('')).toBe(`a < b && c > d "e" 'f' 一二`);
  });

  it('drops whitespace between blocks but keeps it inside paragraphs', () => {
    const doc = parseMarkup('<doc>\n  <p>a <b>b</b> c</p>\n</doc>', 't');
    expect(doc.children).toHaveLength(1);
    const p = doc.children[0] as ElementNode;
    expect(p.children.map((c) => c.type)).toEqual(['text', 'element', 'text']);
  });

  it('has a spec for every element of the contract', () => {
    for (const name of [...BLOCK_ELEMENTS, ...INLINE_ELEMENTS]) expect(MARKUP_SPEC[name]).toBeDefined();
  });
});

describe('parseMarkup reports problems at template:line:col in words an author understands', () => {
  it('an element in the wrong place names where it belongs', () => {
    const err = errorOf('<doc>\n<p>x</p>\n<options>\n  <opt>a</opt>\n</options>\n<opt>b</opt>\n</doc>');
    expect(err.message).toBe('paper.hbs:6:1: <opt> is only allowed inside <options>, not inside <doc>');
    expect(err.pos).toEqual({ template: 'paper.hbs', line: 6, col: 1 });
  });

  it('an unknown element', () => {
    expect(errorOf('<doc>\n  <para>x</para></doc>').message).toMatch(/^paper\.hbs:2:3: unknown element <para>/);
  });

  it('an unknown attribute lists the allowed ones', () => {
    expect(errorOf('<doc><p colour="red">x</p></doc>').message).toMatch(/<p> has no attribute "colour"; allowed: .*align/);
  });

  it('an invalid attribute value says what a valid one looks like', () => {
    expect(errorOf('<doc size="A9"></doc>').message).toMatch(/size="A9".*A3, A4/);
    expect(errorOf('<doc><options cols="3"><opt>a</opt></options></doc>').message).toMatch(/cols must be one of "auto", "1", "2", "4"/);
    expect(errorOf('<doc><p indent="two">x</p></doc>').message).toMatch(/indent must be a length/);
    expect(errorOf('<doc margin="20mm 1 2 3 4"></doc>').message).toMatch(/margin/);
    expect(errorOf('<doc><table widths="3em,,*"><row><cell>x</cell></row></table></doc>').message).toMatch(/widths/);
  });

  it('a missing required attribute', () => {
    expect(errorOf('<doc><qrcode/></doc>').message).toMatch(/<qrcode> needs a data="…" attribute/);
  });

  it('text where only blocks may go', () => {
    expect(errorOf('<doc><options>A. 是</options></doc>').message).toMatch(/text "A. 是" is not allowed directly inside <options>; put it in <opt>/);
  });

  it('malformed XML: unclosed and mismatched tags, bare & and <, unknown entities', () => {
    expect(errorOf('<doc><p>x</doc>').message).toMatch(/^paper\.hbs:1:\d+: this closing tag does not match <p> opened at line 1, column 6/);
    expect(errorOf('<doc>\n  <p>x</p>\n  <p>y\n</doc>').message).toMatch(/paper\.hbs:4:6: this closing tag does not match <p> opened at line 3, column 3/);
    expect(errorOf('<doc>\n  <p>x</p>').message).toMatch(/paper\.hbs:1:1: <doc> is never closed: add <\/doc>/);
    expect(errorOf('<doc><p>A & B</p></doc>').message).toMatch(/&amp;/);
    expect(errorOf('<doc><p>&nbsp;</p></doc>').message).toMatch(/unknown entity/);
    expect(errorOf('<doc><p>1 < 2</p></doc>').message).toMatch(/&lt;|tag/);
  });

  it('the root must be <doc>, and only one', () => {
    expect(errorOf('<p>x</p>').message).toMatch(/must start with <doc>/);
    expect(errorOf('').message).toMatch(/empty document|expected/);
  });

  it('names the bank question of the enclosing element', () => {
    const err = errorOf('<doc><keep from="ZD-001"><p><bogus/></p></keep></doc>');
    expect(err.from).toBe('ZD-001');
  });
});
