// runAssemble as the CLI calls it: files in, manifest.json out, exit codes and messages.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blueprintJsonSchema } from '../../src/assemble/blueprint.js';
import { runAssemble, type AssembleArgs } from '../../src/cli/assemble.js';
import { parseManifest, type Manifest } from '../../src/assemble/manifest.js';
import { resolveVariant } from '../../src/assemble/resolve.js';
import { loadBank } from '../../src/bank/load.js';

let root: string;

const TOPICS = ['dianhua-liyi', 'yirong-yibiao'];
const TOPIC_NAMES: Record<string, string> = { 'dianhua-liyi': '电话礼仪', 'yirong-yibiao': '仪容仪表' };

// Stems distinct enough for the near-duplicate lint rule: six characters picked per question.
const CHARS = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官人皇始制文字乃服衣裳推位让国有虞陶唐';
function words(prefix: string, i: number): string {
  let h = [...prefix].reduce((a, c) => a * 31 + c.charCodeAt(0), 7) + i * 7919;
  let out = '';
  for (let k = 0; k < 6; k++) {
    h = (h * 1103515245 + 12345) % 2147483648;
    out += CHARS[Math.floor(h / 65536) % CHARS.length];
  }
  return out;
}

function questionYaml(topic: string, prefix: string, from: number, to: number): string {
  const lines = [`topic: ${topic}`, 'questions:'];
  for (let i = from; i <= to; i++) {
    const id = `${prefix}-${String(i).padStart(3, '0')}`;
    const difficulty = (i % 5) + 1;
    if (i % 3 === 0) {
      lines.push(`  - id: ${id}`, '    type: judge', `    stem: 判断${words(prefix, i)}对吗。`, `    answer: ${i % 2 === 0}`);
    } else {
      lines.push(
        `  - id: ${id}`,
        '    type: single',
        `    stem: 选出${words(prefix, i)}( )。`,
        `    options: [甲${i}, 乙${i}, 丙${i}, 以上都是]`,
        `    answer: ${'ABCD'[i % 4]}`,
        '    fixedOrder: [D]',
      );
    }
    lines.push(`    difficulty: ${difficulty}`, '    source: 测试资料', '    explanation: 测试解析。');
  }
  return `${lines.join('\n')}\n`;
}

function makeBankDir(name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'questions'), { recursive: true });
  mkdirSync(join(dir, 'norms'), { recursive: true });
  writeFileSync(join(dir, 'topics.yaml'), `topics:\n${TOPICS.map((t) => `  - id: ${t}\n    name: ${TOPIC_NAMES[t]}`).join('\n')}\n`);
  writeFileSync(join(dir, 'questions', 'dh.yaml'), questionYaml('dianhua-liyi', 'DH', 1, 30));
  writeFileSync(join(dir, 'questions', 'yr.yaml'), questionYaml('yirong-yibiao', 'YR', 1, 30));
  return dir;
}

const BLUEPRINT = `title: 测试卷
durationMinutes: 30
totalPoints: 30
topics: balanced
sections:
  - type: single
    count: 10
    points: 2
    instruction: 选择一个正确答案。
  - type: judge
    count: 10
    points: 1
    instruction: 判断对错。
`;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

async function run(args: Partial<AssembleArgs> & { bankDir: string }) {
  const c = capture();
  const code = await runAssemble(args, c.io);
  return { code, out: c.out.join(''), err: c.err.join('\n') };
}

function writeBlueprint(name: string, text: string): string {
  const file = join(root, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'exampress-assemble-'));
});
afterAll(() => {
  // Temp folders are left to the OS; nothing outside tmpdir is written.
});

