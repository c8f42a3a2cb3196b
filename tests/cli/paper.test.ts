// `exampress paper` as a trainer runs it: files written, exit codes, a broken bank or template
// refused with a located line, bank text printed literally, a trainer's own templates.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { makeBank, validQuestions } from '../bank/makeBank.js';
import { openPdf } from '../support/pdf.js';
import { squash, TEMPLATES } from '../documents/standard.js';
import { documentsIn, run } from './run.js';

const BLUEPRINT = `title: 电话礼仪小测
durationMinutes: 20
sections:
  - { type: single, count: 1, points: 2, instruction: 选一个。 }
  - { type: multiple, count: 1, points: 4, partialCredit: 2, instruction: 选多个。 }
  - { type: judge, count: 1, points: 2, instruction: 判断。 }
  - { type: fill, count: 1, points: 2, instruction: 填空。 }
`;

function smallBank(questions = validQuestions()) {
  const bank = makeBank({ questions });
  const blueprint = join(bank, 'quiz.yaml');
  writeFileSync(blueprint, BLUEPRINT);
  return { bank, blueprint, out: mkdtempSync(join(tmpdir(), 'exampress-paper-')) };
}

describe('exampress paper', () => {
  test('writes paper, key, sheet (+ geometry) and coverage table per variant, and says what it wrote', async () => {
    const { bank, blueprint, out } = smallBank();
    const res = await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', out, '--variants', '2');
    expect(res.code, res.stderr).toBe(0);
    const names = documentsIn(out);
    expect(names).toEqual(
      ['manifest.json', ...['A', 'B'].flatMap((v) => ['key.pdf', 'paper.pdf', 'sheet.json', 'sheet.pdf', 'spec.pdf'].map((k) => `quiz-${v}-${k}`))].sort(),
    );
    // The set is kept whole as its paper's record, which the output folder shows.
    const [id] = readdirSync(join(out, 'papers'));
    expect(readdirSync(join(out, 'papers', id!)).sort()).toEqual([...names, 'record.json'].sort());
    for (const n of names) expect(readFileSync(join(out, n)).equals(readFileSync(join(out, 'papers', id!, n))), n).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'papers', id!, 'record.json'), 'utf8'))).toMatchObject({ id, blueprint: 'quiz.yaml', variants: ['A', 'B'], candidates: 0 });
    expect(res.stdout).toMatch(/quiz-A-paper\.pdf\s+1 page\s+\d+ KB/);
    const key = squash(await (await openPdf(join(out, 'quiz-A-key.pdf'))).text());
    expect(key).toContain('全部选对得4分；少选且所选均正确得2分；错选不得分');
    expect(key).toContain('三或3；问候');
  });

  test('--only paper writes the paper alone; a wrong --only is one line and exit 1', async () => {
    const { bank, blueprint, out } = smallBank();
    expect((await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', out, '--only', 'paper')).code).toBe(0);
    expect(documentsIn(out)).toEqual(['manifest.json', 'quiz-A-paper.pdf']);
    const bad = await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', out, '--only', 'paper,answers');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--only takes paper,key,sheet,spec/);
  });

  test('bank text is printed literally: markup, entities and handlebars in a stem are text', async () => {
    const questions = validQuestions();
    questions[0]!.stem = '在 <b>加粗</b> & {{x}} </doc> 之后，应在（ ）之内接听。';
    questions[0]!.options = ['<p>一声</p>', '三声 &amp;', '{{five}}', ']]>'];
    const { bank, blueprint, out } = smallBank(questions);
    const res = await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', out, '--only', 'paper');
    expect(res.code, res.stderr).toBe(0);
    const text = await (await openPdf(join(out, 'quiz-A-paper.pdf'))).text();
    expect(squash(text)).toContain(squash('在 <b>加粗</b> & {{x}} </doc> 之后'));
    for (const o of ['<p>一声</p>', '三声&amp;', '{{five}}', ']]>']) expect(squash(text)).toContain(o);
  });

  test('a bank with an error prints every error and writes nothing (exit 1)', async () => {
    const questions = validQuestions();
    questions[0]!.answer = 'E';
    questions.push({ ...validQuestions()[1]!, stem: '另一道题（ ）。' });
    const { bank, blueprint, out } = smallBank(questions);
    const res = await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', out);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/phone\.yaml:\d+:\d+ DH-001 error answer-not-option/);
    expect(res.stderr).toMatch(/duplicate-id/);
    expect(readdirSync(out)).toEqual([]);
  });

  test('a trainer\'s templates: a changed label and notes print; a template mistake names the file, line and column', async () => {
    const { bank, blueprint, out } = smallBank();
    const mine = mkdtempSync(join(tmpdir(), 'exampress-templates-'));
    cpSync(TEMPLATES, mine, { recursive: true });
    writeFileSync(join(mine, 'theme.yaml'), 'paper:\n  candidateFields: [姓名, 部门, 岗位]\n  notes: [请独立完成。]\n');
    const ok = await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', out, '--only', 'paper', '--templates', mine);
    expect(ok.code, ok.stderr).toBe(0);
    const text = squash(await (await openPdf(join(out, 'quiz-A-paper.pdf'))).text());
    expect(text).toMatch(/姓名：.*部门：.*岗位：/);
    expect(text).toContain('1.请独立完成。');

    const question = join(mine, 'partials', 'question.hbs');
    const lines = readFileSync(question, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('<p ', '<para ');
    writeFileSync(question, lines.join('\n'));
    const broken = await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', join(out, 'x'), '--only', 'paper', '--templates', mine);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^partials\/question\.hbs:2:3: unknown element <para>/m);
    expect(existsSync(join(out, 'x', 'quiz-A-paper.pdf'))).toBe(false);

    writeFileSync(join(mine, 'paper.hbs'), readFileSync(join(TEMPLATES, 'paper.hbs'), 'utf8').replace('{{endMark}}', '{{endMarc}}'));
    writeFileSync(question, readFileSync(join(TEMPLATES, 'partials', 'question.hbs')));
    const typo = await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', join(out, 'y'), '--only', 'paper', '--templates', mine);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/^paper\.hbs:\d+:\d+: the view has no field "endMarc"/m);
  });

  test('the same bank, blueprint and seed give byte-identical files', async () => {
    const { bank, blueprint, out } = smallBank();
    await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', join(out, '1'), '--seed', '7');
    await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', join(out, '2'), '--seed', '7');
    for (const name of documentsIn(join(out, '1'))) expect(readFileSync(join(out, '2', name)).equals(readFileSync(join(out, '1', name))), name).toBe(true);
  });
});

describe('exampress paper --pdf-backend', () => {
  test.each([
    ['pdfkit', 'exampress (pdfkit)'],
    ['fast', 'exampress'],
    ['auto', 'exampress'],
  ])('%s writes the PDFs with that backend', async (backend, producer) => {
    const { bank, blueprint, out } = smallBank();
    const res = await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', out, '--only', 'paper', '--pdf-backend', backend);
    expect(res.code, res.stderr).toBe(0);
    const pdf = await openPdf(join(out, 'quiz-A-paper.pdf'));
    expect(pdf.info.Producer).toBe(producer);
    expect(squash(await pdf.text())).toContain('电话礼仪小测');
  });

  test('refuses a backend it does not know, before anything runs', async () => {
    const { bank, blueprint, out } = smallBank();
    const res = await run('paper', '--bank', bank, '--blueprint', blueprint, '--out', out, '--pdf-backend', 'poppler');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/pdf-backend.*poppler.*auto, fast, pdfkit|Invalid values/s);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  });
});
