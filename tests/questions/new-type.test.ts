// Adding a question type is one new module and one line of registration (README: "Adding a
// question type"). Proved on a copy of the project: a toy type 双选题 (exactly two correct
// options, all or nothing) is written beside the others, registered, type-checked and bundled,
// then a workspace prints a paper with it, a filled sheet is scanned and graded: the total is
// the truth.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Manifest } from '../../src/assemble/manifest.js';
import type { SheetGeometry } from '../../src/documents/index.js';
import { parseCsv } from '../../src/grading/csv.js';
import { packageRoot } from '../../src/paths.js';
import { bubbleOf, drawMark, rng, sheetCanvas } from '../grading/sheets.js';
import { openPdf } from '../support/pdf.js';

const ROOT = packageRoot();
const DPI = 150;

/** The whole new type: a module implementing QuestionTypeModule, written as a developer would. */
const MODULE = `// 双选题: exactly two correct options among four or more; all or nothing.
import { choiceAnswer, choiceProblems, LETTERS, lettersFromText, lettersText, originalLetters, readLetters } from './choice.js';
import type { QuestionTypeModule } from './types.js';

export const pick2 = {
  id: 'pick2',
  name: '双项选择题',
  tableName: '双选',
  aliases: ['双项选择题', '双选题', '双选', 'pick two'],
  model: { kind: 'choice', exclusive: false },
  answerSchema: choiceAnswer,
  answerHelp: 'pick2: two letters, "BD"',
  options: 'required',
  stemMarks: 'bracket',
  shuffle: { options: true, balanceLetters: false },
  partialCredit: false,
  sheet: { kind: 'bubbles', letters: (n) => LETTERS.slice(0, n) },
  lint: (q) => choiceProblems(q, 'BD', (letters) => (letters.length === 2 ? undefined : { rule: 'pick2-answer', message: \`a pick2 question has exactly two answers, not \${letters.length}\` })),
  readResponse: readLetters,
  score: (value, answer, points) => (value === answer ? points : 0),
  keyText: (answer, order) => originalLetters(String(answer), order),
  originalResponse: originalLetters,
  responseLetters: (n) => [...LETTERS.slice(0, n)],
  answerToText: lettersText,
  answerFromText: lettersFromText,
} as const satisfies QuestionTypeModule;
`;

const QUESTIONS = `topic: fuwu-guifan
questions:
  - id: FW-101
    type: pick2
    stem: 递接名片时，正确的两项做法是（ ）。
    options: [单手递出, 双手递出, 文字朝向自己, 文字朝向对方]
    answer: BD
    difficulty: 1
    source: 《服务规范手册》（示例）
    explanation: 双手递出、文字朝向对方。
    norms: [hand-over]
  - id: FW-102
    type: pick2
    stem: 客户走近柜台时，应当做到的两项是（ ）。
    options: [起身或抬头, 继续低头工作, 微笑问候, 等客户先开口]
    answer: AC
    difficulty: 1
    source: 《服务规范手册》（示例）
    explanation: 起身或抬头，微笑问候。
    norms: [greet-first]
`;

