// The fast YAML path (js-yaml + a line scan) must give the values and question locations the
// careful path (the yaml package with positions) gives, on every layout a trainer may write.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, test } from 'vitest';
import { isYamlFailure, locate, parseYamlText, type YamlSource } from '../../src/bank/yamlSource.js';

function careful(text: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  return { file: 'x.yaml', text, value: doc.toJS(), full: { doc, lines } };
}

function sameAsCareful(text: string): void {
  const fast = parseYamlText(text, 'x.yaml');
  if (isYamlFailure(fast)) throw new Error(fast.message);
  const slow = careful(text);
  expect(fast.value).toEqual(slow.value);
  const n = (slow.value as { questions: unknown[] }).questions.length;
  for (let i = 0; i < n; i++) expect(locate(fast, ['questions', i]), `item ${i}`).toEqual(locate(slow, ['questions', i]));
  expect(locate(fast, ['questions', n - 1, 'answer'])).toEqual(locate(slow, ['questions', n - 1, 'answer']));
}

describe('YAML fast path', () => {
  test('every bundled question file: same values, same question locations', () => {
    const dir = 'bank/questions';
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const fast = parseYamlText(readFileSync(join(dir, f), 'utf8'), f) as YamlSource;
      expect(fast.items, f).toBeDefined();
      sameAsCareful(readFileSync(join(dir, f), 'utf8'));
    }
  });

  test('odd layouts: list at indent 0, comments, block scalars with "- " lines, flow items, CRLF', () => {
    sameAsCareful('topic: t\nquestions:\n- id: A-1\n  stem: x\n# a comment\n- id: A-2\n  stem: |\n    - not an item\n    - also not\n- {id: A-3, answer: B}\n');
    sameAsCareful('topic: t\r\nquestions:\r\n  - id: A-1\r\n    answer: true\r\n\r\n  -  id: A-2\r\n     answer: false\r\n');
    sameAsCareful('questions:\n  - id: A-1\n    stem: "two\n      lines"\ntopic: t\n');
    // A flow list: the scan finds nothing and the full document answers.
    sameAsCareful('topic: t\nquestions: [{id: A-1}, {id: A-2}]\n');
  });

  test('refused by the fast parser: the careful one reports a located line', () => {
    expect(parseYamlText('a: 1\na: 2\n', 'dup.yaml')).toMatchObject({ line: 2, message: expect.stringMatching(/invalid YAML/) });
    expect(parseYamlText('a: [1, 2\n', 'open.yaml')).toMatchObject({ message: expect.stringMatching(/invalid YAML/) });
  });
});
