// Stems as segments: the answer bracket, blanks sized to the answer, negation emphasis.
import { describe, expect, test } from 'vitest';
import { blankWidth, stemSegments } from '../../src/documents/stem.js';
import { loadTemplates } from '../../src/documents/templates.js';
import { TEMPLATES } from './standard.js';

const NEG = ['不正确', '不属于', '严禁'];

describe('stemSegments', () => {
  test('turns the written answer bracket into the drawn one, wherever it stands', () => {
    const s = stemSegments('电话铃响后，一般应在（ ）之内接听。', { type: 'single', negation: [] });
    expect(s.map((x) => (x.isBracket ? '[]' : x.text)).join('')).toBe('电话铃响后，一般应在[]之内接听。');
  });

  test('adds the bracket at the end of a choice or judge stem that has none', () => {
    const s = stemSegments('客户经理可以在营业厅内吸烟。', { type: 'judge', negation: [] });
    expect(s.at(-1)!.isBracket).toBe(true);
  });

  test('puts answers in the brackets and on the blanks for keys', () => {
    const key = stemSegments('握手时间一般为___秒，力度___。', { type: 'fill', answers: ['1-3', '适中'], negation: [] });
    expect(key.filter((x) => x.isBlank).map((x) => x.answer)).toEqual(['1-3', '适中']);
    const paper = stemSegments('握手时间一般为___秒，力度___。', { type: 'fill', negation: [] });
    expect(paper.filter((x) => x.isBlank).map((x) => x.answer)).toEqual([null, null]);
  });

  test('a paper\'s blanks are as wide as the key\'s, sized to the answer without showing it', () => {
    const paper = stemSegments('服务遵循___原则。', { type: 'fill', negation: [], blankAnswers: ['首问负责制|首问责任制'] });
    const key = stemSegments('服务遵循___原则。', { type: 'fill', negation: [], answers: ['首问负责制'], blankAnswers: ['首问负责制|首问责任制'] });
    expect(paper.find((x) => x.isBlank)).toMatchObject({ width: '7em', answer: null });
    expect(key.find((x) => x.isBlank)).toMatchObject({ width: '7em', answer: '首问负责制' });
  });

  test('sizes blanks to the longest accepted answer, 4 to 12 em', () => {
    expect(blankWidth('两|2')).toBe('4em');
    expect(blankWidth('首问负责制')).toBe('7em');
    expect(blankWidth('一二三四五六七八九十一二三四五')).toBe('12em');
  });

  test('marks negation words, longest first, and nothing else', () => {
    const s = stemSegments('下列做法中不正确的是（ ）。', { type: 'single', negation: NEG });
    expect(s.filter((x) => x.isEm).map((x) => x.text)).toEqual(['不正确']);
    const none = stemSegments('下列做法正确的是（ ）。', { type: 'single', negation: NEG });
    expect(none.some((x) => x.isEm)).toBe(false);
  });

  test('the paper template prints them as <em> and <blank type="bracket">', () => {
    const markup = loadTemplates(TEMPLATES).render('paper.hbs', {
      doc: { title: 't', author: 'a', subject: 's', keywords: 'k', size: 'A4', orientation: 'portrait', margin: '18mm', bindingMargin: '0mm', columns: '1', fontSize: '10.5pt', lineHeight: '1.5', seal: false, sealFields: '' },
      organisation: 'o', title: 't', subtitle: '', variant: 'A卷', info: 'i',
      candidate: { printed: false, fields: [{ label: '姓名', value: '' }] },
      notes: { title: '注意事项', items: [] },
      scoreTable: { widths: '4em,*', header: ['一'], rows: ['得分'], labelHeader: '题号' },
      sections: [{ numeral: '一', heading: '一、单项选择题', summary: '', instruction: 'i', rule: '', questions: [{ id: 'Q-1', number: 1, stem: stemSegments('下列说法不正确的是（ ）。', { type: 'single', negation: NEG }), hasOptions: false, options: [] }] }],
      footer: 'f', endMark: 'e',
    });
    expect(markup.replace(/<\?src [^?]*\?>/g, '')).toMatch(/1\. 下列说法<em>不正确<\/em>的是<blank type="bracket"\/>。/);
  });
});
