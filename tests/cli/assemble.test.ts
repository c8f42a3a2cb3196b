// `exampress assemble` as a trainer runs it: files in, manifest.json out, exit codes and messages.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blueprintJsonSchema } from '../../src/assemble/blueprint.js';
import { runCli } from '../../src/cli/cli.js';
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

interface AssembleArgs {
  bankDir: string;
  blueprint?: string;
  fromManifest?: string;
  seed?: number;
  variants?: number;
  mode?: 'shuffle' | 'parallel';
  roster?: string;
  out?: string;
  json?: boolean;
  issue?: boolean;
}

/** The command line of `args`, run in this process. */
async function run(args: AssembleArgs) {
  const c = capture();
  const flag = (name: string, value: string | number | boolean | undefined) => (value === undefined || value === false ? [] : value === true ? [`--${name}`] : [`--${name}`, String(value)]);
  const argv = ['assemble', ...flag('bank', args.bankDir), ...flag('blueprint', args.blueprint), ...flag('from-manifest', args.fromManifest), ...flag('seed', args.seed), ...flag('variants', args.variants), ...flag('mode', args.mode), ...flag('roster', args.roster), ...flag('out', args.out), ...flag('json', args.json), ...flag('issue', args.issue)];
  const code = await runCli(argv, c.io);
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

/** One question file holding `body` (YAML list items), added to a copy of the clean test bank. */
function brokenBank(name: string, file: string, body: string): string {
  const dir = makeBankDir(name);
  writeFileSync(join(dir, 'questions', file), body);
  return dir;
}

const EXTRA = (item: string) => `topic: dianhua-liyi\nquestions:\n${item}`;
const SINGLE = (id: string, lines: string) =>
  `  - id: ${id}\n    type: single\n    stem: 窗口柜员遇到客户询问理财收益时应当如何回答( )。\n${lines}    difficulty: 2\n    source: 测试资料\n    explanation: 测试解析。\n`;

describe('a broken bank never reaches a paper (issue 16)', () => {
  test.each([
    ['a second DH-001 in another file', 'twin.yaml', EXTRA(SINGLE('DH-001', '    options: [甲, 乙, 丙, 丁]\n    answer: B\n')), /twin\.yaml:3:5 DH-001 error duplicate-id: id DH-001 is already used at/],
    ['answer E on four options', 'e.yaml', EXTRA(SINGLE('DH-901', '    options: [甲, 乙, 丙, 丁]\n    answer: E\n')), /e\.yaml:3:5 DH-901 error answer-not-option: answer E is not among the 4 options/],
    ['a single-choice question answered AD', 'ad.yaml', EXTRA(SINGLE('DH-902', '    options: [甲, 乙, 丙, 丁]\n    answer: AD\n')), /ad\.yaml:3:5 DH-902 error single-answer: single-choice question has 2 answers \(AD\)/],
    ['a file of malformed YAML (a whole topic would vanish)', 'bad.yaml', 'topic: dianhua-liyi\nquestions:\n  - id: DH-903\n    stem: [unclosed\n', /bad\.yaml:\d+:\d+ error yaml: invalid YAML/],
    ['`questions:` with nothing after it', 'empty-list.yaml', 'topic: dianhua-liyi\nquestions:\n', /empty-list\.yaml:\d+:\d+ error schema: questions: expected a list of questions/],
    ['a control character in a stem', 'ctl.yaml', EXTRA(SINGLE('DH-904', '    options: [甲, 乙, 丙, 丁]\n    answer: B\n').replace('如何回答', '如何\\u0007回答').replace('stem: ', 'stem: "').replace('( )。\n', '( )。"\n')), /ctl\.yaml:3:5 DH-904 error unprintable: stem holds the unprintable character U\+0007/],
    ['U+FFFE in an option', 'nonchar.yaml', EXTRA(SINGLE('DH-905', '    options: [甲, "乙\\uFFFE", 丙, 丁]\n    answer: B\n')), /nonchar\.yaml:3:5 DH-905 error unprintable: option B holds the unprintable character U\+FFFE/],
  ])('%s: exit 1, every lint error printed, nothing written', async (name, file, body, expected) => {
    const dir = brokenBank(`broken-${file}`, file, body);
    const bp = writeBlueprint(`bp-${file}`, BLUEPRINT);
    const out = join(root, `out-${file}`);
    const r = await run({ blueprint: bp, bankDir: dir, seed: 3, out });
    expect(r.err).toMatch(expected);
    expect(r.err).toMatch(/has \d+ error\(s\); fix them \(exampress bank lint\); nothing was written/);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  test('warnings do not stop it (the test bank cites no norms: a warning per question)', async () => {
    const r = await run({ blueprint: writeBlueprint('bp-warn.yaml', BLUEPRINT), bankDir: makeBankDir('warn'), out: join(root, 'out-warn') });
    expect(r.err).toMatch(/note: the bank has \d+ warning\(s\)/);
    expect(r.code).toBe(0);
  });

  test('a YAML alias bomb is one line naming the file', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${'bcdefghij'[i]}: &${'bcdefghij'[i]} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`), 'topic: dianhua-liyi', 'questions: []'].join('\n');
    const dir = brokenBank('bomb', 'bomb.yaml', `${bomb}\n`);
    const r = await run({ blueprint: writeBlueprint('bp-bomb.yaml', BLUEPRINT), bankDir: dir, out: join(root, 'out-bomb') });
    expect(r.err).toMatch(/questions\/bomb\.yaml:1:1 error yaml: too many YAML aliases/);
    expect(r.code).toBe(1);
  });

  test('a question folder that cannot be listed is located (ENOTDIR here; EACCES maps the same way)', async () => {
    const dir = makeBankDir('notdir');
    rmSync(join(dir, 'norms'), { recursive: true });
    writeFileSync(join(dir, 'norms'), 'not a folder');
    const r = await run({ blueprint: writeBlueprint('bp-notdir.yaml', BLUEPRINT), bankDir: dir, out: join(root, 'out-notdir') });
    expect(r.err).toMatch(/norms:1:1 error unreadable: cannot list the folder: is a file, expected a folder/);
    expect(r.code).toBe(1);
  });

  test.skipIf(process.getuid?.() === 0)('EACCES on the questions folder is located', async () => {
    const dir = makeBankDir('eacces');
    chmodSync(join(dir, 'questions'), 0o000);
    try {
      const r = await run({ blueprint: writeBlueprint('bp-eacces.yaml', BLUEPRINT), bankDir: dir, out: join(root, 'out-eacces') });
      expect(r.err).toMatch(/questions:1:1 error unreadable: cannot list the folder: permission denied/);
      expect(r.code).toBe(1);
    } finally {
      chmodSync(join(dir, 'questions'), 0o755);
    }
  });
});

describe('--out and --seed (issue 16)', () => {
  test('--out /proc/nope fails at once with one line, before any work', async () => {
    const started = Date.now();
    const r = await run({ blueprint: writeBlueprint('bp-proc.yaml', BLUEPRINT), bankDir: makeBankDir('proc'), out: '/proc/nope' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^exampress assemble: cannot use \/proc\/nope as the output folder: /);
    expect(r.err.split('\n')).toHaveLength(1);
  });

  test('--out naming a file: a clear line, no raw EEXIST', async () => {
    const file = join(root, 'i-am-a-file');
    writeFileSync(file, 'x');
    for (const out of [file, join(file, 'sub')]) {
      const r = await run({ blueprint: writeBlueprint('bp-file.yaml', BLUEPRINT), bankDir: makeBankDir('outfile'), out });
      expect(r.code).toBe(3);
      expect(r.err).toMatch(/cannot use .*i-am-a-file.* as the output folder: a file is in the way/);
      expect(r.err).not.toMatch(/EEXIST|ENOTDIR/);
    }
  });

  test('seeds: 1 and 2^32 give different papers; outside 0..2^53-1 is refused', async () => {
    const bankDir = makeBankDir('seeds');
    const bp = writeBlueprint('bp-seeds.yaml', BLUEPRINT);
    const ids = async (seed: number) => {
      const out = join(root, `out-seed-${seed}`);
      expect((await run({ blueprint: bp, bankDir, seed, out })).code).toBe(0);
      return readFileSync(join(out, 'manifest.json'), 'utf8').replace(/"seed": \d+/, '');
    };
    expect(await ids(1)).not.toBe(await ids(2 ** 32));
    for (const seed of [-1, 2 ** 53, 1.5, Number.NaN]) {
      const r = await run({ blueprint: bp, bankDir, seed, out: join(root, 'out-bad-seed') });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/--seed must be a whole number from 0 to 9007199254740991/);
    }
  });
});

describe('--from-manifest refuses what does not fit (issue 16)', () => {
  async function made(name: string) {
    const bankDir = makeBankDir(name);
    const out = join(root, `out-${name}`);
    expect((await run({ blueprint: writeBlueprint(`bp-${name}.yaml`, BLUEPRINT), bankDir, seed: 4, out })).code).toBe(0);
    const file = join(out, 'manifest.json');
    return { bankDir, file, text: readFileSync(file, 'utf8'), manifest: JSON.parse(readFileSync(file, 'utf8')) as Manifest };
  }

  test('a question edited since: exit 2 naming it, nothing written', async () => {
    const m = await made('changed');
    const id = m.manifest.variants[0]!.sections[0]!.questions[0]!.id;
    const path = join(m.bankDir, 'questions', id.startsWith('DH') ? 'dh.yaml' : 'yr.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/explanation: 测试解析。/, 'explanation: 改过的解析。'));
    // Only the first question of the file changed; it may or may not be in the paper.
    const first = readFileSync(path, 'utf8').match(/id: (\w+-\d+)/)![1]!;
    const out = join(root, 'out-changed-again');
    const r = await run({ fromManifest: m.file, bankDir: m.bankDir, out });
    if (m.text.includes(`"${first}"`)) {
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`1 question\\(s\\) changed in the bank since the manifest was made \\(ids: ${first}\\)`));
      expect(existsSync(out)).toBe(false);
    } else expect(r.code).toBe(0);
  });

  test.each([
    ['an answer that does not fit the order', (t: string) => t.replace(/("order": "(\w+)",\n\s+"answer": ")(\w)"/, (_, a: string, order: string, ans: string) => `${a}${ans === 'A' ? 'B' : 'A'}"`), /:\d+:\d+ error manifest: variant A, \w+-\d+: answer "\w" does not match the question's answer after the order/],
    ['an order that is no permutation', (t: string) => t.replace(/"order": "(\w)(\w)(\w)(\w)"/, '"order": "$1$1$3$4"'), /:\d+:\d+ error manifest: variant A, \w+-\d+: order "\w+" is not a permutation of the 4 options/],
    ['negative points', (t: string) => t.replace(/"points": 2,\n(\s+)"order"/, '"points": -2,\n$1"order"'), /\.json:\d+:\d+ error manifest: variants\.0\.sections\.0\.questions\.\d+\.points: /],
    ['a missing hash', (t: string) => t.replace(/\n\s+"hash": "[0-9a-f]+",/, ''), /\.json:\d+:\d+ error manifest: variants\.0\.sections\.0\.questions\.0\.hash: /],
    ['a section that is not a list', (t: string) => t.replace(/"questions": \[/, '"questions": 5, "x": ['), /\.json:\d+:\d+ error manifest: variants\.0\.sections\.0\.questions: Invalid input: expected array/],
    ['truncated JSON', (t: string) => t.slice(0, 200), /\.json:\d+:\d+ error manifest: is not JSON/],
  ])('%s: one located error, exit 2, never a TypeError', async (name, tamper, expected) => {
    const m = await made(`tamper-${name.replace(/\W+/g, '-')}`);
    const bad = join(root, `tampered-${name.replace(/\W+/g, '-')}.json`);
    const text = tamper(m.text);
    expect(text).not.toBe(m.text);
    writeFileSync(bad, text);
    const out = join(root, `out-tampered-${name.replace(/\W+/g, '-')}`);
    const r = await run({ fromManifest: bad, bankDir: m.bankDir, out });
    expect(r.err).toMatch(expected);
    expect(r.err).not.toMatch(/TypeError|Cannot read/);
    expect(r.err.split('\n').filter((l) => / error /.test(l))).toHaveLength(1);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
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
