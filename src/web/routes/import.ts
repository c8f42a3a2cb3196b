// 导入: upload a file and see what the importer makes of it (nothing written), then accept it
// into a chosen topic (written as `exampress bank import` writes: questions/imported-<name>.yaml).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { importQuestions } from '../../app/import.js';
import { IMPORT_EXTENSIONS } from '../../app/names.js';
import { displayPath } from '../../paths.js';
import { sizeText } from '../html.js';
import { zh } from '../messages.js';
import { importPage, type ImportView } from '../pages/import.js';
import { show, STATUS, tooLong } from '../respond.js';
import type { WorkspaceState } from '../state.js';

const ACCEPTED: readonly string[] = IMPORT_EXTENSIONS;

/** An uploaded file's name, safe to write in a folder of ours. */
export const safeName = (name: string, fallback: string) => basename(name).replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '') || fallback;

export function importRoutes(ws: WorkspaceState): Hono {
  const app = new Hono();
  const view = (extra: Partial<ImportView> = {}) => importPage({ topics: ws.bank().bank.topics, maxBytes: ws.maxUpload, accept: ACCEPTED.join(','), ...extra });
  const tooLarge = (c: Context) => show(c, '导入', 'import', view({ error: `文件太大：上限 ${sizeText(ws.maxUpload)}。` }), STATUS.tooLarge);

  app.get('/import', (c) => show(c, '导入', 'import', view()));

  app.post(
    '/import',
    async (c, next) => (tooLong(c, ws.maxUpload) ? tooLarge(c) : next()),
    bodyLimit({ maxSize: ws.maxUpload + 64 * 1024, onError: tooLarge }),
    async (c) => {
      const upload = (await c.req.parseBody()).file;
      if (!(upload instanceof File) || !upload.name) return show(c, '导入', 'import', view({ error: '请选择一个文件。' }), STATUS.invalid);
      const name = safeName(upload.name, 'upload.txt');
      const ext = extname(name).toLowerCase();
      if (!ACCEPTED.includes(ext)) return show(c, '导入', 'import', view({ error: `不支持的文件类型 ${ext || '（无扩展名）'}：可导入 ${ACCEPTED.join(' ')}` }), STATUS.wrongType);
      if (upload.size > ws.maxUpload) return tooLarge(c);
      const dir = mkdtempSync(join(tmpdir(), 'exampress-upload-'));
      const file = join(dir, name);
      writeFileSync(file, new Uint8Array(await upload.arrayBuffer()));
      const id = basename(dir);
      ws.keepUpload(id, { dir, file, name });
      const imported = await importQuestions({ file, bankDir: ws.bankDir, format: 'auto', dryRun: true });
      if (!imported.ok) {
        ws.dropUpload(id);
        return show(c, '导入', 'import', view({ error: imported.problems.map((p) => zh(p).replaceAll(file, name).replaceAll(displayPath(file), name)).join('\n') || '无法读取该文件。' }), STATUS.invalid);
      }
      return show(c, '导入', 'import', view({ upload: { id, name, result: imported.result } }));
    },
  );

  app.post('/import/accept', async (c) => {
    const body = await c.req.parseBody();
    const id = String(body.upload ?? '');
    const u = ws.uploads.get(id);
    if (!u) return show(c, '导入', 'import', view({ error: '找不到这次上传（服务已重启或已导入），请重新上传。' }), STATUS.notFound);
    const topic = String(body.topic ?? '');
    const imported = await importQuestions({ file: u.file, bankDir: ws.bankDir, format: 'auto', ...(topic ? { topic } : {}) });
    if (!imported.ok) return show(c, '导入', 'import', view({ error: imported.problems.map(zh).join('\n') }), STATUS.invalid);
    ws.dropUpload(id);
    const { result, written } = imported;
    const done = written ? `已导入 ${result.questions.length} 题，写入 ${displayPath(written)}。` : '没有新的题目可导入（都已在题库中）。';
    return show(c, '导入', 'import', view({ done: [done] }));
  });

  return app;
}
