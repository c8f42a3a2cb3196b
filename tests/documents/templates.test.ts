// Compiled templates kept in the cache folder (handlebars' precompiled form, keyed by every
// template's source): what prints, and where a template's mistake is reported, are the same
// as when they are compiled afresh.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTemplates, TemplateError } from '../../src/documents/templates.js';

const root = mkdtempSync(join(tmpdir(), 'exampress-templates-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string, main: string, partial = '<p>{{text}}</p>'): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'partials'), { recursive: true });
  writeFileSync(join(dir, 'main.hbs'), main);
  writeFileSync(join(dir, 'partials', 'line.hbs'), partial);
  return dir;
}

const view = { title: '试卷 <b>&', lines: [{ text: '第一题' }, { text: '第二题' }] };
const main = '<doc>\n<h1>{{title}}</h1>\n{{#each lines}}{{> line}}{{/each}}\n</doc>\n';

describe('templates from the cache', () => {
  it('print what freshly compiled templates print, with and without source markers', () => {
    const dir = folder('same', main);
    const cache = { cacheDir: join(root, 'cache-same'), buildId: 't' };
    for (const locate of [false, true]) {
      const fresh = loadTemplates(dir).render('main.hbs', view, { locate });
      expect(loadTemplates(dir, cache).render('main.hbs', view, { locate })).toBe(fresh);
      expect(loadTemplates(dir, cache).render('main.hbs', view, { locate })).toBe(fresh);
    }
    expect(readdirSync(cache.cacheDir).filter((f) => f.startsWith('templates-'))).toHaveLength(2);
  });

  it('are used: a later run takes the compiled form from the cache folder', () => {
    const dir = folder('used', main);
    const cache = { cacheDir: join(root, 'cache-used'), buildId: 't' };
    loadTemplates(dir, cache).render('main.hbs', view);
    const file = join(cache.cacheDir, readdirSync(cache.cacheDir).find((f) => f.startsWith('templates-'))!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('<h1>', '<h2>'));
    expect(loadTemplates(dir, cache).render('main.hbs', view)).toContain('<h2>');
  });

  it('follow an edit of any template or partial', () => {
    const dir = folder('edit', main);
    const cache = { cacheDir: join(root, 'cache-edit'), buildId: 't' };
    expect(loadTemplates(dir, cache).render('main.hbs', view)).toContain('<p>第一题</p>');
    writeFileSync(join(dir, 'partials', 'line.hbs'), '<p>· {{text}}</p>');
    expect(loadTemplates(dir, cache).render('main.hbs', view)).toContain('<p>· 第一题</p>');
  });

  it('report a mistake at the same template line and column', () => {
    const cache = { cacheDir: join(root, 'cache-errors'), buildId: 't' };
    const typo = folder('typo', main.replace('{{title}}', '{{titel}}'));
    const parse = folder('parse', main.replace('{{/each}}', '{{/eahc}}'));
    for (const [dir, message] of [
      [typo, /^main\.hbs:2:\d+: the view has no field "titel"/],
      [parse, /^main\.hbs:3:\d+: /],
    ] as const) {
      const problem = (templates: ReturnType<typeof loadTemplates>) => {
        try {
          templates.render('main.hbs', view);
        } catch (err) {
          expect(err).toBeInstanceOf(TemplateError);
          return (err as Error).message;
        }
        return 'no error';
      };
      const fresh = problem(loadTemplates(dir));
      expect(fresh).toMatch(message);
      expect(problem(loadTemplates(dir, cache))).toBe(fresh);
      expect(problem(loadTemplates(dir, cache))).toBe(fresh);
    }
  });
});
