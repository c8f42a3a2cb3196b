// The pipeline's layering (DESIGN.md, README "For developers"), checked on the real import graph
// read by the TypeScript parser: stages never import the front ends, the web page never imports
// the command line, the typesetter knows nothing of banks, exams or grading, sibling folders do
// not import each other round a loop, and only the command line ends the process. The checker is
// itself tested: one violation of each rule, planted in a copy of src/, is caught.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { layeringProblems } from './graph.js';

const src = join(packageRoot(), 'src');

describe('layers', () => {
  test('src/ keeps every layering rule', () => {
    expect(layeringProblems(src)).toEqual([]);
  });
});

describe('the layering check catches', () => {
  const copies: string[] = [];
  afterAll(() => copies.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A copy of src/ with `file` given `line` at its top (or appended with `append`). */
  const planted = (file: string, line: string, append = false) => {
    const dir = mkdtempSync(join(tmpdir(), 'exampress-layers-'));
    copies.push(dir);
    cpSync(src, dir, { recursive: true });
    const path = join(dir, file);
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      // a new file
    }
    writeFileSync(path, append ? `${text}\n${line}\n` : `${line}\n${text}`);
    return layeringProblems(dir);
  };

  const cases: [string, string, string, RegExp][] = [
    ['web → cli', 'web/planted.ts', `import { runCli } from '../cli/cli.js';`, /src\/web\/planted\.ts:1 imports src\/cli\/cli\.ts: web must not import cli/],
    ['bank → cli in double quotes', 'bank/planted.ts', `import { runCli } from "../cli/cli.js";`, /src\/bank\/planted\.ts:1 imports src\/cli\/cli\.ts: bank must not import cli/],
    ['typeset → bank, as a re-export', 'typeset/planted.ts', `export { loadBank } from '../bank/load.js';`, /src\/typeset\/planted\.ts:1 imports src\/bank\/load\.ts: typeset must not import bank/],
    ['typeset → grading, as a type import', 'typeset/planted.ts', `import type { ItemStats } from '../grading/items.js';`, /typeset must not import grading/],
    ['grading → web, as a dynamic import', 'grading/planted.ts', `export const load = () => import('../web/server.js');`, /src\/grading\/planted\.ts:1 imports src\/web\/server\.ts: grading must not import web/],
    ['app → cli', 'app/planted.ts', `import { EXIT } from '../cli/io.js';`, /app must not import cli/],
    ['questions → bank', 'questions/planted.ts', `import type { Bank } from '../bank/schema.js';`, /questions must not import bank/],
    ['cli → web outside serve', 'cli/planted.ts', `import { createWorkspace } from '../web/app.js';`, /only cli\/commands\/serve\.ts may import the web page/],
    ['a cycle between typeset/pdf and typeset/fonts', 'typeset/fonts/planted.ts', `import { writePdf } from '../pdf/write.js';`, /folders import each other: typeset\/fonts → typeset\/pdf → typeset\/fonts/],
    ['an exit imported from node:process', 'grading/planted.ts', `import { exit } from 'node:process';\nexport const stop = () => exit(1);`, /src\/grading\/planted\.ts:1 imports exit from node:process: only cli may end the process/],
    ['process.exitCode set in the web page', 'web/planted.ts', `export const fail = () => { process.exitCode = 2; };`, /src\/web\/planted\.ts:1 uses process\.exitCode: only cli may end the process/],
  ];
  for (const [what, file, line, expected] of cases) {
    test(what, () => {
      expect(planted(file, line)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    });
  }
});
