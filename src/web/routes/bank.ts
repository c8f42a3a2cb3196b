// 题库: every question as it prints, with its problems; one question's edit form, saved into
// its YAML file only while the file is what the form was made from.
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EDITED_FIELDS, fieldsFromForm, readQuestion, saveQuestion } from '../../app/questions.js';
import type { Bank } from '../../bank/schema.js';
import { displayPath } from '../../paths.js';
import { html } from '../html.js';
import { fieldText, zh } from '../messages.js';
import { bankPage } from '../pages/bank.js';
import { editPage, formValues } from '../pages/edit.js';
import { notFound, show, STATUS } from '../respond.js';
import type { WorkspaceState } from '../state.js';

const questionFile = (bank: Bank, id: string) => {
  const q = bank.questions.find((x) => x.id === id);
  return q ? resolve(q.loc.file) : undefined;
};

export function bankRoutes(ws: WorkspaceState): Hono {
  const app = new Hono();

  app.get('/', (c) => {
    const { bank, problems } = ws.bank();
    const q = c.req.query();
    return show(c, '题库', 'bank', bankPage(bank, problems, { q: q.q, topic: q.topic, type: q.type, difficulty: q.difficulty, tag: q.tag }));
  });

  app.get('/question/:id', (c) => {
    const id = c.req.param('id');
    const file = questionFile(ws.bank().bank, id);
    const found = file && readQuestion(file, id);
    if (!file || !found) return notFound(c, `题库中没有题目 ${id}`);
    return show(c, `编辑 ${id}`, 'bank', editPage({ id, file: displayPath(file), hash: found.hash, values: formValues(found.raw), saved: c.req.query('saved') === '1' }));
  });

  app.post('/question/:id', bodyLimit({ maxSize: 256 * 1024, onError: (c) => show(c, '太大', 'bank', html`<p>表单过大。</p>`, STATUS.tooLarge) }), async (c) => {
    const id = c.req.param('id');
    const file = questionFile(ws.bank().bank, id);
    if (!file) return notFound(c, `题库中没有题目 ${id}`);
    const body = await c.req.parseBody();
    const form: Record<string, string> = {};
    for (const k of [...EDITED_FIELDS, 'hash']) if (typeof body[k] === 'string') form[k] = body[k] as string;
    const result = saveQuestion(file, id, form.hash ?? '', fieldsFromForm(form));
    if (result.saved) return c.redirect(`/question/${encodeURIComponent(id)}?saved=1`, 303);
    const view = { id, file: displayPath(file), hash: form.hash ?? '', values: form };
    if (result.conflict) return show(c, `编辑 ${id}`, 'bank', editPage({ ...view, conflict: zh(result.problem) }), STATUS.staleEdit);
    return show(c, `编辑 ${id}`, 'bank', editPage({ ...view, errors: result.problems.map(fieldText) }), STATUS.invalid);
  });

  return app;
}
