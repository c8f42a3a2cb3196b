// The 阅卷 page over HTTP: our own sheet printed, filled (one mark only ticked, so that it goes to
// review), a second whose candidate number has one digit ticked, and a page that is no sheet; the doubtful mark decided by its button,
// the paper graded, scores.csv downloaded and the candidate's score checked.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as canvasPkg from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest, type Manifest } from '../../src/assemble/manifest.js';
import type { SheetGeometry } from '../../src/documents/index.js';
import { parseCsv } from '../../src/grading/csv.js';
import { startWorkspace, type RunningWorkspace } from '../../src/web/server.js';
import { run } from '../cli/run.js';
import { bubbleOf, drawMark, rng, sheetCanvas } from '../grading/sheets.js';

const DPI = 150;
const MAX_SCAN = 3 * 1024 * 1024;
let dir: string;
let outDir: string;
let ws: RunningWorkspace;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exampress-web-grading-'));
  outDir = join(dir, 'output');
  ws = await startWorkspace({ bankDir: 'bank', outDir, maxScanBytes: MAX_SCAN });
});

afterAll(async () => {
  await ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function http(path: string, init: { method?: string; body?: FormData | URLSearchParams } = {}): Promise<{ status: number; text: string; location: string | null; bytes: Buffer }> {
  const res = await fetch(`http://127.0.0.1:${ws.port}${path}`, { method: init.method ?? 'GET', ...(init.body ? { body: init.body } : {}), redirect: 'manual', headers: { cookie: `exampress_${ws.port}=${ws.token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, text: bytes.toString('utf8'), location: res.headers.get('location'), bytes };
}

/** The hidden fields and the buttons of each doubtful mark's form. */
function doubtForms(page: string): { line: string; question: string; source: string; letters: string[] }[] {
  return [...page.matchAll(/<form class="decide"[^>]*>(.*?)<\/form>/gs)]
    .map((m) => m[1]!)
    .filter((f) => f.includes('data-letter'))
    .map((f) => ({
      line: /name="line" value="([^"]*)"/.exec(f)![1]!,
      question: /name="question" value="([^"]*)"/.exec(f)![1]!,
      source: /name="source" value="([^"]*)"/.exec(f)![1]!.replaceAll('&#39;', "'").replaceAll('&amp;', '&'),
      letters: [...f.matchAll(/data-letter="([^"]*)"/g)].map((x) => x[1]!),
    }));
}

describe('阅卷', () => {
  it('says where the manifest comes from before a paper is printed', async () => {
    const res = await http('/grading');
    expect(res.status).toBe(200);
    expect(res.text).toContain('还没有可阅卷的试卷');
    expect(res.text).not.toContain('随阅卷功能提供');
  });

  it('reads uploaded scans, takes a decision by its button, grades, and serves scores.csv', async () => {
    expect((await run('paper', '--bank', 'bank', '--blueprint', 'bank/blueprints/standard.yaml', '--out', outDir, '--variants', '1', '--only', 'sheet')).code).toBe(0);
    const manifest = (parseManifest(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { manifest: Manifest }).manifest;
    const geometry = JSON.parse(readFileSync(join(outDir, 'standard-A-sheet.json'), 'utf8')) as SheetGeometry;
    const questions = manifest.variants[0]!.sections.flatMap((s) => s.questions);
    const [q1, q2] = questions as [Manifest['variants'][0]['sections'][0]['questions'][0], Manifest['variants'][0]['sections'][0]['questions'][0]];
    expect(typeof q1.answer).toBe('string');

    // Candidate 0042…: question 2 filled right, question 1's right letter only ticked (to review).
    const blank = await sheetCanvas(readFileSync(join(outDir, 'standard-A-sheet.pdf')), DPI);
    const ctx = blank.getContext('2d');
    const random = rng(7);
    const id = '0042000000'.slice(0, geometry.candidateId.columns.length);
    [...id].forEach((d, c) => drawMark(ctx, bubbleOf(geometry, `id${c}`, d), 'solid', DPI / 72, random));
    drawMark(ctx, bubbleOf(geometry, 2, String(q2.answer)[0]!), 'solid', DPI / 72, random);
    if (String(q2.answer).length > 1) for (const l of String(q2.answer).slice(1)) drawMark(ctx, bubbleOf(geometry, 2, l), 'solid', DPI / 72, random);
    drawMark(ctx, bubbleOf(geometry, 1, String(q1.answer)), 'tick', DPI / 72, random);
    // Candidate 0043…: one digit of the number only ticked, no answers.
    const second = await sheetCanvas(readFileSync(join(outDir, 'standard-A-sheet.pdf')), DPI);
    const id2 = '0043000000'.slice(0, id.length);
    [...id2].forEach((d, c) => drawMark(second.getContext('2d'), bubbleOf(geometry, `id${c}`, d), c === 2 ? 'tick' : 'solid', DPI / 72, random));
    const form = new FormData();
    form.append('scans', new Blob([await blank.encode('png')], { type: 'image/png' }), 'sheet 1.png');
    form.append('scans', new Blob([await second.encode('png')], { type: 'image/png' }), 'sheet 2.png');
    const white = canvasPkg.createCanvas(400, 560);
    white.getContext('2d').fillStyle = '#fff';
    form.append('scans', new Blob([await white.encode('png')], { type: 'image/png' }), 'empty.png');

    // A type the scanner does not read is refused, writing nothing.
    const wrong = new FormData();
    wrong.append('scans', new Blob(['x']), 'sheet.docx');
    const refused = await http('/grading/scan', { method: 'POST', body: wrong });
    expect(refused.status).toBe(415);
    expect(refused.text).toContain('不支持的文件类型');

    // Over the cap: refused, nothing read.
    const big = new FormData();
    big.append('scans', new Blob([new Uint8Array(MAX_SCAN + 1)], { type: 'application/pdf' }), 'big.pdf');
    const tooLarge = await http('/grading/scan', { method: 'POST', body: big });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toContain('扫描件太大');

    const scanned = await http('/grading/scan', { method: 'POST', body: form });
    expect(scanned.status, scanned.text).toBe(303);
    let page = (await http('/grading')).text;
    expect(page).toContain('无法读取的页');
    expect(page).toMatch(/003-empty\.png<\/td><td class="error">[^<]+/);
    const forms = doubtForms(page);
    expect(forms.map((f) => f.question)).toEqual(['1']);
    expect(forms[0]!.letters).toEqual([...geometry.questions[0]!.bubbles.map((b) => b.letter), 'blank']);
    expect(page).toMatch(/<img class="crop" alt="第 1 题的扫描" src="data:image\/png;base64,/);
    expect(page).not.toContain('id="grade"');

    // The person clicks the right letter; a second tab clicking after it is told, not obeyed.
    const decide = (value: string) => new URLSearchParams({ line: forms[0]!.line, question: '1', source: forms[0]!.source, value });
    const notPrinted = await http('/grading/decide', { method: 'POST', body: decide('Z') });
    expect(notPrinted.status).toBe(422);
    expect(notPrinted.text).toContain('第 1 题只能填');
    const decided = await http('/grading/decide', { method: 'POST', body: decide(String(q1.answer)) });
    expect(decided.status, decided.text).toBe(303);
    const stale = await http('/grading/decide', { method: 'POST', body: decide('') });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(`已被决定为「${String(q1.answer)}」`);
    // The session lives in the paper's record folder.
    const session = join(outDir, 'papers', readdirSync(join(outDir, 'papers'))[0]!);
    const responses = parseCsv(readFileSync(join(session, 'responses.csv'), 'utf8')) as { rows: string[][] };
    expect(responses.rows[1]!.slice(0, 6)).toEqual([id, '', 'A', expect.stringContaining('001-sheet_1.png'), String(q1.answer), String(q2.answer)]);

    page = (await http('/grading')).text;
    expect(doubtForms(page)).toEqual([]);
    expect(page).not.toContain('id="grade"');
    // The second sheet's number has a "?" digit: shown with its crop, typed in whole.
    const row = /<tr class="candidate" data-line="(\d+)">.*?name="source" value="([^"]*)"><input name="value" value="([^"]*)"/s.exec(page);
    expect(row?.[3]).toBe(`00?${id2.slice(3)}`);
    expect(page).toMatch(/<tr class="candidate"[^]*?<img class="crop" alt="考号" src="data:image\/png;base64,/);
    const typed = await http('/grading/candidate', { method: 'POST', body: new URLSearchParams({ line: row![1]!, source: row![2]!.replaceAll('&#39;', "'").replaceAll('&amp;', '&'), value: id2 }) });
    expect(typed.status, typed.text).toBe(303);
    page = (await http('/grading')).text;
    expect(page).not.toContain('class="candidate"');
    expect(page).toContain('id="grade"');
    const graded = await http('/grading/grade', { method: 'POST', body: new URLSearchParams({ pass: '0.6' }) });
    expect(graded.status, graded.text).toBe(303);
    page = (await http('/grading')).text;
    expect(page).toMatch(/平均分 [\d.]+（满分 100），及格率 0\.0%，信度 KR-20/);
    const key = session.split('/').pop()!;
    for (const name of ['scores.csv', 'items.csv', 'results.pdf']) expect(page).toContain(`href="/paper/${key}/${name}"`);
    expect(page).not.toContain('.staging-');

    const scores = await http(`/paper/${key}/scores.csv`);
    expect(scores.status).toBe(200);
    const rows = (parseCsv(scores.text) as { rows: string[][] }).rows;
    const header = rows[0]!;
    expect(rows.slice(1).map((r) => r[header.indexOf('candidate')])).toEqual([id, id2]);
    expect(Number(rows[1]![header.indexOf('total')])).toBe(q1.points + q2.points);
    expect((await http(`/paper/${key}/results.pdf`)).bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // A second batch is added to the session: the same sheet again is counted once, and said so.
    const before = readFileSync(join(session, 'responses.csv'), 'utf8');
    const again = new FormData();
    again.append('scans', new Blob([await blank.encode('png')], { type: 'image/png' }), 'sheet 1.png');
    const added = await http('/grading/scan', { method: 'POST', body: again });
    expect(added.status, added.text).toBe(303);
    page = (await http('/grading')).text;
    expect(page).toContain('新增 0 张答题卡，共 2 张');
    expect(page).toMatch(/001-sheet_1\.png 与 .*001-sheet_1\.png（responses\.csv 第 2 行）是同一张答题卡，只计一次/);
    expect(readFileSync(join(session, 'responses.csv'), 'utf8')).toBe(before);
    // Starting over would drop the person's decisions: refused, nothing changed.
    again.append('replace', '1');
    const replaced = await http('/grading/scan', { method: 'POST', body: again });
    expect(replaced.status).toBe(422);
    expect(replaced.text).toContain('有 2 处人工决定');
    expect(readFileSync(join(session, 'responses.csv'), 'utf8')).toBe(before);
  });
});