describe('exampress assemble', () => {
  test('writes manifest.json; --json prints the same bytes; the same seed reproduces it byte for byte', async () => {
    const bank = makeBankDir('bank1');
    const bp = writeBlueprint('bp1.yaml', BLUEPRINT);
    const out1 = join(root, 'out1');
    const a = await run({ blueprint: bp, bankDir: bank, seed: 5, out: out1, json: true });
    expect(a.code).toBe(0);
    const text = readFileSync(join(out1, 'manifest.json'), 'utf8');
    expect(a.out).toBe(text);
    const b = await run({ blueprint: bp, bankDir: bank, seed: 5, out: join(root, 'out1b') });
    expect(readFileSync(join(root, 'out1b', 'manifest.json'), 'utf8')).toBe(text);
    const c = await run({ blueprint: bp, bankDir: bank, seed: 6, out: join(root, 'out1c') });
    expect(c.code).toBe(0);
    expect(readFileSync(join(root, 'out1c', 'manifest.json'), 'utf8')).not.toBe(text);
    const m = JSON.parse(text) as Manifest;
    expect(Object.keys(m)).toEqual(['format', 'tool', 'bank', 'blueprint', 'seed', 'mode', 'variants']);
    expect(m.variants[0]!.totalPoints).toBe(30);
    expect(m.bank.sha256).toMatch(/^[0-9a-f]{64}$/);
    // fixedOrder [D] keeps 以上都是 last in every single-choice question.
    for (const q of m.variants[0]!.sections[0]!.questions) expect(q.order![3]).toBe('D');
  });

  test('an infeasible blueprint exits 2, names the rule and the supply with ids, and writes nothing', async () => {
    const bank = makeBankDir('bank2');
    const bp = writeBlueprint(
      'bp2.yaml',
      `title: 不可能
durationMinutes: 30
sections:
  - type: single
    count: 9
    points: 2
    instruction: 选择。
    cells:
      - { topic: dianhua-liyi, difficulty: 4-5, count: 9 }
`,
    );
    const out = join(root, 'out2');
    const r = await run({ blueprint: bp, bankDir: bank, out });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bp2\.yaml:\d+:\d+ error cell-supply: section 1 \(single\): needs 9 questions on topic 电话礼仪 at difficulty 4-5; the bank has 8 \(ids: DH-004, DH-008, DH-013, DH-014, DH-019, DH-023, DH-028, DH-029\)/);
    expect(existsSync(out)).toBe(false);
  });

  test('schema errors point at FILE:LINE:COL; wrong totals are caught before any draw', async () => {
    const bank = makeBankDir('bank3');
    const bad = writeBlueprint('bp3.yaml', BLUEPRINT.replace('    points: 1\n', '    points: -1\n'));
    const r = await run({ blueprint: bad, bankDir: bank, out: join(root, 'out3') });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bp3\.yaml:12:13 error schema: sections\.1\.points: /);
    const total = writeBlueprint('bp3b.yaml', BLUEPRINT.replace('totalPoints: 30', 'totalPoints: 100'));
    const t = await run({ blueprint: total, bankDir: bank, out: join(root, 'out3') });
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/bp3b\.yaml:3:\d+ error schema: totalPoints: the sections add up to 30 points \(10x2 \+ 10x1\), not 100/);
    const topic = writeBlueprint('bp3c.yaml', BLUEPRINT.replace('topics: balanced', 'topics: { counts: { no-such-topic: 20 } }'));
    const u = await run({ blueprint: topic, bankDir: bank, out: join(root, 'out3') });
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/bp3c\.yaml:4:\d+ error unknown-topic: unknown topic no-such-topic/);
    expect(existsSync(join(root, 'out3'))).toBe(false);
  });

  test('--from-manifest reproduces the papers after the bank has grown', async () => {
    const bankDir = makeBankDir('bank4');
    const bp = writeBlueprint('bp4.yaml', BLUEPRINT.replace('title: 测试卷', 'title: 测试卷\nvariants: { count: 2, mode: shuffle }'));
    const first = join(root, 'out4');
    expect((await run({ blueprint: bp, bankDir, seed: 9, out: first })).code).toBe(0);
    const before = readFileSync(join(first, 'manifest.json'), 'utf8');
    const manifest = (parseManifest(before) as { manifest: Manifest }).manifest;
    const oldBank = loadBank(bankDir).bank;
    const oldPapers = [0, 1].map((v) => resolveVariant(oldBank, manifest, v));

    writeFileSync(join(bankDir, 'questions', 'more.yaml'), questionYaml('dianhua-liyi', 'NEW', 1, 40));
    const grown = loadBank(bankDir).bank;
    expect(grown.questions.length).toBe(oldBank.questions.length + 40);
    // A fresh draw from the grown bank may differ; the manifest brings back the old papers.
    const again = join(root, 'out4b');
    const rerun = await run({ fromManifest: join(first, "manifest.json"), bankDir, out: again });
    expect(rerun.err).not.toMatch(/error/);
    expect(rerun.code).toBe(0);
    expect(readFileSync(join(again, 'manifest.json'), 'utf8')).toBe(before);
    const newPapers = [0, 1].map((v) => resolveVariant(grown, manifest, v));
    const strip = (p: ReturnType<typeof resolveVariant>) => p.sections.map((s) => s.questions.map((q) => [q.number, q.id, q.options, q.answer]));
    expect(newPapers.map(strip)).toEqual(oldPapers.map(strip));
    // The resolved paper prints options in the shuffled order and the answer matches it.
    const q = newPapers[0]!.sections[0]!.questions[0]!;
    expect(q.options[(q.answer as string).charCodeAt(0) - 65]).toBe(q.question.options![q.question.answer.toString().charCodeAt(0) - 65]);
    expect(newPapers[0]!.title).toBe('测试卷');
    expect(newPapers[1]!.sections[0]!.questions.map((x) => x.id).sort()).toEqual(newPapers[0]!.sections[0]!.questions.map((x) => x.id).sort());

    // A bank that lost a question cannot reproduce the paper: exit 2, nothing written.
    const lost = makeBankDir('bank4-lost');
    writeFileSync(join(lost, 'questions', 'dh.yaml'), questionYaml('dianhua-liyi', 'DH', 2, 30));
    writeFileSync(join(lost, 'questions', 'yr.yaml'), questionYaml('yirong-yibiao', 'YR', 2, 30));
    const r = await run({ fromManifest: join(first, 'manifest.json'), bankDir: lost, out: join(root, 'out4c') });
    if (before.includes('"DH-001"') || before.includes('"YR-001"')) {
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/the bank lacks \d question\(s\) the paper needs/);
      expect(existsSync(join(root, 'out4c'))).toBe(false);
    }
  });

  test('--issue records the paper; exposure keeps those questions out of the next one', async () => {
    const bankDir = makeBankDir('bank5');
    const bp = writeBlueprint('bp5.yaml', `${BLUEPRINT}exposure: { history: usage.jsonl, notInLast: 1 }\n`);
    const a = await run({ blueprint: bp, bankDir, seed: 1, out: join(root, 'out5a') });
    expect(a.code).toBe(0);
    expect(existsSync(join(root, 'usage.jsonl'))).toBe(false);
    const b = await run({ blueprint: bp, bankDir, seed: 1, out: join(root, 'out5b'), issue: true });
    expect(b.code).toBe(0);
    const history = readFileSync(join(root, 'usage.jsonl'), 'utf8').trim().split('\n');
    expect(history).toHaveLength(1);
    const used = new Set<string>(JSON.parse(history[0]!).ids);
    expect(used.size).toBe(20);
    const c = await run({ blueprint: bp, bankDir, seed: 1, out: join(root, 'out5c') });
    expect(c.code).toBe(0);
    const next = JSON.parse(readFileSync(join(root, 'out5c', 'manifest.json'), 'utf8')) as Manifest;
    const ids = next.variants[0]!.sections.flatMap((s) => s.questions.map((q) => q.id));
    expect(ids.filter((id) => used.has(id))).toEqual([]);
    const noHistory = writeBlueprint('bp5b.yaml', BLUEPRINT);
    const d = await run({ blueprint: noHistory, bankDir, out: join(root, 'out5d'), issue: true });
    expect(d.code).toBe(2);
    expect(d.err).toMatch(/--issue records the paper in exposure.history/);
  });

  test('a roster gives one paper per candidate, labelled by id, in parallel mode with no overlap', async () => {
    const bankDir = makeBankDir('bank6');
    const bp = writeBlueprint('bp6.yaml', BLUEPRINT.replace(/count: 10/g, 'count: 4').replace('totalPoints: 30', 'totalPoints: 12'));
    const roster = join(root, 'roster.csv');
    writeFileSync(roster, '\uFEFF考号,姓名\r\n2026001,张三\r\n2026002,"欧阳,娜娜"\r\n2026003,李四\r\n');
    const r = await run({ blueprint: bp, bankDir, roster, mode: 'parallel', out: join(root, 'out6') });
    expect(r.code).toBe(0);
    const m = JSON.parse(readFileSync(join(root, 'out6', 'manifest.json'), 'utf8')) as Manifest;
    expect(m.variants.map((v) => [v.label, v.candidate?.name])).toEqual([
      ['2026001', '张三'],
      ['2026002', '欧阳,娜娜'],
      ['2026003', '李四'],
    ]);
    const sets = m.variants.map((v) => new Set(v.sections.flatMap((s) => s.questions.map((q) => q.id))));
    for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) expect([...sets[i]!].filter((id) => sets[j]!.has(id))).toEqual([]);
  });

  test('parallel variants beyond what the bank holds are reported with the variant number', async () => {
    const bankDir = makeBankDir('bank7');
    const bp = writeBlueprint('bp7.yaml', BLUEPRINT);
    const r = await run({ blueprint: bp, bankDir, variants: 3, mode: 'parallel', out: join(root, 'out7') });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/parallel variant 3 of 3: after the questions of the earlier variants \(max overlap 0\), section 2 \(judge\): needs 10 questions; the bank has none eligible/);
    expect(existsSync(join(root, 'out7'))).toBe(false);
  });

  test('a bank folder with no questions is exit 1', async () => {
    const bp = writeBlueprint('bp8.yaml', BLUEPRINT);
    const r = await run({ blueprint: bp, bankDir: join(root, 'no-bank'), out: join(root, 'out8') });
    expect(r.code).toBe(1);
  });
});

describe('bundled blueprints', () => {
  test.each(['standard', 'quiz'])('%s.yaml is met by the bundled bank', async (name) => {
    const out = join(root, `bundled-${name}`);
    const r = await run({ blueprint: `bank/blueprints/${name}.yaml`, bankDir: 'bank', out });
    expect(r.err).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.variants[0]!.totalPoints).toBe(100);
    if (name === 'standard') {
      expect(m.variants[0]!.sections.map((s) => s.type)).toEqual(['single', 'multiple', 'judge', 'fill']);
      expect(m.variants[0]!.sections.reduce((n, s) => n + s.questions.length, 0)).toBe(50);
    }
  });

  test('bank/schema/blueprint.schema.json is the schema the code validates with', () => {
    expect(JSON.parse(readFileSync('bank/schema/blueprint.schema.json', 'utf8'))).toEqual(blueprintJsonSchema());
  });
});
