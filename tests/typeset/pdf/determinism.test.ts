// Identical input must give identical bytes in another process too (no time, randomness or
// process-specific state in the file). The child runs the writer transpiled from src/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { defaultFontConfig, loadFonts, packageRoot } from '../../../src/typeset/fonts/index.js';
import { nUp, writePdf } from '../../../src/typeset/pdf/index.js';
import type { LaidOutDocument } from '../../../src/typeset/types.js';
import { textBox, tmp } from './helpers.js';

const root = packageRoot(fileURLToPath(import.meta.url));

/** Transpiles src/paths.ts and src/typeset/{types,fonts,pdf} into `out`, keeping the folder layout. */
function transpileWriter(out: string): void {
  const files = ['src/paths.ts', 'src/typeset/types.ts'];
  for (const dir of ['src/typeset/fonts', 'src/typeset/pdf']) {
    for (const f of readdirSync(join(root, dir))) if (f.endsWith('.ts')) files.push(`${dir}/${f}`);
  }
  for (const file of files) {
    const js = ts.transpileModule(readFileSync(join(root, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const target = join(out, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  writeFileSync(join(out, 'package.json'), JSON.stringify({ name: 'exampress-child', type: 'module' }));
  symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
}

describe('writePdf determinism', () => {
  const fonts = loadFonts();
  const doc: LaidOutDocument = {
    info: { title: '确定性', author: '测试' },
    pages: [1, 2, 3].map((n) => ({
      width: 297.64,
      height: 419.53,
      boxes: [
        textBox(fonts, 30, 50, `第${n}页:客户经理应保持良好的个人卫生习惯。`, n === 2 ? 'sans-bold' : 'serif-regular', 10.5),
        { kind: 'rect' as const, x: 20, y: 20, w: 250, h: 380, stroke: '#333333', lineWidth: 0.5 },
      ],
    })),
  };
  const sheets = nUp(doc.pages, { sheet: 'A4', cols: 2, rows: 2 });

  it('writes the same bytes in a separate node process', () => {
    const out = join(tmp, 'child');
    transpileWriter(out);
    writeFileSync(join(out, 'doc.json'), JSON.stringify({ doc, sheets }));
    const script = `
      import { readFileSync, writeFileSync } from 'node:fs';
      import { defaultFontConfig, loadFonts } from './src/typeset/fonts/index.js';
      import { writePdf } from './src/typeset/pdf/index.js';
      const { doc, sheets } = JSON.parse(readFileSync('doc.json', 'utf8'));
      const fonts = loadFonts(defaultFontConfig(${JSON.stringify(root)}));
      writeFileSync('plain.pdf', writePdf(doc, fonts));
      writeFileSync('imposed.pdf', writePdf(doc, fonts, { sheets }));
    `;
    writeFileSync(join(out, 'child.mjs'), script);
    execFileSync(process.execPath, ['child.mjs'], { cwd: out, env: { ...process.env, TZ: 'Pacific/Auckland' } });
    const fontsHere = loadFonts(defaultFontConfig(root));
    expect(readFileSync(join(out, 'plain.pdf')).equals(writePdf(doc, fontsHere))).toBe(true);
    expect(readFileSync(join(out, 'imposed.pdf')).equals(writePdf(doc, fontsHere, { sheets }))).toBe(true);
  });

  it('writes the same bytes twice in one process, plain and imposed', () => {
    expect(writePdf(doc, fonts).equals(writePdf(doc, fonts))).toBe(true);
    expect(writePdf(doc, fonts, { sheets }).equals(writePdf(doc, fonts, { sheets }))).toBe(true);
  });
});
