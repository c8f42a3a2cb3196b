// The pipeline's layering, checked (DESIGN.md): stages never reach up into the command line,
// the typesetting engine knows nothing of banks or exams, and only src/cli and src/web touch
// exit codes. A new import that breaks a rule fails here with the file and the import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const src = join(packageRoot(), 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Folders under src/ that each stage imports from (relative imports only). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.[^']+)'|import\('(\.[^']+)'\)/g)].map((m) => relative(src, join(file, '..', m[1] ?? m[2]!)).split(/[\\/]/)[0]!);
}

const RULES: Record<string, string[]> = {
  // stage: the top-level folders it must never import
  typeset: ['bank', 'assemble', 'documents', 'grading', 'cli', 'web'],
  bank: ['assemble', 'documents', 'typeset', 'grading', 'cli', 'web'],
  assemble: ['documents', 'typeset', 'grading', 'cli', 'web'],
  documents: ['grading', 'cli', 'web'],
  grading: ['cli', 'web'],
};

describe('layers', () => {
  for (const [stage, forbidden] of Object.entries(RULES)) {
    test(`src/${stage} imports none of ${forbidden.join(', ')}`, () => {
      const broken = files(join(src, stage)).flatMap((f) => importsOf(f).filter((to) => forbidden.includes(to)).map((to) => `${relative(src, f)} imports src/${to}`));
      expect(broken).toEqual([]);
    });
  }

  test('only the command line sets exit codes or exits the process', () => {
    const offenders = files(src)
      .filter((f) => !relative(src, f).startsWith('cli') && !relative(src, f).startsWith('web'))
      .filter((f) => /process\.exit\(|process\.exitCode\s*=/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f));
    expect(offenders).toEqual([]);
  });
});
