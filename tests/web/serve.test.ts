// The web workspace driven in a real browser (puppeteer-core + the Chromium that ships inside
// @sparticuz/chromium), plus the security cases over raw HTTP (a browser cannot send a wrong Host
// or an unnormalised path). One server over a copy of the bundled bank for the whole file.
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspace, type RunningWorkspace } from '../../src/web/server.js';
import { run } from '../cli/run.js';
import { pdfText } from '../support/pdf.js';

let dir: string;
let bankDir: string;
let outDir: string;
let ws: RunningWorkspace;
let browser: Browser;
let page: Page;
const MAX_UPLOAD = 256 * 1024;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exampress-web-'));
  bankDir = join(dir, 'bank');
  outDir = join(dir, 'output');
  cpSync('bank', bankDir, { recursive: true });
  // Comments a trainer wrote, which an edit through the page must keep.
  const file = join(bankDir, 'questions', 'dianhua-liyi.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('questions:\n', 'questions:\n  # 电话礼仪：培训部维护，勿删\n').replace('    difficulty: 1\n', '    difficulty: 1 # 入门题\n'));
  // A warning the linter finds on one question (a source that names no document in 《》).
  const service = join(bankDir, 'questions', 'dianhua-liyi.yaml');
  const withWarning = readFileSync(service, 'utf8').replace(/(- id: DH-002\n(?:.*\n)*?    source: )《客户经理服务礼仪手册》/, '$1客户经理服务礼仪手册');
  expect(withWarning).toContain('source: 客户经理服务礼仪手册\n');
  writeFileSync(service, withWarning);
  ws = await startWorkspace({ bankDir, outDir, maxUploadBytes: MAX_UPLOAD });
  browser = await puppeteer.launch({ args: chromium.args, executablePath: await chromium.executablePath(), headless: true });
  page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(ws.url);
});