let copy: string;
let ws: string;
const run = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [join(copy, 'dist', 'exampress.mjs'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'exampress-newtype-'));
  for (const part of ['src', 'templates', 'fonts', 'bank', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  writeFileSync(join(copy, 'tsconfig.json'), readFileSync(join(ROOT, 'tsconfig.json'), 'utf8').replace(/"include": \[[^\]]*\]/, '"include": ["src/**/*.ts"]'));
  // The new module and its registration: nothing else of the project is touched.
  writeFileSync(join(copy, 'src', 'questions', 'pick2.ts'), MODULE);
  const registry = join(copy, 'src', 'questions', 'registry.ts');
  writeFileSync(registry, readFileSync(registry, 'utf8').replace("import { multiple } from './multiple.js';", "import { multiple } from './multiple.js';\nimport { pick2 } from './pick2.js';").replace('const MODULES = { single, multiple, judge, fill }', 'const MODULES = { single, multiple, judge, fill, pick2 }'));
}, 60_000);
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('a new question type', () => {
  test('type-checks and bundles with nothing but its module and its registration', () => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(copy, 'tsconfig.json'), '--noEmit'], { stdio: 'pipe' });
    execFileSync(process.execPath, [join(copy, 'src', 'cli', 'bundle.mjs')], { stdio: 'pipe' });
  }, 120_000);

  test('is linted, printed, scanned and graded like the built-in types', async () => {
    ws = join(copy, 'ws');
    expect(run(copy, 'init', ws).code).toBe(0);
    writeFileSync(join(ws, 'bank', 'questions', 'pick2.yaml'), QUESTIONS);
    const bp = join(ws, 'bank', 'blueprints', 'sample.yaml');
    writeFileSync(bp, readFileSync(bp, 'utf8').replace('totalPoints: 20', 'totalPoints: 26').replace('sections:\n', 'sections:\n  - type: pick2\n    count: 2\n    points: 3\n    instruction: 每题有两个正确答案。\n'));
    // Its lint rule works: a pick2 question with three answers is an error naming it.
    const bad = join(ws, 'bank', 'questions', 'bad.yaml');
    writeFileSync(bad, QUESTIONS.replaceAll('FW-10', 'FW-20').replace('answer: BD', 'answer: BCD'));
    const linted = run(ws, 'bank', 'lint');
    expect(linted.code).toBe(1);
    expect(linted.stdout).toMatch(/bad\.yaml:\d+:\d+ FW-201 error pick2-answer: a pick2 question has exactly two answers, not 3/);
    rmSync(bad);

    const printed = run(ws, 'paper', '--variants', '1');
    expect(printed.code, printed.stderr).toBe(0);
    const out = join(ws, 'output');
    const paper = (await (await openPdf(join(out, 'sample-A-paper.pdf'))).text()).replace(/\s+/g, '');
    expect(paper).toContain('双项选择题');
    expect(paper).toContain('递接名片时，正确的两项做法是');
    // (Read as JSON: this copy of the project knows a type the suite's own manifest schema does not.)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    const section = manifest.variants[0]!.sections.find((s) => s.type === ('pick2' as never))!;
    expect(section.questions.every((q) => typeof q.answer === 'string' && q.answer.length === 2)).toBe(true);

    // A candidate marks both questions right (the printed letters, after shuffling).
    const geometry = JSON.parse(readFileSync(join(out, 'sample-A-sheet.json'), 'utf8')) as SheetGeometry;
    const canvas = await sheetCanvas(readFileSync(join(out, 'sample-A-sheet.pdf')), DPI);
    const ctx = canvas.getContext('2d');
    const random = rng(5);
    [...'10000009'].forEach((d, c) => drawMark(ctx, bubbleOf(geometry, `id${c}`, d), 'solid', DPI / 72, random));
    for (const [i, q] of section.questions.entries()) for (const l of String(q.answer)) drawMark(ctx, bubbleOf(geometry, i + 1, l), 'solid', DPI / 72, random);
    writeFileSync(join(ws, 'scan.png'), await canvas.encode('png'));
    const scanned = run(ws, 'scan', join(ws, 'scan.png'));
    expect(scanned.code, scanned.stderr).toBe(0);
    const [record] = readdirSync(join(out, 'papers'));
    const responses = (parseCsv(readFileSync(join(out, 'papers', record!, 'responses.csv'), 'utf8')) as { rows: string[][] }).rows;
    expect(responses[1]!.slice(4, 6)).toEqual(section.questions.map((q) => String(q.answer)));
    const graded = run(ws, 'grade');
    expect(graded.code, graded.stderr).toBe(0);
    const scores = (parseCsv(readFileSync(join(out, 'papers', record!, 'scores.csv'), 'utf8')) as { rows: string[][] }).rows;
    const sectionTitle = scores[0]!.findIndex((h) => h === '双项选择题');
    expect(Number(scores[1]![sectionTitle])).toBe(6);
  }, 120_000);
});
