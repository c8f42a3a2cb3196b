// Load a bank folder into a validated Bank, collecting every problem instead of stopping.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath } from '../paths.js';
import type { z } from 'zod';
import {
  NormFileSchema,
  QuestionFileSchema,
  QuestionSchema,
  TopicsFileSchema,
  type Bank,
  type Norm,
  type NormChapter,
  type NormSection,
  type Problem,
  type Question,
  type Topic,
} from './schema.js';
import { isYamlFailure, locate, readYaml, type YamlSource } from './yamlSource.js';

export interface LoadResult {
  bank: Bank;
  problems: Problem[];
}

// How files are named in messages (exported here too, where most of the CLI imports it from).
export { displayPath };

function yamlFilesIn(dir: string, problems: Problem[]): string[] {
  if (!existsSync(dir)) return [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied; give yourself read access to the folder' : code === 'ENOTDIR' ? 'is a file, expected a folder' : (code ?? String(err));
    problems.push({ severity: 'error', file: displayPath(dir), line: 1, col: 1, rule: 'unreadable', message: `cannot list the folder: ${why}` });
    return [];
  }
  return names
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Turn zod issues into located problems. `base` is the path of the validated value. */
function schemaProblems(
  src: YamlSource,
  issues: z.core.$ZodIssue[],
  base: readonly PropertyKey[],
  id?: string,
): Problem[] {
  return issues.map((issue) => {
    const path = [...base, ...issue.path];
    const at = locate(src, path);
    const field = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
    return {
      severity: 'error',
      file: displayPath(src.file),
      line: at.line,
      col: at.col,
      ...(id ? { id } : {}),
      rule: 'schema',
      message: `${field}${issue.message}`,
    };
  });
}

function readOrReport(file: string, problems: Problem[]): YamlSource | undefined {
  const src = readYaml(file);
  if (isYamlFailure(src)) {
    problems.push({ severity: 'error', file: displayPath(src.file), line: src.line, col: src.col, rule: 'yaml', message: src.message });
    return undefined;
  }
  return src;
}

function loadTopics(dir: string, problems: Problem[]): Topic[] {
  const file = join(dir, 'topics.yaml');
  if (!existsSync(file)) {
    problems.push({ severity: 'error', file: displayPath(file), line: 1, col: 1, rule: 'missing-file', message: 'topics.yaml is missing; every bank lists its topics (知识点) there' });
    return [];
  }
  const src = readOrReport(file, problems);
  if (!src) return [];
  const parsed = TopicsFileSchema.safeParse(src.value);
  if (!parsed.success) {
    problems.push(...schemaProblems(src, parsed.error.issues, []));
    return [];
  }
  return parsed.data.topics;
}

function loadQuestionFile(src: YamlSource, problems: Problem[]): Question[] {
  const value = src.value as { topic?: unknown; questions?: unknown } | null;
  // Validate the envelope first, then each question on its own so one bad question
  // does not hide the others.
  const envelope = QuestionFileSchema.pick({ topic: true }).safeParse({ topic: value?.topic });
  if (!envelope.success || !value || !Array.isArray(value.questions)) {
    const issues = envelope.success ? [] : envelope.error.issues;
    problems.push(...schemaProblems(src, issues, []));
    if (!value || !Array.isArray(value.questions)) {
      const at = locate(src, []);
      problems.push({ severity: 'error', file: displayPath(src.file), line: at.line, col: at.col, rule: 'schema', message: 'questions: expected a list of questions' });
    }
    return [];
  }
  const fileTopic = envelope.data.topic;
  const out: Question[] = [];
  (value.questions as unknown[]).forEach((raw, index) => {
    const parsed = QuestionSchema.safeParse(raw);
    const rawId = (raw as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId : undefined;
    if (!parsed.success) {
      problems.push(...schemaProblems(src, parsed.error.issues, ['questions', index], id));
      return;
    }
    const at = locate(src, ['questions', index]);
    out.push({ ...parsed.data, topic: parsed.data.topic ?? fileTopic, loc: { file: displayPath(src.file), line: at.line, col: at.col } });
  });
  return out;
}

function loadNormFile(src: YamlSource, chapterNumber: number, problems: Problem[]): NormChapter | undefined {
  const parsed = NormFileSchema.safeParse(src.value);
  if (!parsed.success) {
    problems.push(...schemaProblems(src, parsed.error.issues, []));
    return undefined;
  }
  const file = displayPath(src.file);
  const where = (path: PropertyKey[]) => ({ file, ...locate(src, path) });
  const ch = parsed.data.chapter;
  const number = String(chapterNumber);
  return {
    ...ch,
    number,
    loc: where(['chapter']),
    sections: ch.sections.map((s, si): NormSection => ({
      ...s,
      number: `${number}.${si + 1}`,
      loc: where(['chapter', 'sections', si]),
      norms: s.norms.map((n, ni): Norm => ({
        ...n,
        number: `${number}.${si + 1}.${ni + 1}`,
        chapterId: ch.id,
        sectionId: s.id,
        loc: where(['chapter', 'sections', si, 'norms', ni]),
      })),
    })),
  };
}

/** Whether `dir` is an existing folder (false when it is missing, a file, or unreadable). */
export function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Load `dir` (topics.yaml, questions/*.yaml, norms/*.yaml). Invalid items are left out of
 * the bank and reported; cross-references (ids, topics, norms) are the linter's job.
 */
export function loadBank(dir: string): LoadResult {
  const problems: Problem[] = [];
  const empty: Bank = { dir, topics: [], questions: [], chapters: [], norms: new Map(), sections: new Map() };
  if (!existsSync(dir) || !isFolder(dir)) {
    problems.push({ severity: 'error', file: displayPath(dir), line: 1, col: 1, rule: 'missing-folder', message: 'bank folder not found; pass --bank DIR with topics.yaml, questions/ and norms/ inside' });
    return { bank: empty, problems };
  }
  const topics = loadTopics(dir, problems);
  const questionFiles = yamlFilesIn(join(dir, 'questions'), problems);
  if (questionFiles.length === 0) {
    problems.push({ severity: 'error', file: displayPath(join(dir, 'questions')), line: 1, col: 1, rule: 'missing-file', message: 'no question files (questions/*.yaml) found' });
  }
  const questions = questionFiles.flatMap((file) => {
    const src = readOrReport(file, problems);
    return src ? loadQuestionFile(src, problems) : [];
  });
  const chapters: NormChapter[] = [];
  for (const file of yamlFilesIn(join(dir, 'norms'), problems)) {
    const src = readOrReport(file, problems);
    const chapter = src && loadNormFile(src, chapters.length + 1, problems);
    if (chapter) chapters.push(chapter);
  }
  const norms = new Map<string, Norm>();
  const sections = new Map<string, NormSection>();
  for (const ch of chapters) {
    for (const s of ch.sections) {
      if (!sections.has(s.id)) sections.set(s.id, s);
      for (const n of s.norms) if (!norms.has(n.id)) norms.set(n.id, n);
    }
  }
  return { bank: { dir, topics, questions, chapters, norms, sections }, problems };
}