afterAll(async () => {
  await browser?.close();
  await ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request: our Host, path exactly as written, the session cookie unless told otherwise. */
function raw(path: string, opts: { host?: string; cookie?: boolean; method?: string; body?: Buffer; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: ws.port,
        path,
        method: opts.method ?? 'GET',
        headers: { host: opts.host ?? `127.0.0.1:${ws.port}`, ...(opts.cookie === false ? {} : { cookie: `exampress_${ws.port}=${ws.token}` }), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    // The server may answer (413) and close before reading all of a large body.
    req.on('error', (err) => setTimeout(() => reject(err), 200));
    req.end(opts.body);
  });
}

/** EXAMPRESS_SCREENSHOTS=1 saves the README's pictures of the page (templates/previews/web-*.png). */
async function screenshot(name: string): Promise<void> {
  if (!process.env.EXAMPRESS_SCREENSHOTS) return;
  await page.setViewport({ width: 1000, height: name === 'bank' ? 700 : 900 });
  await page.screenshot({ path: `templates/previews/web-${name}.png` as `${string}.png` });
  await page.setViewport({ width: 1200, height: 900 });
}

const text = (selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);

describe('security', () => {
  it('refuses a request without the token (401) and one with a wrong token', async () => {
    expect((await raw('/', { cookie: false })).status).toBe(401);
    expect((await raw('/?token=wrong', { cookie: false })).status).toBe(401);
    const ok = await raw(`/?token=${ws.token}`, { cookie: false });
    expect(ok.status).toBe(303);
  });

  it('refuses a foreign Host header even with the token (403: DNS rebinding)', async () => {
    const r = await raw('/', { host: `evil.example:${ws.port}` });
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('DH-001');
    expect((await raw('/', { host: `localhost:${ws.port}` })).status).toBe(200);
  });

  it('refuses a form posted from another origin (403)', async () => {
    const r = await raw('/handbook/build', { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('size=a6') });
    expect(r.status).toBe(403);
  });

  it('serves files only from the output folder: ../, encoded and absolute paths are refused', async () => {
    for (const path of ['/files/..%2f..%2fpackage.json', '/files/%2e%2e%2fbank%2ftopics.yaml', '/files/%252e%252e%252fpackage.json', '/files/%2fetc%2fpasswd', '/files/..%5cpackage.json', '/preview/..%2fpackage.json', '/files/bank%2ftopics.yaml']) {
      const r = await raw(path);
      expect(r.status, path).toBe(400);
      expect(r.body).not.toContain('"version"');
      expect(r.body).not.toContain('topics:');
    }
    // The URL parser folds a literal ../ before routing: it lands on no route (404), reading nothing.
    const literal = await raw('/files/../bank/topics.yaml');
    expect(literal.status).toBe(404);
    expect(literal.body).not.toContain('topics:');
    expect((await raw('/files/nothing-here.pdf')).status).toBe(404);
  });

  it('caps uploads by size (413) and type (415)', async () => {
    const boundary = 'XyZ';
    const form = (name: string, bytes: Buffer) =>
      Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const big = await raw('/import', { method: 'POST', headers, body: form('big.txt', Buffer.alloc(MAX_UPLOAD * 2, 0x41)) });
    expect(big.status).toBe(413);
    const exe = await raw('/import', { method: 'POST', headers, body: form('tool.exe', Buffer.from('MZ')) });
    expect(exe.status).toBe(415);
    expect(exe.body).toContain('不支持的文件类型');
  });
});

describe('the bank page', () => {
  it('shows every question with its counts, and finds a Chinese substring in stems and options', async () => {
    expect(await text('#found')).toBe('共 311 题');
    expect(await text('details.counts summary')).toContain('311 题');
    await screenshot('bank');
    await page.type('input[name=q]', '铃响');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
    const ids = await page.$$eval('article.question', (els) => els.map((e) => (e as HTMLElement).dataset.id));
    expect(ids).toContain('DH-001');
    const stems = await page.$$eval('article.question', (els) => els.map((e) => (e as HTMLElement).innerText));
    for (const s of stems) expect(s).toContain('铃响');
    // By option text, filtered by type.
    await page.goto(`${ws.origin}/?q=${encodeURIComponent('三声')}&type=single`);
    expect(await page.$$eval('article.question', (els) => els.map((e) => (e as HTMLElement).dataset.id))).toContain('DH-001');
  });

  it('shows a lint problem on the question it concerns', async () => {
    await page.goto(`${ws.origin}/?q=DH-002`);
    expect(await text('article[data-id="DH-002"] ul.problems')).toContain('source-no-document');
    await page.goto(`${ws.origin}/?q=DH-001`);
    expect(await page.$('article[data-id="DH-001"] ul.problems')).toBeNull();
  });

  it('edits a question through the form: the YAML changes, comments and key order stay; a stale tab is refused', async () => {
    const file = join(bankDir, 'questions', 'dianhua-liyi.yaml');
    const before = readFileSync(file, 'utf8');
    await page.goto(`${ws.origin}/question/DH-001`);
    const stale = await browser.newPage();
    await stale.goto(`${ws.origin}/question/DH-001`);
    await page.$eval('textarea[name=explanation]', (el) => ((el as HTMLTextAreaElement).value = '铃响三声之内接听，让客户不必久等。'));
    await Promise.all([page.waitForNavigation(), page.click('form.edit button[type=submit]')]);
    expect(await text('#saved')).toContain('已保存');
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('    explanation: 铃响三声之内接听，让客户不必久等。\n');
    expect(after).toContain('  # 电话礼仪：培训部维护，勿删\n');
    expect(after).toContain('    difficulty: 1 # 入门题\n');
    expect(after.split('\n').filter((l) => !l.includes('explanation')).join('\n')).toBe(before.split('\n').filter((l) => !l.includes('explanation')).join('\n'));
    // The second tab still holds the old hash.
    await stale.$eval('textarea[name=stem]', (el) => ((el as HTMLTextAreaElement).value = '改过的题干（ ）。'));
    const response = await Promise.all([stale.waitForNavigation(), stale.click('form.edit button[type=submit]')]);
    expect(response[0]?.status()).toBe(409);
    expect(await stale.$eval('#conflict', (el) => (el as HTMLElement).innerText)).toContain('已被修改');
    expect(readFileSync(file, 'utf8')).toBe(after);
    // An invalid value is refused by the bank's schema, and nothing is written.
    await stale.goto(`${ws.origin}/question/DH-001`);
    await stale.$eval('textarea[name=answer]', (el) => ((el as HTMLTextAreaElement).value = 'Z'));
    const bad = await Promise.all([stale.waitForNavigation(), stale.click('form.edit button[type=submit]')]);
    expect(bad[0]?.status()).toBe(422);
    expect(await stale.$eval('#errors', (el) => (el as HTMLElement).innerText)).toContain('answer');
    expect(readFileSync(file, 'utf8')).toBe(after);
    await stale.close();
  });
});

describe('papers', () => {
  it('builds the standard paper, shows page-1 previews, downloads a PDF whose text is the paper, zips them all', async () => {
    await page.goto(`${ws.origin}/blueprints?blueprint=standard.yaml&variants=1`);
    expect(await text('#check')).toContain('可以组卷');
    expect(await page.$$eval('#supply tbody tr', (rows) => rows.length)).toBe(5);
    expect(await text('#supply tbody tr')).toMatch(/^全卷\t50 \/ 311\t/);
    await Promise.all([page.waitForNavigation(), page.click('#build')]);
    expect(await text('#built')).toContain('已生成');
    const files = await page.$$eval('figure.doc', (els) => els.map((e) => (e as HTMLElement).dataset.file));
    expect(files).toEqual(['standard-A-paper.pdf', 'standard-A-key.pdf', 'standard-A-sheet.pdf', 'standard-A-spec.pdf']);
    await page.waitForFunction(() => [...document.querySelectorAll('figure.doc img')].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 100), { timeout: 20_000 });
    expect(await text('#coverage')).toContain('双向细目表');
    await screenshot('outputs');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot('blueprint');
    const bytes = await page.evaluate(async () => Array.from(new Uint8Array(await (await fetch('/files/standard-A-paper.pdf')).arrayBuffer())));
    const paper = await pdfText(new Uint8Array(bytes));
    expect(paper).toContain('个人客户经理服务规范与礼仪知识考试');
    expect(paper).toContain('单项选择题');
    const zip = await page.evaluate(async () => { const r = await fetch('/zip/standard.zip'); return { status: r.status, size: (await r.arrayBuffer()).byteLength }; });
    expect(zip.status).toBe(200);
    expect(zip.size).toBeGreaterThan(bytes.length);
    // Any page: the key's page 2.
    await page.goto(`${ws.origin}/view/standard-A-key.pdf?page=2`);
    expect(await text('h1')).toContain('第 2 /');
  });

  it('two builds posted together never run over each other: each is done or refused (409)', async () => {
    const body = Buffer.from(new URLSearchParams({ blueprint: 'standard.yaml', variants: '1' }).toString());
    const post = () => raw('/blueprints/build', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const statuses = (await Promise.all([post(), post()])).map((r) => r.status);
    expect(statuses).toContain(303);
    for (const s of statuses) expect([303, 409]).toContain(s);
    expect(await pdfText(join(outDir, 'standard-A-paper.pdf'))).toContain('个人客户经理服务规范与礼仪知识考试');
  });

  it('a failed build says why in Chinese, as the CLI says it in English, and leaves the earlier files in place', async () => {
    const paper = join(outDir, 'standard-A-paper.pdf');
    const before = statSync(paper).mtimeMs;
    const body = new URLSearchParams({ blueprint: 'standard.yaml', seed: '-3', variants: '1' });
    const r = await raw('/blueprints/build', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(body.toString()) });
    expect(r.status).toBe(422);
    const cli = await run('paper', '--bank', bankDir, '--blueprint', join(bankDir, 'blueprints', 'standard.yaml'), '--seed', '-3', '--out', join(dir, 'cli-out'));
    const line = cli.stderr.trim().split('\n')[0]!;
    expect(line).toContain('--seed must be');
    expect(r.body).toContain('随机种子必须是 0 到 9007199254740991 之间的整数，收到「-3」');
    expect(statSync(paper).mtimeMs).toBe(before);
    expect(existsSync(paper)).toBe(true);
  });
});

describe('blueprints that cannot be met, and the handbook', () => {
  it('shows the short cell in red and the assembler\'s explanation, as the CLI words it', async () => {
    const bp = readFileSync(join(bankDir, 'blueprints', 'standard.yaml'), 'utf8').replace('count: 5\n    points: 4', 'count: 60\n    points: 4').replace('totalPoints: 100\n', '').replace('{ 易: 25, 中: 15, 难: 10 }', '{ 易: 60, 中: 35, 难: 10 }');
    writeFileSync(join(bankDir, 'blueprints', 'hard.yaml'), bp);
    await page.goto(`${ws.origin}/blueprints?blueprint=hard.yaml`);
    expect(await page.$$eval('#supply td.short', (els) => els.map((e) => (e as HTMLElement).innerText))).toContain('60 / 42 ✗');
    const check = await text('#check');
    expect(check).toContain('无法组卷');
    expect(check).toMatch(/hard\.yaml:\d+:\d+ error section-supply: section 4 \(fill\): needs 60 questions; the bank has 42/);
  });

  it('builds the handbook and previews its cover, contents and any page', async () => {
    await page.goto(`${ws.origin}/handbook`);
    await Promise.all([page.waitForNavigation(), page.click('#build')]);
    expect(await text('#built')).toContain('已生成');
    await page.waitForFunction(() => [...document.querySelectorAll('section figure.doc img')].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 50), { timeout: 20_000 });
    const captions = await page.$$eval('figure.doc figcaption', (els) => els.map((e) => (e as HTMLElement).innerText));
    expect(captions.slice(0, 3)).toEqual(['封面', '目录', '正文第一页']);
    expect(captions.join('\n')).toContain('handbook-imposed.pdf');
    const r = await page.evaluate(async () => { const x = await fetch('/files/handbook-imposed.pdf'); return { status: x.status, type: x.headers.get('content-type') }; });
    expect(r).toEqual({ status: 200, type: 'application/pdf' });
  });
});

describe('import', () => {
  it('uploads a file, shows the dry-run report, accepts it into a chosen topic', async () => {
    await page.goto(`${ws.origin}/import`);
    const input = await page.$('input[type=file]');
    await input!.uploadFile('tests/fixtures/import/aiken.txt');
    await Promise.all([page.waitForNavigation(), page.click('form.settings button')]);
    const report = await text('#report');
    expect(report).toMatch(/可导入 \d+ 题/);
    expect(existsSync(join(bankDir, 'questions', 'imported-aiken.yaml'))).toBe(false);
    await page.select('select[name=topic]', 'dianhua-liyi');
    await Promise.all([page.waitForNavigation(), page.click('#accept')]);
    expect(await text('#imported')).toMatch(/已导入 \d+ 题，写入 .*imported-aiken\.yaml/);
    const written = readFileSync(join(bankDir, 'questions', 'imported-aiken.yaml'), 'utf8');
    expect(written).toContain('topic: dianhua-liyi');
  });
});
